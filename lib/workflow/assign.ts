import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { refuse, type Result } from "@/lib/core/result";
import { assignClaimSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { canAssignClaim, canBeAssigned } from "./rules";
import { statements } from "./statements";
import { inTransaction, nowIso } from "@/lib/core/transaction";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/**
 * Assigns a claim to an active editor or admin (or unassigns it with null), recording who did it.
 * Assigning the current assignee again changes nothing.
 */
export function assignClaim(db: Db, actor: Actor, claimId: number, input: unknown): Result<ClaimDetail> {
  const parsed = parseInput(assignClaimSchema, input);
  if (!parsed.ok) return parsed;
  const { assigneeId, expectedVersion } = parsed.value;

  return inTransaction(db, (tx) => {
    const { claim, facts } = loadClaimForChange(tx, claimId);
    enforce(canAssignClaim(facts, actor), claim);
    expectVersion(claim, expectedVersion);
    if (assigneeId != null) {
      const user = tx.select({ name: users.name, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, assigneeId)).get();
      if (!user) refuse("invalid", `There is no user #${assigneeId}`, { fields: { assigneeId: [`There is no user #${assigneeId}`] } });
      const eligible = canBeAssigned(user);
      if (!eligible.allowed) refuse("invalid", eligible.reason, { fields: { assigneeId: [eligible.reason] } });
    }
    if (assigneeId !== claim.assigneeId) {
      bumpClaim(tx, claim, { assigneeId });
      statements(tx).insertAssignment.run({ claimId: claim.id, assigneeId, assignedById: actor.id, now: nowIso() });
    }
    return readDetail(tx, claim.id);
  });
}
