import type { Db } from "@/db/client";
import type { FactCheck } from "@/db/schema";
import { contentWords, ftsOrQuery, normalizeClaimText } from "@/lib/match/normalize";

export type FactCheckListItem = Pick<FactCheck, "id" | "url" | "claimReviewed" | "headline" | "rating" | "author" | "datePublished" | "updatedAt">;

const COLUMNS = "f.id, f.url, f.claim_reviewed AS claimReviewed, f.headline, f.rating, f.author, f.date_published AS datePublished, f.updated_at AS updatedAt";

/** The archive's size and a page of it: the latest imported, or the best BM25 matches of a search. */
export function listFactchecks(db: Db, options: { q?: string; limit?: number } = {}): { total: number; items: FactCheckListItem[] } {
  const limit = Math.min(100, Math.max(1, options.limit ?? 50));
  const sqlite = db.$client;
  const total = (sqlite.prepare("SELECT count(*) AS n FROM factchecks").get() as { n: number }).n;
  const q = options.q?.trim() ? ftsOrQuery(contentWords(normalizeClaimText(options.q))) : null;
  if (options.q?.trim() && !q) return { total, items: [] };
  const items = q
    ? (sqlite
        .prepare(`SELECT ${COLUMNS} FROM factchecks_fts JOIN factchecks f ON f.id = factchecks_fts.rowid WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?`)
        .all(q, limit) as FactCheckListItem[])
    : (sqlite.prepare(`SELECT ${COLUMNS} FROM factchecks f ORDER BY f.updated_at DESC, f.id DESC LIMIT ?`).all(limit) as FactCheckListItem[]);
  return { total, items };
}
