import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { parseSnapshot } from "./snapshot";

/*
 * Which public answers show a summary, so that its changes (publish, correction, withdrawal, a claim
 * of it reopened) refresh exactly those: every one is cached (ISR, lib/publish/cache-policy.ts). The
 * page revalidation consumer of the events outbox (lib/events/handlers/pages.ts) asks here.
 *
 * Literal paths, not `revalidatePath(slug, "layout")`: Next derives layout tags from the route
 * pattern (/summaries/[slug]/layout), so a literal layout path would not reach the version pages.
 */

/** The list and the feed: every publication, withdrawal and return can change them. */
export const PUBLIC_LISTS = ["/summaries", "/summaries/feed.xml"];

/**
 * The summary's page, its share image and embed, every version's page and image (each lists the
 * versions and shows a withdrawal), the claim embeds of every claim it has carried, and the lists.
 */
export function publicSummaryPaths(slug: string, currentVersion: number, claimIds: readonly number[] = []): string[] {
  const base = `/summaries/${slug}`;
  const paths = [base, `${base}/opengraph-image`, `${base}/embed`, ...PUBLIC_LISTS];
  for (let version = 1; version <= currentVersion; version += 1) paths.push(`${base}/v/${version}`, `${base}/v/${version}/opengraph-image`);
  for (const claimId of claimIds) paths.push(`${base}/embed/claim/${claimId}`);
  return paths;
}

/** Every claim any version of the summary carried: a claim dropped by a correction has its embed refreshed too. */
async function claimIdsOfSummary(db: DbExecutor, summaryId: number): Promise<number[]> {
  const { publications } = tablesOf(db);
  const ids = new Set<number>();
  for (const row of await db.select({ snapshot: publications.snapshot }).from(publications).where(eq(publications.summaryId, summaryId))) {
    for (const claim of parseSnapshot(row.snapshot).claims) ids.add(claim.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The public pages of a summary by slug, read from `db` as it stands now ([] when there is none). */
export async function publicPathsOfSlug(db: DbExecutor, slug: string): Promise<string[]> {
  const { summaries } = tablesOf(db);
  const summary = await firstRow(db.select({ id: summaries.id, slug: summaries.slug, currentVersion: summaries.currentVersion }).from(summaries).where(eq(summaries.slug, slug)));
  return summary ? publicSummaryPaths(summary.slug, summary.currentVersion, await claimIdsOfSummary(db, summary.id)) : [];
}

/** The public pages of the article's summary, if it has one; read from `db`, as it stands now. */
export async function publicPathsOfArticle(db: DbExecutor, articleId: number): Promise<string[]> {
  const { summaries } = tablesOf(db);
  const summary = await firstRow(
    db.select({ id: summaries.id, slug: summaries.slug, currentVersion: summaries.currentVersion }).from(summaries).where(eq(summaries.articleId, articleId)),
  );
  return summary ? publicSummaryPaths(summary.slug, summary.currentVersion, await claimIdsOfSummary(db, summary.id)) : [];
}
