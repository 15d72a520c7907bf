"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { ClaimState } from "@/lib/core/vocabulary";
import { requireActionActor } from "@/lib/auth/guards";
import { revalidateSummariesIfReopened } from "@/lib/publish/revalidate";
import type { AppError, Result } from "@/lib/core/result";
import { addCitations, assignClaim, editClaim, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";

/** What a claim form learns back: where the claim stands now, or why the change was refused. */
export type ClaimActionResult =
  | { ok: true; claimId: number; state: ClaimState; version: number }
  | { ok: false; error: AppError };

function settle(result: Result<ClaimDetail>): ClaimActionResult {
  if (!result.ok) return { ok: false, error: result.error };
  const claim = result.value;
  revalidatePath("/");
  revalidatePath(`/claims/${claim.id}`);
  return { ok: true, claimId: claim.id, state: claim.state, version: claim.version };
}

/*
 * Each action: the session's actor (re-read from the database) → the lib/workflow function, which
 * validates the input with the same zod schema as the form, checks the rules and runs in one
 * transaction. Nothing is decided here.
 */

export async function submitClaimAction(input: unknown): Promise<ClaimActionResult> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return actor;
  return settle(submitClaim(getDb(), actor.value, input));
}

export async function transitionClaimAction(claimId: number, input: unknown): Promise<ClaimActionResult> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return actor;
  const result = transitionClaim(getDb(), actor.value, claimId, input);
  revalidateSummariesIfReopened(result);
  return settle(result);
}

export async function editClaimAction(claimId: number, input: unknown): Promise<ClaimActionResult> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return actor;
  return settle(editClaim(getDb(), actor.value, claimId, input));
}

export async function addCitationsAction(claimId: number, input: unknown): Promise<ClaimActionResult> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return actor;
  return settle(addCitations(getDb(), actor.value, claimId, input));
}

export async function assignClaimAction(claimId: number, input: unknown): Promise<ClaimActionResult> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return actor;
  return settle(assignClaim(getDb(), actor.value, claimId, input));
}
