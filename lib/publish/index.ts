export { publishSummary, withdrawSummary, type PublishOutcome } from "./publish";
export {
  getPublicSummary,
  listPublicSummaries,
  recentPublicSummaries,
  getEditorSummaryState,
  claimsUnderReReview,
  summarySlugsForClaim,
  type EditorSummaryState,
  type PublicSummaryPage,
} from "./queries";
export { buildSnapshot, verifiedClaimsOf, publicationContentHash } from "./snapshot";
export { diffVersions } from "./changes";
export { buildClaimReviews, jsonLdScript } from "./claim-review";
export { buildSummariesFeed } from "./feed";
export { summaryToMarkdown } from "./markdown";
export { summaryToJson } from "./export";
export { orgName, publicUrl, summaryPath, claimAnchor } from "./config";
export { VERDICT_RATING, RATING_SCALE, VERDICT_ORDER } from "./rating";
export type * from "./types";
