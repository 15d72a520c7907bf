import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import type { Result } from "@/lib/core/result";
import { transitionSchema } from "@/lib/validations/claims";
import { appendSignoff, signedCitation } from "./audit";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { findClaimCitations, insertCitations } from "./citations";
import { canTransitionClaim, TRANSITIONS } from "./rules";
import { inTransaction } from "@/lib/core/transaction";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/**
 * Moves a claim along the workflow (review, verify, return) with a sign-off that rests on the new
 * citations attached with it and/or existing citations of the claim named by id.
 * Refusals: invalid (input, foreign citation ids), not_found, forbidden (role, four-eyes,
 * two-person), conflict (wrong state or stale expectedVersion; details carry currentVersion and state).
 */
export function transitionClaim(db: Db, actor: Actor, claimId: number, input: unknown): Result<ClaimDetail> {
  const parsed = parseInput(transitionSchema, input);
  if (!parsed.ok) return parsed;
  const { action, note, verdict, expectedVersion } = parsed.value;

  return inTransaction(db, (tx) => {
    const { claim, facts } = loadClaimForChange(tx, claimId);
    enforce(canTransitionClaim(action, facts, actor), claim);
    expectVersion(claim, expectedVersion);

    const named = findClaimCitations(tx, claim.id, parsed.value.citationIds ?? []);
    const attached = insertCitations(tx, actor, claim.id, parsed.value.citations ?? []);
    const toState = TRANSITIONS[action].to;
    const round = action === "return" ? claim.round + 1 : claim.round;
    const newVerdict = action === "verify" ? (verdict ?? null) : action === "return" ? null : claim.verdict;
    const version = bumpClaim(tx, claim, { state: toState, round, verdict: newVerdict });

    appendSignoff(tx, {
      claimId: claim.id,
      action,
      fromState: claim.state,
      toState,
      userId: actor.id,
      note,
      verdict: action === "verify" ? (verdict ?? null) : null,
      claimVersion: version,
      textHash: claim.textHash,
      round,
      citations: [...named, ...attached].map(signedCitation),
    });
    return readDetail(tx, claim.id);
  });
}
