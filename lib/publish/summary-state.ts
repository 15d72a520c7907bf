import { inArray } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { verdictStands } from "@/lib/workflow/read-model";
import { parseSnapshot } from "./snapshot";
import { currentPublication } from "./current-publication";

/*
 * Where an article's public summary stands, for the desk (Articles list, article page, the claim
 * page's "Publish the summary" offer). Read from two small queries for any number of articles: the
 * live claims (state, round) and each summary's current snapshot (which claims, in which round).
 */

export type SummaryStateKind =
  /** No summary yet. */
  | "unpublished"
  /** Live, and every verdict in it still stands. */
  | "published"
  /** Live, but a claim in it was returned to the workflow: readers see it marked "under re-review". */
  | "stale"
  /** Withdrawn; the page stays up saying so. */
  | "withdrawn";

export interface SummaryState {
  kind: SummaryStateKind;
  /** The current version (0 when unpublished). */
  version: number;
  slug: string | null;
  /** Claims of the article by state now. */
  open: number;
  verified: number;
  /** Published claims returned since (their verdict no longer stands). */
  returned: number;
  /** Verified claims not in the current version, or re-verified in a later round than published. */
  newlyVerified: number;
  /** Publishing now would change what readers see (and there is at least one verified claim to publish). */
  publishable: boolean;
}

interface LiveClaim {
  id: number;
  articleId: number | null;
  state: "draft" | "reviewed" | "verified";
  round: number;
}

export async function summaryStatesOf(db: DbExecutor, articleIds: readonly number[]): Promise<Map<number, SummaryState>> {
  const ids = [...new Set(articleIds.filter((id) => Number.isSafeInteger(id) && id > 0))];
  const states = new Map<number, SummaryState>();
  if (ids.length === 0) return states;
  const { claims, publications, summaries } = tablesOf(db);
  const live = (await db
    .select({ id: claims.id, articleId: claims.articleId, state: claims.state, round: claims.round })
    .from(claims)
    .where(inArray(claims.articleId, ids))) as LiveClaim[];
  const current = await db
    .select({ articleId: summaries.articleId, slug: summaries.slug, version: summaries.currentVersion, withdrawnAt: summaries.withdrawnAt, snapshot: publications.snapshot })
    .from(summaries)
    .innerJoin(publications, currentPublication(db))
    .where(inArray(summaries.articleId, ids));
  const byArticle = new Map<number, LiveClaim[]>();
  for (const claim of live) {
    if (claim.articleId == null) continue;
    const list = byArticle.get(claim.articleId) ?? [];
    list.push(claim);
    byArticle.set(claim.articleId, list);
  }
  const summaryOf = new Map(current.map((row) => [row.articleId, row]));
  for (const articleId of ids) {
    const own = byArticle.get(articleId) ?? [];
    const verifiedNow = own.filter((c) => c.state === "verified");
    const summary = summaryOf.get(articleId);
    const base = { open: own.length - verifiedNow.length, verified: verifiedNow.length };
    if (!summary) {
      states.set(articleId, {
        kind: "unpublished",
        version: 0,
        slug: null,
        ...base,
        returned: 0,
        newlyVerified: verifiedNow.length,
        publishable: verifiedNow.length > 0,
      });
      continue;
    }
    const published = parseSnapshot(summary.snapshot).claims.map((c) => ({ id: c.id, round: c.round }));
    const liveById = new Map(own.map((c) => [c.id, c]));
    const publishedRound = new Map(published.map((c) => [c.id, c.round]));
    let returned = 0;
    for (const c of published) if (!(await verdictStands(liveById.get(c.id), c.round))) returned += 1;
    const newlyVerified = verifiedNow.filter((c) => publishedRound.get(c.id) !== c.round).length;
    const withdrawn = summary.withdrawnAt != null;
    states.set(articleId, {
      kind: withdrawn ? "withdrawn" : returned > 0 ? "stale" : "published",
      version: summary.version,
      slug: summary.slug,
      ...base,
      returned,
      newlyVerified,
      // A returned claim left out is a correction worth publishing only if something verified remains to publish.
      publishable: verifiedNow.length > 0 && (withdrawn || returned > 0 || newlyVerified > 0),
    });
  }
  return states;
}

export async function summaryStateOf(db: DbExecutor, articleId: number): Promise<SummaryState | null> {
  return (await summaryStatesOf(db, [articleId])).get(articleId) ?? null;
}

/** One line for the desk: "Not published", "Published as version 2", "Needs republishing: a claim was returned". */
export function summaryStateLabel(state: SummaryState): string {
  switch (state.kind) {
    case "unpublished":
      return state.verified > 0 ? `Not published (${state.verified} verified to publish)` : "Not published";
    case "published":
      return state.newlyVerified > 0
        ? `Published as version ${state.version}; ${state.newlyVerified} newly verified to add`
        : `Published as version ${state.version}`;
    case "stale":
      return `Needs republishing: ${state.returned === 1 ? "a claim was" : `${state.returned} claims were`} returned since version ${state.version}`;
    case "withdrawn":
      return `Withdrawn (version ${state.version})`;
  }
}
