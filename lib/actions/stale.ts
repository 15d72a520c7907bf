import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { AppError } from "@/lib/core/result";
import type { DbExecutor } from "@/db/client";
import { getClaimDetail } from "@/lib/workflow/queries";
import { allowedActions, CLAIM_ACTIONS, type ClaimAction } from "@/lib/workflow/permissions";
import { changesSince } from "@/lib/workflow/changes-since";
import type { StaleRefusal } from "./result";
import type { StaleExplainer } from "./server-action";

/**
 * When a claim change was refused because the claim moved on since the form saw it (a conflict whose
 * current version is not the one sent): what changed since, and whether the same action is allowed
 * on the version now current for this person (allowedActions, the rules' own answer). Null for any
 * other refusal, which the form shows as it is.
 */
export async function staleRefusal(
  db: DbExecutor,
  actor: Pick<Actor, "id" | "role">,
  claimId: number,
  action: ClaimAction | null,
  seenVersion: unknown,
  error: AppError,
): Promise<StaleRefusal | null> {
  if (error.code !== "conflict" || action === null || typeof seenVersion !== "number") return null;
  if (typeof error.details?.currentVersion !== "number" || error.details.currentVersion === seenVersion) return null;
  const claim = await getClaimDetail(db, claimId);
  if (!claim) return null;
  return {
    seenVersion,
    currentVersion: claim.version,
    state: claim.state,
    changes: await changesSince(db, claim.id, seenVersion),
    retry: allowedActions(claim, actor)[action],
  };
}

const isClaimAction = (value: unknown): value is ClaimAction => CLAIM_ACTIONS.includes(value as ClaimAction);

/**
 * serverAction's `stale` for the claim forms' actions `(claimId, input)`: `action` names the rule
 * (or, for transitions, reads it from the input), and the input's expectedVersion is what was seen.
 */
export function explainStaleClaim(action: ClaimAction | ((input: unknown) => unknown)): StaleExplainer<[number, unknown]> {
  return ({ db, actor }, error, claimId, input) => {
    const named = typeof action === "function" ? action(input) : action;
    const seen = (input as { expectedVersion?: unknown } | null)?.expectedVersion;
    return staleRefusal(db, actor, claimId, isClaimAction(named) ? named : null, seen, error);
  };
}
