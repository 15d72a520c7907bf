import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { refuse } from "@/lib/core/result";
import { assignClaimSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { canAssignClaim, canBeAssigned } from "./rules";
import { insertAssignment } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/**
 * Assigns a claim to an active editor or admin (or unassigns it with null), recording who did it.
 * Assigning the current assignee again changes nothing. Records claim.assigned when it changed.
 */
export async function assignClaim(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(assignClaimSchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { assigneeId, expectedVersion } = parsed.value;

  return inTransactionWithEvents(db, async (tx, record) => {
    const { claim, facts } = await loadClaimForChange(tx, claimId);
    enforce(canAssignClaim(facts, actor), claim);
    expectVersion(claim, expectedVersion);
    if (assigneeId != null) {
      const { users } = tablesOf(tx);
      const user = await firstRow(tx.select({ name: users.name, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, assigneeId)));
      if (!user) refuse("invalid", `There is no user #${assigneeId}`, { fields: { assigneeId: [`There is no user #${assigneeId}`] } });
      const eligible = canBeAssigned(user);
      if (!eligible.allowed) refuse("invalid", eligible.reason, { fields: { assigneeId: [eligible.reason] } });
    }
    if (assigneeId !== claim.assigneeId) {
      const version = await bumpClaim(tx, claim, { assigneeId });
      const now = nowIso();
      await insertAssignment(tx, { claimId: claim.id, assigneeId, assignedById: actor.id, now });
      record({ kind: "claim.assigned", claimId: claim.id, articleId: claim.articleId, actorId: actor.id, version, assigneeId, previous: claim.assigneeId, at: now });
    }
    return await readDetail(tx, claim.id);
  });
}
