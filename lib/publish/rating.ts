import type { Verdict } from "@/lib/core/vocabulary";

/**
 * The numeric scale published in ClaimReview `reviewRating`: 1 (worst, false) to 5 (best, true).
 *   5 true · 4 mostly true · 3 mixed · 2 misleading · 2 unsupported · 1 false
 * "Unsupported" is not a statement that the claim is false — the evidence does not show it — so it
 * sits below "mixed" and above "false", level with "misleading". Readers and search engines get the
 * words from `alternateName`; the number only orders verdicts from worst to best.
 */
export const RATING_SCALE = { worst: 1, best: 5 } as const;

export const VERDICT_RATING: Record<Verdict, number> = {
  true: 5,
  "mostly-true": 4,
  mixed: 3,
  misleading: 2,
  unsupported: 2,
  false: 1,
};

/** Display order on pages and in counts: worst first is how fact-checkers lead. */
export const VERDICT_ORDER: readonly Verdict[] = ["false", "misleading", "unsupported", "mixed", "mostly-true", "true"];
