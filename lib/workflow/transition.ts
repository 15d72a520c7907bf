import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { transitionSchema } from "@/lib/validations/claims";
import { appendSignoff, signedCitation } from "./audit";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { findClaimCitations, insertCitations } from "./citations";
import { canTransitionClaim, TRANSITIONS } from "./rules";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/**
 * Moves a claim along the workflow (review, verify, return) with a sign-off that rests on the new
 * citations attached with it and/or existing citations of the claim named by id.
 * Refusals: invalid (input, foreign citation ids), not_found, forbidden (role, four-eyes,
 * two-person), conflict (wrong state or stale expectedVersion; details carry currentVersion and state).
 * Records claim.transitioned.
 */
export async function transitionClaim(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(transitionSchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { action, note, verdict, expectedVersion } = parsed.value;

  return inTransactionWithEvents(db, async (tx, record) => {
    const { claim, facts } = await loadClaimForChange(tx, claimId);
    enforce(canTransitionClaim(action, facts, actor), claim);
    expectVersion(claim, expectedVersion);

    const named = await findClaimCitations(tx, claim.id, parsed.value.citationIds ?? []);
    const attached = await insertCitations(tx, actor, claim.id, parsed.value.citations ?? []);
    const toState = TRANSITIONS[action].to;
    const round = action === "return" ? claim.round + 1 : claim.round;
    const newVerdict = action === "verify" ? (verdict ?? null) : action === "return" ? null : claim.verdict;
    const version = await bumpClaim(tx, claim, { state: toState, round, verdict: newVerdict });

    await appendSignoff(tx, {
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
    record({ kind: "claim.transitioned", claimId: claim.id, articleId: claim.articleId, actorId: actor.id, version, action, from: claim.state, to: toState, round, verdict: newVerdict });
    return await readDetail(tx, claim.id);
  });
}
