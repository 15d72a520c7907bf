import type { Claim } from "@/db/schema";
import { refuse } from "@/lib/core/result";
import { getClaimDetail } from "./queries";
import { reviewerOfRound } from "./read-model";
import type { ClaimFacts, Permission } from "./rules";
import { claimForChange, signoffActionsOfClaim, updateClaimVersioned, type ClaimChanges } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { type DbExecutor } from "@/db/client";
import type { ClaimDetail } from "./types";

/**
 * Loads a claim for a mutation, with the facts the rules need. Refuses `not_found`. On PostgreSQL the
 * claim is read FOR UPDATE: a racing mutation waits here until this transaction ends, then reads the
 * version it left (SQLite's BEGIN IMMEDIATE serialises them the same way).
 */
export async function loadClaimForChange(tx: DbExecutor, claimId: number): Promise<{ claim: Claim; facts: ClaimFacts }> {
  const claim = Number.isSafeInteger(claimId) && claimId > 0 ? await claimForChange(tx, claimId) : undefined;
  if (!claim) refuse("not_found", `There is no claim #${claimId}`);
  const currentReviewerId = reviewerOfRound(await signoffActionsOfClaim(tx, claim.id), claim.round);
  return { claim, facts: { state: claim.state, submitterId: claim.submitterId, currentReviewerId } };
}

const conflictDetails = (claim: Claim) => ({ currentVersion: claim.version, state: claim.state });

/** Refuses with the rule's own reason; conflicts carry the claim's current version and state. */
export function enforce(permission: Permission, claim: Claim): void {
  if (permission.allowed) return;
  refuse(permission.code, permission.reason, permission.code === "conflict" ? { details: conflictDetails(claim) } : {});
}

/** Optimistic concurrency: the caller must have seen the claim's current version. */
export function expectVersion(claim: Claim, expectedVersion: number): void {
  if (claim.version === expectedVersion) return;
  refuse(
    "conflict",
    `This claim changed since you loaded it (you saw version ${expectedVersion}, it is now version ${claim.version}). Reload to see the changes.`,
    { details: conflictDetails(claim) },
  );
}

/** Applies a change to the claim and bumps its version by exactly one (a version-checked UPDATE); returns the new version. */
export async function bumpClaim(tx: DbExecutor, claim: Claim, changes: Partial<ClaimChanges> = {}): Promise<number> {
  const version = claim.version + 1;
  const next = { ...claim, ...changes };
  const updated = await updateClaimVersioned(tx, claim.id, claim.version, {
    text: next.text,
    textHash: next.textHash,
    state: next.state,
    verdict: next.verdict,
    round: next.round,
    assigneeId: next.assigneeId,
    dueAt: next.dueAt,
    version,
    now: nowIso(),
  });
  // Unreachable under the IMMEDIATE lock and FOR UPDATE; kept so a future refactor cannot lose an update silently.
  if (!updated) refuse("conflict", "This claim changed while saving; reload and try again", { details: conflictDetails(claim) });
  return version;
}

export async function readDetail(tx: DbExecutor, claimId: number): Promise<ClaimDetail> {
  const detail = await getClaimDetail(tx, claimId);
  if (!detail) throw new Error(`claim #${claimId} vanished inside its own transaction`);
  return detail;
}
