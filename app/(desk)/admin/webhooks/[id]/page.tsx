import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime, RelativeTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { toId } from "@/lib/core/ids";
import type { DeliveryStatus } from "@/lib/delivery/vocabulary";
import { getWebhook, listDeliveries, type DeliverySummary } from "@/lib/webhooks/webhooks";
import { ReplayButton } from "./replay-button";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

const STATUS: Record<DeliveryStatus, { label: string; tone: "slate" | "amber" | "red" }> = {
  delivered: { label: "Delivered", tone: "slate" },
  pending: { label: "Pending", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
};

function answerOf(entry: DeliverySummary["log"][number]): string {
  if (entry.ok) return `${entry.status ?? "accepted"}`;
  return entry.error ?? `HTTP ${entry.status}`;
}

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor("admin");
  const id = toId((await params).id);
  if (id === null) notFound();
  const db = getDb();
  const hook = await getWebhook(db, actor, id);
  if (!hook.ok) notFound();
  const log = await listDeliveries(db, actor, id);
  const rows = log.ok ? log.value.data : [];
  return (
    <>
      <PageHeader
        title="Delivery log"
        description={
          <>
            Deliveries to <span className="font-mono break-all">{hook.value.url}</span> ({hook.value.eventTypes.join(", ")}), newest first.{" "}
            <Link href="/admin/webhooks" className="font-medium text-blue-700 underline">
              All webhooks
            </Link>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing delivered yet">Deliveries appear here when an event this hook subscribes to happens.</EmptyState>
      ) : (
        <Card flush>
          <DataTable
            caption="Deliveries"
            rows={rows}
            rowKey={(delivery) => delivery.id}
            columns={[
              { header: "Delivery", cellClassName: "tabular-nums", cell: (delivery) => `#${delivery.id}` },
              {
                header: "Event",
                cell: (delivery) => (
                  <>
                    <code className="font-mono text-xs">{delivery.eventType}</code>
                    <span className="block text-xs text-slate-500">event {delivery.eventId}</span>
                  </>
                ),
              },
              { header: "Status", cell: (delivery) => <Badge tone={STATUS[delivery.status].tone}>{STATUS[delivery.status].label}</Badge> },
              { header: "Attempts", cellClassName: "tabular-nums", cell: (delivery) => delivery.attempts },
              { header: "Response", cellClassName: "tabular-nums", cell: (delivery) => delivery.lastStatus ?? "—" },
              { header: "Last error", cellClassName: "max-w-xs break-words text-xs", cell: (delivery) => delivery.lastError ?? "—" },
              {
                header: "When",
                cell: (delivery) =>
                  delivery.deliveredAt ? (
                    <>Delivered <RelativeTime iso={delivery.deliveredAt} /></>
                  ) : delivery.nextAttemptAt ? (
                    <>Next try <DateTime iso={delivery.nextAttemptAt} /></>
                  ) : (
                    "Given up"
                  ),
              },
              {
                header: "Attempt log",
                cellClassName: "text-xs",
                cell: (delivery) => (
                  <ol className="space-y-0.5">
                    {delivery.log.map((entry, index) => (
                      <li key={index} className={entry.ok ? "text-emerald-800" : "text-red-700"}>
                        {entry.ok ? "✓" : "✗"} <DateTime iso={entry.at} />: {answerOf(entry)} ({entry.durationMs} ms)
                      </li>
                    ))}
                  </ol>
                ),
              },
              { header: "Actions", className: "text-right", cell: (delivery) => <ReplayButton webhookId={id} deliveryId={delivery.id} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
