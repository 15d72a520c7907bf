import type { Actor } from "@/lib/core/actor";
import {
  canAddCitations,
  canAssignClaim,
  canEditClaim,
  canReturnClaim,
  canReviewClaim,
  canVerifyClaim,
  type ClaimFacts,
  type Permission,
} from "./rules";

export const CLAIM_ACTIONS = ["edit", "review", "verify", "return", "assign", "addCitation"] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export type AllowedActions = Record<ClaimAction, Permission>;

/**
 * What `actor` may do to `claim` right now, each with a human reason when not — for the UI to show
 * or explain buttons. Uses the very predicates the domain functions enforce (rules.ts).
 * A `ClaimDetail` or `ClaimListItem` can be passed as is.
 */
export function allowedActions(claim: ClaimFacts, actor: Pick<Actor, "id" | "role">): AllowedActions {
  return {
    edit: canEditClaim(claim, actor),
    review: canReviewClaim(claim, actor),
    verify: canVerifyClaim(claim, actor),
    return: canReturnClaim(claim, actor),
    assign: canAssignClaim(claim, actor),
    addCitation: canAddCitations(claim, actor),
  };
}
