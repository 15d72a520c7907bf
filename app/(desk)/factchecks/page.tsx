import type { Metadata } from "next";
import { ExternalLink } from "lucide-react";
import { Card, PageHeader } from "@/app/_components/page-header";
import { EmptyState } from "@/app/_components/empty-state";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listFactchecks } from "@/lib/factchecks";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Fact-checks" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The archive of earlier fact-checks the matcher searches (issue #13): import ClaimReview files, browse and search. */
export default async function FactchecksPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageActor("editor");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const { total, items } = listFactchecks(getDb(), { q, limit: 50 });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Fact-checks"
        description={`Earlier fact-checks (schema.org ClaimReview) that new claims are matched against: ${total.toLocaleString("en")} in the archive.`}
      />
      <Card>
        <h2 className="text-base font-semibold text-slate-900">Import</h2>
        <p className="mt-0.5 text-sm text-slate-600">
          A JSON-LD file (one ClaimReview, an array, or a DataFeed as published for Google&apos;s Fact Check Tools) or a saved HTML page carrying them. A review already here
          (same URL) is updated.
        </p>
        <ImportForm />
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">Archive</h2>
        <form role="search" method="get" className="mt-2 flex flex-wrap items-end gap-2">
          <label className="text-sm font-medium text-slate-700" htmlFor="factcheck-search">
            Search the archive
          </label>
          <input id="factcheck-search" name="q" type="search" defaultValue={q} className="min-w-64 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button type="submit" className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            Search
          </button>
        </form>
        {items.length === 0 ? (
          <div className="mt-4">
            <EmptyState title={q ? "No fact-check matches that search" : "The archive is empty"}>{q ? "Try other words." : "Import a ClaimReview file above."}</EmptyState>
          </div>
        ) : (
          <ul className="mt-4 divide-y divide-slate-200" aria-label={q ? "Search results" : "Latest imported"}>
            {items.map((item) => (
              <li key={item.id} className="py-2.5">
                <p className="font-medium text-slate-900">
                  <a href={item.url} className="inline-flex items-center gap-1 text-blue-800 hover:underline" target="_blank" rel="noreferrer noopener">
                    {item.headline ?? item.claimReviewed}
                    <ExternalLink aria-hidden className="size-3.5" />
                    <span className="sr-only">(opens in a new tab)</span>
                  </a>
                </p>
                {item.headline && <p className="text-sm text-slate-700">“{item.claimReviewed}”</p>}
                <p className="text-xs text-slate-600">
                  {item.author ?? "Unknown fact-checker"}
                  {item.rating && <> · rated <strong className="text-slate-800">{item.rating}</strong></>}
                  {item.datePublished && <> · {item.datePublished.slice(0, 10)}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
