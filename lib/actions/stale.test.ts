import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignClaim, transitionClaim } from "@/lib/workflow";
import { citation, createDesk, refusal, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { explainStaleClaim, staleRefusal } from "./stale";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});
afterEach(() => desk.db.$client.close());

/** A reviewed claim (by editor A) that editor C is about to verify, having seen `version`. */
async function reviewedClaim() {
  const claim = await submit(desk);
  return unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok", citations: [citation()], expectedVersion: claim.version }));
}
const verify = (claimId: number, expectedVersion: number) => ({ action: "verify", note: "Matches the court record", verdict: "true", citations: [citation()], expectedVersion });

describe("staleRefusal", () => {
  it("says what changed since the version seen, and that the same action is still allowed on the new one", async () => {
    const claim = await reviewedClaim();
    unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorC.id, expectedVersion: claim.version }));
    const input = verify(claim.id, claim.version);
    const error = refusal(await transitionClaim(desk.db, desk.editorC, claim.id, input));

    const stale = await staleRefusal(desk.db, desk.editorC, claim.id, "verify", claim.version, error);
    expect(stale).toMatchObject({ seenVersion: 2, currentVersion: 3, state: "reviewed", retry: { allowed: true } });
    expect(stale!.changes.map((change) => change.text)).toEqual(["Ben Editor assigned this claim to Cy Editor a moment ago (version 2 → 3)"]);
    // Applying the same input to the current version goes through.
    expect((await transitionClaim(desk.db, desk.editorC, claim.id, { ...input, expectedVersion: stale!.currentVersion })).ok).toBe(true);
  });

  it("says why not when the rules no longer allow it on the new version", async () => {
    const claim = await reviewedClaim();
    unwrap(await transitionClaim(desk.db, desk.editorB, claim.id, { action: "return", note: "Wrong year", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
    const error = refusal(await transitionClaim(desk.db, desk.editorC, claim.id, verify(claim.id, claim.version)));
    const stale = await staleRefusal(desk.db, desk.editorC, claim.id, "verify", claim.version, error);
    expect(stale).toMatchObject({ currentVersion: 3, state: "draft", retry: { allowed: false, reason: "This claim must be reviewed before it can be verified" } });
    expect(stale!.changes[0]!.text).toMatch(/^Ben Editor returned this claim to draft a moment ago \(version 2 → 3\)$/);
  });

  it("is null for refusals that are not about a stale version", async () => {
    const claim = await reviewedClaim();
    const forbidden = refusal(await transitionClaim(desk.db, desk.editorA, claim.id, verify(claim.id, claim.version)));
    expect(forbidden.code).toBe("forbidden");
    expect(await staleRefusal(desk.db, desk.editorA, claim.id, "verify", claim.version, forbidden)).toBeNull();
    const invalid = refusal(await transitionClaim(desk.db, desk.editorC, claim.id, { ...verify(claim.id, claim.version), note: "" }));
    expect(await staleRefusal(desk.db, desk.editorC, claim.id, "verify", claim.version, invalid)).toBeNull();
  });

  it("reads the transition's action and the version seen from the action's input", async () => {
    const claim = await reviewedClaim();
    unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    const input = verify(claim.id, claim.version);
    const error = refusal(await transitionClaim(desk.db, desk.editorC, claim.id, input));
    const explain = explainStaleClaim((body) => (body as { action: string }).action);
    const context = { db: desk.db, actor: desk.editorC, session: null as never };
    expect(await explain(context, error, claim.id, input)).toMatchObject({ seenVersion: 2, currentVersion: 3, retry: { allowed: true } });
    expect(await explain(context, error, claim.id, { ...input, action: "nonsense" })).toBeNull();
  });
});
