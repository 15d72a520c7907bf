import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { addCitationsSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { insertCitations } from "./citations";
import { canAddCitations } from "./rules";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/** Attaches 1–20 citations to a claim in any state; one version bump for the whole request. Records claim.cited. */
export async function addCitations(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(addCitationsSchema, input);
  if (!parsed.ok) return noEvents(parsed);

  return inTransactionWithEvents(db, async (tx, record) => {
    const { claim, facts } = await loadClaimForChange(tx, claimId);
    enforce(canAddCitations(facts, actor), claim);
    expectVersion(claim, parsed.value.expectedVersion);
    const inserted = await insertCitations(tx, actor, claim.id, parsed.value.citations);
    const version = await bumpClaim(tx, claim);
    record({ kind: "claim.cited", claimId: claim.id, articleId: claim.articleId, actorId: actor.id, version, citationIds: inserted.map((c) => c.id) });
    return await readDetail(tx, claim.id);
  });
}
