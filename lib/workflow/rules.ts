import type { ClaimState, Role } from "@/lib/core/vocabulary";
import { hasRole, type Actor } from "@/lib/core/actor";
import type { TransitionAction } from "@/lib/validations/claims";

/*
 * Every workflow rule, once. The domain functions refuse with these predicates and the UI asks
 * `allowedActions` (permissions.ts), which calls the same predicates, what to show — so a button
 * can never promise something the server will refuse, or the other way round.
 *
 * Order inside a rule: authority (role / ownership) → state → the four-eyes and two-person rules.
 * A wrong state is a `conflict`: it almost always means someone else moved the claim first.
 */

export type Permission =
  | { allowed: true }
  | { allowed: false; code: "forbidden" | "conflict"; reason: string };

/** What the rules need to know about a claim. `currentReviewerId`: who signed the review of the current round. */
export interface ClaimFacts {
  state: ClaimState;
  submitterId: number;
  currentReviewerId: number | null;
}

type RuleActor = Pick<Actor, "id" | "role">;

const ALLOWED: Permission = { allowed: true };
const forbidden = (reason: string): Permission => ({ allowed: false, code: "forbidden", reason });
const conflict = (reason: string): Permission => ({ allowed: false, code: "conflict", reason });

/** The state machine: which states each transition leaves from and where it goes. */
export const TRANSITIONS: Record<TransitionAction, { from: readonly ClaimState[]; to: ClaimState }> = {
  review: { from: ["draft"], to: "reviewed" },
  verify: { from: ["reviewed"], to: "verified" },
  return: { from: ["reviewed", "verified"], to: "draft" },
};

const isEditor = (actor: RuleActor) => hasRole(actor, "editor");
const isSubmitter = (claim: ClaimFacts, actor: RuleActor) => claim.submitterId === actor.id;
/** Whether `action` may leave the claim's current state: read from TRANSITIONS, never re-coded. */
const leavesFrom = (action: TransitionAction, claim: ClaimFacts) => TRANSITIONS[action].from.includes(claim.state);

/** The states claim text may change in: before anyone has signed it off in this round. */
export const EDITABLE_STATES: readonly ClaimState[] = ["draft"];

/** Reporters, editors and admins may all submit claims. */
export function canSubmitClaim(actor: RuleActor): Permission {
  return hasRole(actor, "reporter") ? ALLOWED : forbidden("Only reporters and editors can submit claims");
}

/** Claim text changes only in draft, by its submitter or an editor. Editing is not a sign-off. */
export function canEditClaim(claim: ClaimFacts, actor: RuleActor): Permission {
  if (!isSubmitter(claim, actor) && !isEditor(actor)) return forbidden("Only the submitter or an editor can edit this claim");
  if (!EDITABLE_STATES.includes(claim.state)) {
    return conflict(`Only drafts can be edited; this claim is ${claim.state}. Return it to draft first.`);
  }
  return ALLOWED;
}

/** Four-eyes: an editor other than the submitter reviews a draft. */
export function canReviewClaim(claim: ClaimFacts, actor: RuleActor): Permission {
  if (!isEditor(actor)) return forbidden("Only editors can review claims");
  if (!leavesFrom("review", claim)) return conflict(`This claim is already ${claim.state}`);
  if (isSubmitter(claim, actor)) return forbidden("You submitted this claim, so another editor must review it");
  return ALLOWED;
}

/** Two-person rule: the verifier is neither the submitter nor the reviewer of the current round. */
export function canVerifyClaim(claim: ClaimFacts, actor: RuleActor): Permission {
  if (!isEditor(actor)) return forbidden("Only editors can verify claims");
  if (!leavesFrom("verify", claim)) {
    return conflict(
      claim.state === TRANSITIONS.verify.to ? "This claim is already verified" : "This claim must be reviewed before it can be verified",
    );
  }
  if (isSubmitter(claim, actor)) return forbidden("You submitted this claim, so a different editor must verify it");
  if (claim.currentReviewerId === actor.id) {
    return forbidden("You reviewed this claim in this round, so a different editor must verify it");
  }
  return ALLOWED;
}

/** An editor sends a reviewed or verified claim back to draft, starting a new round. */
export function canReturnClaim(claim: ClaimFacts, actor: RuleActor): Permission {
  if (!isEditor(actor)) return forbidden("Only editors can return claims");
  if (!leavesFrom("return", claim)) return conflict("This claim is already a draft");
  return ALLOWED;
}

export function canTransitionClaim(action: TransitionAction, claim: ClaimFacts, actor: RuleActor): Permission {
  switch (action) {
    case "review":
      return canReviewClaim(claim, actor);
    case "verify":
      return canVerifyClaim(claim, actor);
    case "return":
      return canReturnClaim(claim, actor);
  }
}

export function canAssignClaim(_claim: ClaimFacts, actor: RuleActor): Permission {
  return isEditor(actor) ? ALLOWED : forbidden("Only editors can assign claims");
}

/**
 * Due dates: whoever submits a claim may give it one (it is their own claim then); changing or
 * clearing it later is an editor's call, like an assignment, in any state.
 */
export function canChangeDueDate(_claim: ClaimFacts, actor: RuleActor): Permission {
  return isEditor(actor) ? ALLOWED : forbidden("Only editors can change a claim's due date");
}

/** The desk's target time in each state and the due-soon window are an admin's settings. */
export function canConfigureDeadlines(actor: RuleActor): Permission {
  return hasRole(actor, "admin") ? ALLOWED : forbidden("Only admins can change the desk's targets");
}

/** Citations can be added in any state, by the submitter or an editor. */
export function canAddCitations(claim: ClaimFacts, actor: RuleActor): Permission {
  if (!isSubmitter(claim, actor) && !isEditor(actor)) {
    return forbidden("Only the submitter or an editor can add citations to this claim");
  }
  return ALLOWED;
}

/** Editors publish an article's verified claims as a summary, and republish it as a correction. */
/**
 * What a person's queue holds: an editor works the whole desk, so their filters stand as chosen; a
 * reporter's queue is the claims they submitted. (Any signed-in person may still open any claim.)
 */
export function queueFilters<F extends { submitterId?: number }>(actor: RuleActor, requested: F): F {
  return isEditor(actor) ? requested : { ...requested, submitterId: actor.id };
}

export function canPublishSummary(actor: RuleActor): Permission {
  return isEditor(actor) ? ALLOWED : forbidden("Only editors can publish summaries");
}

/** Editors withdraw a published summary (with a public reason). */
export function canWithdrawSummary(actor: RuleActor): Permission {
  return isEditor(actor) ? ALLOWED : forbidden("Only editors can withdraw summaries");
}

/** Only active editors and admins can be given a claim to work on. */
export function canBeAssigned(user: { role: Role; disabled: boolean; name: string }): Permission {
  if (user.disabled) return forbidden(`${user.name} is disabled and cannot be assigned claims`);
  if (!hasRole(user, "editor")) return forbidden(`${user.name} is not an editor; only editors and admins can be assigned claims`);
  return ALLOWED;
}
