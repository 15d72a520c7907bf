import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import type { Verdict } from "@/lib/core/vocabulary";
import { orgName, publicUrl } from "@/lib/publish/config";
import { listPublicSummaries } from "@/lib/publish/queries";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import { VERDICT_ORDER } from "@/lib/publish/rating";
import { longDate } from "./format";
import { PublicSite } from "./public-site";
import { VerdictLabel } from "./verdict-label";

export function indexMetadata(query: { verdict?: string; cursor?: string } = {}): Metadata {
  const org = orgName();
  const canonical = query.verdict || query.cursor ? `/summaries?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] != null))}` : "/summaries";
  const description = `Claims checked by ${org}: each with its verdict, its sources and the editors who signed it off.`;
  return {
    metadataBase: new URL(publicUrl()),
    title: `Fact-checks from ${org}`,
    description,
    alternates: { canonical, types: { "application/atom+xml": "/summaries/feed.xml" } },
    openGraph: { type: "website", url: canonical, title: `Fact-checks from ${org}`, description, siteName: org },
    twitter: { card: "summary", title: `Fact-checks from ${org}`, description },
  };
}

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === "" ? undefined : one;
}

export function indexQuery(params: Record<string, string | string[] | undefined>): { verdict?: string; cursor?: string } {
  return { verdict: first(params.verdict), cursor: first(params.cursor) };
}

/** The list of fact-checks: the latest (cached, app/summaries/page.tsx) or a filtered or older page (-/list). */
export async function SummaryIndex({ query }: { query: { verdict?: string; cursor?: string } }) {
  const result = await listPublicSummaries(getDb(), query);
  const verdict = result.ok ? (query.verdict as Verdict | undefined) : undefined;
  const page = result.ok ? result.value : { data: [], nextCursor: null };
  const filterHref = (v?: Verdict) => (v ? `/summaries?verdict=${v}` : "/summaries");

  return (
    <PublicSite>
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="font-serif text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">
          {verdict ? `Claims rated “${VERDICT_LABEL[verdict]}”` : "Latest fact-checks"}
        </h1>
        <p className="font-serif text-lg text-slate-700">
          Every claim here was checked by a reporter, reviewed by an editor and verified by a second editor, each step resting on a
          cited source.
        </p>
      </header>

      <nav aria-label="Filter by verdict" className="print:hidden">
        <ul className="flex flex-wrap gap-2 text-sm">
          <li>
            <Link
              href={filterHref()}
              aria-current={!verdict ? "page" : undefined}
              className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:border-slate-500 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
            >
              All
            </Link>
          </li>
          {VERDICT_ORDER.map((v) => (
            <li key={v}>
              <Link
                href={filterHref(v)}
                aria-current={verdict === v ? "page" : undefined}
                className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:border-slate-500 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
              >
                {VERDICT_LABEL[v]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {!result.ok && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {result.error.message} <Link href="/summaries" className="font-semibold underline">Show the latest fact-checks</Link>.
        </p>
      )}

      {page.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          {verdict ? `No published claim is rated “${VERDICT_LABEL[verdict]}” yet.` : "Nothing has been published yet."}
        </p>
      ) : (
        <ol className="divide-y divide-slate-200 border-y border-slate-200">
          {page.data.map((item) => (
            <li key={item.slug} className="py-6">
              <article aria-labelledby={`summary-${item.slug}`} className="space-y-2">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                  <time dateTime={item.firstPublishedAt}>{longDate(item.firstPublishedAt)}</time>
                  {item.version > 1 && <span>· Updated {longDate(item.updatedAt)}</span>}
                  {item.withdrawn && (
                    <span className="rounded bg-red-100 px-1.5 py-0.5 font-bold uppercase tracking-wide text-red-900">Withdrawn</span>
                  )}
                </p>
                <h2 id={`summary-${item.slug}`} className="font-serif text-2xl leading-snug font-bold text-slate-950">
                  <Link href={`/summaries/${item.slug}`} className="hover:underline">
                    {item.title}
                  </Link>
                </h2>
                <p className="line-clamp-3 text-[0.95rem] leading-relaxed text-slate-700">{item.introduction}</p>
                <ul aria-label="Verdicts" className="flex flex-wrap items-center gap-2 pt-1">
                  {VERDICT_ORDER.filter((v) => item.verdicts[v]).map((v) => (
                    <li key={v} className="flex items-center gap-1 text-xs text-slate-600">
                      <VerdictLabel verdict={v} size="sm" />
                      {(item.verdicts[v] ?? 0) > 1 && <span>×{item.verdicts[v]}</span>}
                    </li>
                  ))}
                  <li className="text-xs text-slate-500">
                    · {item.claimCount} claim{item.claimCount === 1 ? "" : "s"}
                  </li>
                </ul>
              </article>
            </li>
          ))}
        </ol>
      )}

      {(page.nextCursor || query.cursor) && (
        <nav aria-label="Pages" className="flex justify-between text-sm font-semibold print:hidden">
          {query.cursor ? (
            <Link href={filterHref(verdict)} className="text-blue-800 hover:underline">
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link
              href={`/summaries?${new URLSearchParams({ ...(verdict ? { verdict } : {}), cursor: page.nextCursor })}`}
              className="text-blue-800 hover:underline"
            >
              Older fact-checks →
            </Link>
          )}
        </nav>
      )}
    </div>
    </PublicSite>
  );
}
