import type { ClaimState } from "@/lib/core/vocabulary";

/**
 * One earlier fact-check (or claim on the desk) that may settle a claim: the shape of `claims:match --json`,
 * `POST /api/v1/match` and `GET /api/v1/claims/{id}/matches` (issue #13).
 */
export interface Match {
  /** The fact-check's URL; for a desk claim its public summary anchor when published, else its desk page. */
  url: string;
  claimReviewed: string;
  headline: string | null;
  /** The verdict as the fact-checker words it (a desk claim: its verdict's label, when it has one). */
  rating: string | null;
  /** The fact-checking organisation. */
  author: string | null;
  datePublished: string | null;
  source: "archive" | "desk";
  claimId?: number;
  state?: ClaimState;
  /** Desk claims: who has it (the assignee's name), null when nobody does. */
  assignee?: string | null;
  /** Calibrated probability in [0,1] that this fact-check settles the claim. */
  score: number;
}

/** A match above the "checked before" threshold (what the article page shows beside a candidate). */
export type CandidateMatch = Match;

export interface MatchOptions {
  /** At most this many matches (default 5, at most 50). */
  limit?: number;
  /** Only matches whose calibrated score reaches the model's "checked before" threshold. */
  aboveThreshold?: boolean;
  /** Leave this desk claim out (a claim page's own claim). */
  excludeClaimId?: number;
  /** Desk claims only when published with a verdict (the article page's "checked before"). */
  publishedOnly?: boolean;
  /** Search the archive, the desk or both (default both). */
  sources?: ReadonlyArray<Match["source"]>;
}
