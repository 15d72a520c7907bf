import type { Db } from "@/db/client";
import { loadArticleCandidates, type CandidateConflict } from "@/lib/articles/candidates";

export interface ClaimConflict extends CandidateConflict {
  /** The sentence of the claim's own article that states this value. */
  sentence: string;
}

/**
 * Where other articles on the desk disagree with the sentence a claim was taken from ("63 here, 62
 * in …"): the conflicts of the article's candidates that this claim quotes, as the article's candidate
 * panel finds them (lib/articles/candidates.ts), so the reviewer sees them without opening the article.
 */
export async function conflictsOfClaim(db: Db, claim: { id: number; articleId: number | null }): Promise<ClaimConflict[]> {
  if (claim.articleId == null) return [];
  const candidates = await loadArticleCandidates(db, claim.articleId);
  if (!candidates.ok) return [];
  const seen = new Set<string>();
  const conflicts: ClaimConflict[] = [];
  for (const candidate of candidates.value) {
    if (candidate.boilerplate || !candidate.claims.some((made) => made.id === claim.id)) continue;
    for (const conflict of candidate.conflicts) {
      const key = `${conflict.otherArticleId}:${conflict.kind}:${conflict.values.join("/")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      conflicts.push({ ...conflict, sentence: candidate.text });
    }
  }
  return conflicts;
}
