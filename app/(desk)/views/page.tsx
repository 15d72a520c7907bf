import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { Card, PageHeader } from "@/app/_components/page-header";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { configuredPublicUrl } from "@/lib/publish/config";
import { listViews, viewHref } from "@/lib/views/views";
import { ViewForms } from "./view-forms";

export const metadata: Metadata = { title: "Saved views" };

/** The address to share: the configured public URL, else the host this page was asked for. */
async function origin(): Promise<string> {
  const configured = configuredPublicUrl();
  if (configured) return configured;
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const proto = list.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export default async function ViewsPage() {
  const actor = await requirePageActor();
  const views = await listViews(getDb(), actor.id);
  const base = await origin();
  return (
    <>
      <PageHeader
        title="Saved views"
        description="Your saved queue filters and order. Open one from Views in the navigation; share one by its address — it opens the queue with the same filters for whoever follows it (“Assigned to me” and “I can act on” mean them)."
      />
      {views.length === 0 ? (
        <EmptyState title="No saved views yet">
          Filter or sort <Link href="/queue" className="font-semibold text-blue-700 underline">the queue</Link>, then name the view and press Save view.
        </EmptyState>
      ) : (
        <Card flush>
          <ul aria-label="Your saved views" className="divide-y divide-slate-200">
            {views.map((view) => {
              const href = viewHref(view);
              return (
                <li key={view.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
                  <div className="min-w-0 space-y-1">
                    <h2 className="text-base font-semibold text-slate-900">
                      <Link href={href} className="text-blue-700 underline-offset-2 hover:underline">{view.name}</Link>
                    </h2>
                    <p className="text-xs text-slate-600">Saved {formatDateTime(view.createdAt)}</p>
                    <label className="block text-xs text-slate-700">
                      <span className="mb-0.5 block font-medium">Address to share</span>
                      <input readOnly value={`${base}${href}`} className="w-80 max-w-full rounded border-0 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-300" />
                    </label>
                  </div>
                  <ViewForms viewId={view.id} name={view.name} />
                </li>
              );
            })}
          </ul>
        </Card>
      )}
    </>
  );
}
