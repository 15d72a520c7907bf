"use server";

import type { ClaimState } from "@/lib/core/vocabulary";
import { serverAction } from "@/lib/actions/server-action";
import { explainStaleClaim } from "@/lib/actions/stale";
import { addCitations, assignClaim, editClaim, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";

/** What a claim form learns back: where the claim stands now (a refusal is the ActionResult's error). */
export type ClaimOutcome = { claimId: number; state: ClaimState; version: number };

const claimOutcome = (claim: ClaimDetail): ClaimOutcome => ({ claimId: claim.id, state: claim.state, version: claim.version });

/*
 * Each action: the session's actor (re-read from the database, at least a reporter) → the lib/workflow
 * function, which validates the input with the same zod schema as the form, checks the rules and runs
 * in one transaction → the effects of its events (queue, claim and public summary pages refreshed).
 * A refusal because the claim changed meanwhile also says what changed and whether the same action
 * may be applied to the new version (lib/actions/stale.ts). Nothing is decided here.
 */
const claimAction = { role: "reporter", output: claimOutcome } as const;

export const submitClaimAction = serverAction(claimAction, ({ db, actor }, input: unknown) => submitClaim(db, actor, input));

export const transitionClaimAction = serverAction(
  { ...claimAction, stale: explainStaleClaim((input) => (input as { action?: unknown } | null)?.action) },
  ({ db, actor }, claimId: number, input: unknown) => transitionClaim(db, actor, claimId, input),
);

export const editClaimAction = serverAction({ ...claimAction, stale: explainStaleClaim("edit") }, ({ db, actor }, claimId: number, input: unknown) =>
  editClaim(db, actor, claimId, input),
);

export const addCitationsAction = serverAction({ ...claimAction, stale: explainStaleClaim("addCitation") }, ({ db, actor }, claimId: number, input: unknown) =>
  addCitations(db, actor, claimId, input),
);

export const assignClaimAction = serverAction({ ...claimAction, stale: explainStaleClaim("assign") }, ({ db, actor }, claimId: number, input: unknown) =>
  assignClaim(db, actor, claimId, input),
);
