import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { fail, refuse } from "@/lib/core/result";
import { normalizeDueAt, submitClaimSchema } from "@/lib/validations/claims";
import { appendSignoff, signedCitation } from "./audit";
import { readDetail } from "./claim-store";
import { insertCitations } from "./citations";
import { sha256Hex } from "./hash";
import { canSubmitClaim } from "./rules";
import { articleExists, insertClaim, insertDueChange, insertRevision } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

export const DEFAULT_SUBMIT_NOTE = "Submitted";

/**
 * Creates a claim in draft (version 1, round 1) with its citations, its first revision and the submit
 * sign-off resting on those citations, and the due date when one is given. Records claim.submitted.
 */
export async function submitClaim(db: Db, actor: Actor, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const permission = canSubmitClaim(actor);
  if (!permission.allowed) return noEvents(fail(permission.code, permission.reason));
  const parsed = parseInput(submitClaimSchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { text, articleId, note, citations: citationInputs } = parsed.value;
  const dueAt = normalizeDueAt(parsed.value.dueAt);

  return inTransactionWithEvents(db, async (tx, record) => {
    if (articleId != null && !(await articleExists(tx, articleId))) {
      refuse("invalid", `There is no article #${articleId}`, { fields: { articleId: [`There is no article #${articleId}`] } });
    }
    const now = nowIso();
    const textHash = sha256Hex(text);
    const claim = { id: await insertClaim(tx, { text, textHash, articleId: articleId ?? null, submitterId: actor.id, dueAt, now }) };
    // The submitter's own claim: anyone who may submit may give it a due date (canChangeDueDate governs later changes).
    if (dueAt) await insertDueChange(tx, { claimId: claim.id, dueAt, previousDueAt: null, changedById: actor.id, now });
    await insertRevision(tx, { claimId: claim.id, version: 1, text, textHash, editedById: actor.id, note: null, now });
    const inserted = await insertCitations(tx, actor, claim.id, citationInputs);
    await appendSignoff(tx, {
      claimId: claim.id,
      action: "submit",
      fromState: null,
      toState: "draft",
      userId: actor.id,
      note: note && note !== "" ? note : DEFAULT_SUBMIT_NOTE,
      verdict: null,
      claimVersion: 1,
      textHash,
      round: 1,
      citations: inserted.map(signedCitation),
    });
    record({ kind: "claim.submitted", claimId: claim.id, articleId: articleId ?? null, actorId: actor.id, version: 1, at: now });
    return await readDetail(tx, claim.id);
  });
}
