export { submitClaim, DEFAULT_SUBMIT_NOTE } from "./submit";
export { transitionClaim } from "./transition";
export { editClaim } from "./edit";
export { addCitations } from "./add-citations";
export { assignClaim } from "./assign";
export {
  getClaimDetail,
  listClaims,
  listClaimRows,
  countClaimsByState,
  toFtsQuery,
  listVerifiedClaimsOfArticle,
  claimsReopenedSince,
  citationsFirstSignedOfClaims,
  getClaimArticleId,
  reviewersOfRows,
  signoffTrailsOf,
  claimRowsByIds,
  claimSortPosition,
  claimRowBatches,
  NO_DUE_DATE_KEY,
  type ListViewer,
} from "./queries";
export {
  roundSignoffs,
  reviewerOfRound,
  citationsFirstSigned,
  signedCitationIds,
  signedCitations,
  verdictStands,
  enteredStateAt,
  currentReturn,
  latestReturn,
  type RoundSignoffs,
} from "./read-model";
export { allowedActions, CLAIM_ACTIONS, type AllowedActions, type ClaimAction } from "./permissions";
export {
  TRANSITIONS,
  canSubmitClaim,
  canEditClaim,
  canReviewClaim,
  canVerifyClaim,
  canReturnClaim,
  canTransitionClaim,
  canAssignClaim,
  canAddCitations,
  canBeAssigned,
  queueFilters,
  type ClaimFacts,
  type Permission,
} from "./rules";
export {
  verifyAuditChain,
  signoffHash,
  citationHash,
  GENESIS_HASH,
  type AuditChainReport,
  type AuditProblem,
  type SignoffChainContent,
  type VerifyOptions,
} from "./audit";
export { sha256Hex, canonicalJson } from "./hash";
export type { DbExecutor } from "@/db/client";
export type {
  ClaimDetail,
  ClaimListItem,
  ClaimPage,
  ClaimRowPage,
  ClaimRowView,
  ClaimCounts,
  CitationView,
  SignoffView,
  RevisionView,
  AssignmentView,
} from "./types";
export type {
  CitationInput,
  SubmitClaimInput,
  TransitionInput,
  TransitionAction,
  EditClaimInput,
  AddCitationsInput,
  AssignClaimInput,
  ClaimFilters,
  ClaimSort,
  PageInput,
  ClaimListQuery,
  QueueQuery,
} from "@/lib/validations/claims";
