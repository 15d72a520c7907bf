import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { refuse } from "@/lib/core/result";
import { editClaimSchema } from "@/lib/validations/claims";
import { bumpClaim, enforce, expectVersion, loadClaimForChange, readDetail } from "./claim-store";
import { sha256Hex } from "./hash";
import { canEditClaim } from "./rules";
import { insertRevision } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import type { ClaimDetail } from "./types";

/**
 * Changes a draft's text: new version, new text hash, a revision row carrying the editor's note
 * (trimmed; blank is null). Not a sign-off. Saving the same text again changes nothing (no version
 * bump, no revision); with a note it is refused, since the note would have no revision to belong to
 * and silently dropping it would lose what the editor wrote. Records claim.edited when the text changed.
 */
export async function editClaim(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(editClaimSchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { text, expectedVersion } = parsed.value;
  const note = parsed.value.note || null; // the schema trims; blank is no note

  return inTransactionWithEvents(db, async (tx, record) => {
    const { claim, facts } = await loadClaimForChange(tx, claimId);
    enforce(canEditClaim(facts, actor), claim);
    expectVersion(claim, expectedVersion);
    if (text === claim.text && note !== null) {
      refuse("invalid", "The text is unchanged, so there is no edit for this note to explain", {
        fields: { text: ["Change the text, or clear the note"] },
      });
    }
    if (text !== claim.text) {
      const textHash = sha256Hex(text);
      const version = await bumpClaim(tx, claim, { text, textHash });
      const now = nowIso();
      await insertRevision(tx, { claimId: claim.id, version, text, textHash, editedById: actor.id, note, now });
      record({ kind: "claim.edited", claimId: claim.id, articleId: claim.articleId, actorId: actor.id, version, at: now });
    }
    return await readDetail(tx, claim.id);
  });
}
