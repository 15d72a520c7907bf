import type { Db } from "@/db/client";
import { matchText } from "./matcher";
import type { CandidateMatch } from "./types";

export { matchText, checkedBeforeThreshold, DEFAULT_LIMIT, MAX_LIMIT } from "./matcher";
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
  const seen = new Map<string, CandidateMatch[]>();
  return texts.map((text) => {
    let matches = seen.get(text);
    if (!matches) {
      matches = matchText(db, text, { limit: PER_CANDIDATE, aboveThreshold: true, publishedOnly: true });
      seen.set(text, matches);
    }
    return matches;
  });
}
