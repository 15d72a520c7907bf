import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listWebhooks } from "@/lib/webhooks/webhooks";
import { CreateWebhookForm } from "./create-webhook-form";
import { DeleteWebhookButton } from "./delete-webhook-button";
import { PauseWebhookButton } from "./pause-webhook-button";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const actor = await requirePageActor("admin");
  const listed = await listWebhooks(getDb(), actor);
  const hooks = listed.ok ? listed.value : [];
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Newsroom tools (chat, CMS) hear about the desk's changes: each event they subscribe to is POSTed to them as signed JSON, retried with backoff until they answer 2xx, and logged."
      />
      <Card className="mb-6">
        <h2 className="mb-4 text-base font-semibold">Register a webhook</h2>
        <CreateWebhookForm />
      </Card>
      {hooks.length === 0 ? (
        <EmptyState title="No webhooks yet">Register one above; its signing secret is shown once.</EmptyState>
      ) : (
        <Card flush>
          <DataTable
            caption="Registered webhooks"
            rows={hooks}
            rowKey={(hook) => hook.id}
            columns={[
              {
                header: "Endpoint",
                cellClassName: "font-medium text-slate-900 break-all",
                cell: (hook) => (
                  <>
                    <Link href={`/admin/webhooks/${hook.id}`} className="text-blue-700 underline">
                      {hook.url}
                    </Link>
                    {hook.description && <span className="block text-xs font-normal text-slate-500">{hook.description}</span>}
                  </>
                ),
              },
              { header: "Events", cellClassName: "font-mono text-xs", cell: (hook) => hook.eventTypes.join(", ") },
              { header: "Status", cell: (hook) => (hook.active ? <Badge>Active</Badge> : <Badge tone="amber">Paused</Badge>) },
              {
                header: "Deliveries",
                cellClassName: "tabular-nums whitespace-nowrap",
                cell: (hook) => (
                  <>
                    {hook.deliveries.delivered} delivered
                    {hook.deliveries.pending > 0 && <span className="block text-amber-800">{hook.deliveries.pending} pending</span>}
                    {hook.deliveries.failed > 0 && <span className="block text-red-700">{hook.deliveries.failed} failed</span>}
                  </>
                ),
              },
              { header: "Created", cell: (hook) => <DateTime iso={hook.createdAt} /> },
              {
                header: "Actions",
                className: "text-right",
                cell: (hook) => (
                  <div className="flex items-center justify-end gap-2">
                    <Link href={`/admin/webhooks/${hook.id}`} className="rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50">
                      Delivery log<span className="sr-only"> of {hook.url}</span>
                    </Link>
                    <PauseWebhookButton webhookId={hook.id} url={hook.url} active={hook.active} />
                    <DeleteWebhookButton webhookId={hook.id} url={hook.url} />
                  </div>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
