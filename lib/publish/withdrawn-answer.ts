import { eq } from "drizzle-orm";
import { getDb, type DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { escapeHtml } from "@/lib/http/escape-html";
import { orgName, publicUrl, summaryPath } from "./config";
import { PUBLIC_CACHE_CONTROL } from "./cache-policy";
import { withoutDeskReferences } from "./public-view";
import { currentPublication } from "./current-publication";

/*
 * A withdrawn summary's address answers 410 Gone with the withdrawal notice (search engines drop
 * it; readers learn why). Pages cannot choose their status in the App Router, and the summary page
 * is served from the cache, so proxy.ts asks here first, for the summary's page and its embed:
 * one indexed lookup by slug, nothing else for any other path. Earlier versions (/v/N) stay readable
 * with 200, and the JSON keeps answering (the page's live check reads `withdrawn` there).
 */

/** `/summaries/{slug}` and `/summaries/{slug}/embed…`: the addresses a withdrawal takes down. */
const GONE_PATHS = /^\/summaries\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/embed(?:\/.*)?)?$/;

export interface Withdrawal {
  slug: string;
  title: string;
  version: number;
  at: string;
  reason: string;
}

export async function withdrawalOf(db: DbExecutor, slug: string): Promise<Withdrawal | null> {
  const { publications, summaries } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ slug: summaries.slug, version: summaries.currentVersion, at: summaries.withdrawnAt, reason: summaries.withdrawnReason, title: publications.title })
      .from(summaries)
      .innerJoin(publications, currentPublication(db))
      .where(eq(summaries.slug, slug)),
  );
  if (!row?.at) return null;
  return { slug: row.slug, title: withoutDeskReferences(row.title), version: row.version, at: row.at, reason: withoutDeskReferences(row.reason ?? "") };
}


const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The notice as a small self-contained page (inline styles: the public CSP allows them, and no asset can be missing). */
export function withdrawnNoticeHtml(withdrawal: Withdrawal, options: { baseUrl: string; orgName: string; embed: boolean }): string {
  const page = `${options.baseUrl}${summaryPath(withdrawal.slug)}`;
  const record = `${options.baseUrl}${summaryPath(withdrawal.slug, withdrawal.version)}`;
  const target = options.embed ? ' target="_blank" rel="noopener"' : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Withdrawn: ${escapeHtml(withdrawal.title)} · ${escapeHtml(options.orgName)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(page)}">
</head>
<body style="margin:0;font-family:system-ui,sans-serif;background:#fbfaf7;color:#0f172a">
<main style="max-width:40rem;margin:0 auto;padding:${options.embed ? "1rem" : "2.5rem 1.25rem"}">
<p style="margin:0;font-size:.75rem;font-weight:700;letter-spacing:.15em;text-transform:uppercase;color:#991b1b">${escapeHtml(options.orgName)} · Fact-check withdrawn</p>
<h1 style="font-family:Georgia,serif;font-size:${options.embed ? "1.25rem" : "2rem"};line-height:1.2">${escapeHtml(withdrawal.title)}</h1>
<div role="note" style="border:1px solid #fca5a5;background:#fef2f2;color:#450a0a;border-radius:.5rem;padding:.75rem 1rem">
<p style="margin:0;font-weight:600">This fact-check was withdrawn on ${escapeHtml(day(withdrawal.at))}.</p>
<p style="margin:.25rem 0 0">${escapeHtml(withdrawal.reason)}</p>
</div>
<p>The withdrawn text is kept, unchanged, so the record stays public: <a href="${escapeHtml(record)}"${target} style="color:#1e40af">read version ${withdrawal.version} as it was published</a>.</p>
<p><a href="${escapeHtml(`${options.baseUrl}/summaries`)}"${target} style="color:#1e40af">All fact-checks from ${escapeHtml(options.orgName)}</a></p>
</main>
</body></html>
`;
}

/**
 * The 410 answer for a withdrawn summary's page or embed; null for every other path (and for a
 * summary that stands), so the request goes on as usual. Called by proxy.ts before the cache.
 */
export async function withdrawnAnswer(pathname: string, db: DbExecutor = getDb()): Promise<Response | null> {
  const match = GONE_PATHS.exec(pathname);
  if (!match) return null;
  const withdrawal = await withdrawalOf(db, match[1]);
  if (!withdrawal) return null;
  const html = withdrawnNoticeHtml(withdrawal, { baseUrl: publicUrl(), orgName: orgName(), embed: match[2] != null });
  return new Response(html, {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": PUBLIC_CACHE_CONTROL, "x-robots-tag": "noindex" },
  });
}
