import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import type { Result } from "@/lib/core/result";
import { addCitationsSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { insertCitations } from "./citations";
import { canAddCitations } from "./rules";
import { inTransaction } from "@/lib/core/transaction";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/** Attaches 1–20 citations to a claim in any state; one version bump for the whole request. */
export function addCitations(db: Db, actor: Actor, claimId: number, input: unknown): Result<ClaimDetail> {
  const parsed = parseInput(addCitationsSchema, input);
  if (!parsed.ok) return parsed;

  return inTransaction(db, (tx) => {
    const { claim, facts } = loadClaimForChange(tx, claimId);
    enforce(canAddCitations(facts, actor), claim);
    expectVersion(claim, parsed.value.expectedVersion);
    insertCitations(tx, actor, claim.id, parsed.value.citations);
    bumpClaim(tx, claim);
    return readDetail(tx, claim.id);
  });
}
