import { count, inArray } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { CLAIM_STATES, type ClaimState } from "@/lib/core/vocabulary";

export type ClaimCounts = Record<ClaimState, number> & { total: number };

const empty = (): ClaimCounts => ({ draft: 0, reviewed: 0, verified: 0, total: 0 });

/** Claims per state for each article, in one query; articles without claims get zeros. Either engine. */
export async function claimCountsByArticle(db: DbExecutor, articleIds: number[]): Promise<Map<number, ClaimCounts>> {
  const counts = new Map<number, ClaimCounts>(articleIds.map((id) => [id, empty()]));
  if (articleIds.length === 0) return counts;
  const { claims } = tablesOf(db);
  // drizzle's count() maps to a number on both engines (node-postgres answers count(*) as a string).
  const rows = await db
    .select({ articleId: claims.articleId, state: claims.state, n: count() })
    .from(claims)
    .where(inArray(claims.articleId, articleIds))
    .groupBy(claims.articleId, claims.state);
  for (const row of rows) {
    if (row.articleId == null || !CLAIM_STATES.includes(row.state)) continue;
    const entry = counts.get(row.articleId) ?? empty();
    entry[row.state] += row.n;
    entry.total += row.n;
    counts.set(row.articleId, entry);
  }
  return counts;
}
