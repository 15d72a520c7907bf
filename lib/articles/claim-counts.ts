import { and, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { claims } from "@/db/schema";
import { CLAIM_STATES, type ClaimState } from "@/lib/core/vocabulary";

export type ClaimCounts = Record<ClaimState, number> & { total: number };

const empty = (): ClaimCounts => ({ draft: 0, reviewed: 0, verified: 0, total: 0 });

/** Claims per state for each article, in one query; articles without claims get zeros. */
export function claimCountsByArticle(db: Db, articleIds: number[]): Map<number, ClaimCounts> {
  const counts = new Map<number, ClaimCounts>(articleIds.map((id) => [id, empty()]));
  if (articleIds.length === 0) return counts;
  const rows = db
    .select({ articleId: claims.articleId, state: claims.state, n: sql<number>`count(*)` })
    .from(claims)
    .where(and(inArray(claims.articleId, articleIds)))
    .groupBy(claims.articleId, claims.state)
    .all();
  for (const row of rows) {
    if (row.articleId == null || !CLAIM_STATES.includes(row.state)) continue;
    const entry = counts.get(row.articleId) ?? empty();
    entry[row.state] += row.n;
    entry.total += row.n;
    counts.set(row.articleId, entry);
  }
  return counts;
}
