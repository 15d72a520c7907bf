import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { summaries } from "@/db/schema";

/*
 * Which public pages show a summary, so that its changes (publish, correction, withdrawal, a claim
 * of it reopened) refresh exactly those. Public summary pages are cached (ISR); the page
 * revalidation consumer of the events outbox (lib/events/handlers/revalidate.ts) asks here.
 *
 * Literal paths, not `revalidatePath(slug, "layout")`: Next derives layout tags from the route
 * pattern (/summaries/[slug]/layout), so a literal layout path would not reach the version pages.
 */

/** The summary's page, every version's page (each lists the versions and shows a withdrawal) and the index. */
export function publicSummaryPaths(slug: string, currentVersion: number): string[] {
  const paths = [`/summaries/${slug}`, "/summaries"];
  for (let version = 1; version <= currentVersion; version += 1) paths.push(`/summaries/${slug}/v/${version}`);
  return paths;
}

/** The public pages of the article's summary, if it has one; read from `db`, as it stands now. */
export function publicPathsOfArticle(db: DbExecutor, articleId: number): string[] {
  const summary = db
    .select({ slug: summaries.slug, currentVersion: summaries.currentVersion })
    .from(summaries)
    .where(eq(summaries.articleId, articleId))
    .get();
  return summary ? publicSummaryPaths(summary.slug, summary.currentVersion) : [];
}
