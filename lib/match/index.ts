import type { Db } from "@/db/client";
import { matchTexts } from "./matcher";
import type { CandidateMatch } from "./types";

export { matchText, matchTexts, checkedBeforeThreshold, DEFAULT_LIMIT, MAX_LIMIT } from "./matcher";
export { normalizeClaimText } from "./normalize";
export { matchesForClaim } from "./claim-matches";
export type { Match, CandidateMatch, MatchOptions } from "./types";

/** At most this many "checked before" fact-checks are shown beside one article candidate. */
const PER_CANDIDATE = 3;

/**
 * For the article page: each candidate sentence's earlier fact-checks above the "checked before"
 * threshold (archive, and desk claims published with a verdict), in the order given; [] for none.
 * Identical sentences are matched once.
 */
export function matchCandidates(db: Db, texts: readonly string[]): CandidateMatch[][] {
  const distinct = [...new Set(texts)];
  const found = matchTexts(db, distinct, { limit: PER_CANDIDATE, aboveThreshold: true, publishedOnly: true });
  const byText = new Map(distinct.map((text, i) => [text, found[i]]));
  return texts.map((text) => byText.get(text)!);
}
