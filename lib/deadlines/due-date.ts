import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { normalizeDueAt, setDueDateSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "@/lib/workflow/claim-store";
import { canChangeDueDate } from "@/lib/workflow/rules";
import { insertDueChange } from "@/lib/workflow/statements";
import type { ClaimDetail } from "@/lib/workflow/types";

/**
 * Sets, changes or (with null or blank) clears a claim's due date: an editor's versioned change, like
 * an assignment. A malformed or out-of-range date is `invalid` and changes nothing; a stale
 * expectedVersion is a `conflict`. Giving the date it already has changes nothing. Records
 * claim.due_changed (live pages refresh, followers and webhooks see it) and a due change for the timeline.
 */
export async function setDueDate(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(setDueDateSchema, input, "Check the due date.");
  if (!parsed.ok) return noEvents(parsed);
  const dueAt = normalizeDueAt(parsed.value.dueAt);

  return inTransactionWithEvents(db, async (tx, record) => {
    const { claim, facts } = await loadClaimForChange(tx, claimId);
    enforce(canChangeDueDate(facts, actor), claim);
    expectVersion(claim, parsed.value.expectedVersion);
    if (dueAt !== claim.dueAt) {
      const version = await bumpClaim(tx, claim, { dueAt });
      const now = nowIso();
      await insertDueChange(tx, { claimId: claim.id, dueAt, previousDueAt: claim.dueAt, changedById: actor.id, now });
      record({ kind: "claim.due_changed", claimId: claim.id, articleId: claim.articleId, actorId: actor.id, version, dueAt, previous: claim.dueAt, at: now });
    }
    return await readDetail(tx, claim.id);
  });
}
