import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { verifyAuditChain } from "./audit";
import { transitionClaim } from "./transition";
import { sha256Hex } from "./hash";
import { CLAIM_TEXT, citation, createDesk, expectRefusedWithoutWrites, submit, unwrap, type Desk } from "./test-fixtures";
import type { ClaimDetail } from "./types";

let desk: Desk;
let claim: ClaimDetail;
beforeEach(async () => {
  desk = createDesk();
  claim = await submit(desk);
});

const originId = () => claim.citations[0]!.id;

function review(actor: Actor, extra: Record<string, unknown> = {}) {
  return transitionClaim(desk.db, actor, claim.id, { action: "review", note: "Matches the court record", citationIds: [originId()], expectedVersion: claim.version, ...extra });
}
function verify(actor: Actor, extra: Record<string, unknown> = {}) {
  return transitionClaim(desk.db, actor, claim.id, { action: "verify", note: "Confirmed with the BOP", verdict: "true", citationIds: [originId()], expectedVersion: claim.version, ...extra });
}
function giveBack(actor: Actor, extra: Record<string, unknown> = {}) {
  return transitionClaim(desk.db, actor, claim.id, { action: "return", note: "Age is disputed: 62 or 63", citationIds: [originId()], expectedVersion: claim.version, ...extra });
}

describe("review", () => {
  it("moves a draft to reviewed with a sign-off bound to the text and version", async () => {
    claim = unwrap(await review(desk.editorA, { citations: [citation({ kind: "supports" })] }));
    expect(claim).toMatchObject({ state: "reviewed", version: 2, round: 1, verdict: null, currentReviewerId: desk.editorA.id });
    const signoff = claim.signoffs.at(-1)!;
    expect(signoff).toMatchObject({
      action: "review",
      fromState: "draft",
      toState: "reviewed",
      userId: desk.editorA.id,
      note: "Matches the court record",
      claimVersion: 2,
      textHash: sha256Hex(CLAIM_TEXT),
      round: 1,
      verdict: null,
    });
    // rests on the named existing citation and the new one attached with it
    expect(claim.citations).toHaveLength(2);
    expect(signoff.citationIds).toEqual(claim.citations.map((c) => c.id));
  });

  it("lets an admin review", async () => {
    expect((await review(desk.admin)).ok).toBe(true);
  });

  it("refuses the submitter (four-eyes), even when the submitter is an editor", async () => {
    claim = await submit(desk, desk.editorA);
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => review(desk.editorA));
    expect(error.message).toBe("You submitted this claim, so another editor must review it");
  });

  it("refuses reporters", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => review(desk.otherReporter));
    expect(error.message).toBe("Only editors can review claims");
  });

  it("is a conflict when the claim was already reviewed", async () => {
    claim = unwrap(await review(desk.editorA));
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => review(desk.editorB));
    expect(error).toMatchObject({ message: "This claim is already reviewed", details: { currentVersion: 2, state: "reviewed" } });
  });
});

describe("verify", () => {
  beforeEach(async () => {
    claim = unwrap(await review(desk.editorA));
  });

  it("moves a reviewed claim to verified with the verdict on claim and sign-off", async () => {
    claim = unwrap(await verify(desk.editorB, { verdict: "mostly-true" }));
    expect(claim).toMatchObject({ state: "verified", verdict: "mostly-true", version: 3, round: 1 });
    expect(claim.signoffs.at(-1)).toMatchObject({ action: "verify", fromState: "reviewed", toState: "verified", verdict: "mostly-true", userId: desk.editorB.id, claimVersion: 3 });
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: 3 });
  });

  it("refuses the reviewer of the round (two-person rule)", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => verify(desk.editorA));
    expect(error.message).toBe("You reviewed this claim in this round, so a different editor must verify it");
  });

  it("refuses the submitter", async () => {
    claim = await submit(desk, desk.admin);
    claim = unwrap(await review(desk.editorA));
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => verify(desk.admin));
    expect(error.message).toBe("You submitted this claim, so a different editor must verify it");
  });

  it("refuses a missing or unknown verdict", async () => {
    const missing = await expectRefusedWithoutWrites(desk.db, "invalid", () => verify(desk.editorB, { verdict: undefined }));
    expect(missing.fields).toEqual({ verdict: ["Verifying a claim needs a verdict"] });
    await expectRefusedWithoutWrites(desk.db, "invalid", () => verify(desk.editorB, { verdict: "pants-on-fire" }));
  });

  it("is a conflict on a draft", async () => {
    claim = await submit(desk);
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => verify(desk.editorB));
    expect(error.message).toBe("This claim must be reviewed before it can be verified");
  });
});

describe("return", () => {
  it("sends a verified claim back to draft in a new round, clearing the verdict", async () => {
    claim = unwrap(await review(desk.editorA));
    claim = unwrap(await verify(desk.editorB, { verdict: "false" }));
    claim = unwrap(await giveBack(desk.editorC));
    expect(claim).toMatchObject({ state: "draft", verdict: null, round: 2, version: 4, currentReviewerId: null });
    expect(claim.signoffs.at(-1)).toMatchObject({ action: "return", fromState: "verified", toState: "draft", round: 2, claimVersion: 4, note: "Age is disputed: 62 or 63" });
  });

  it("starts a fresh two-person rule: last round's reviewer may verify after someone else reviews", async () => {
    claim = unwrap(await review(desk.editorA));
    claim = unwrap(await giveBack(desk.editorB));
    claim = unwrap(await review(desk.editorB));
    expect(claim.currentReviewerId).toBe(desk.editorB.id);
    expect((await verify(desk.editorB)).ok).toBe(false);
    claim = unwrap(await verify(desk.editorA));
    expect(claim).toMatchObject({ state: "verified", round: 2 });
  });

  it("needs a reason", async () => {
    claim = unwrap(await review(desk.editorA));
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => giveBack(desk.editorB, { note: "   " }));
    expect(error.fields).toEqual({ note: ["Give the reason for returning this claim"] });
  });

  it("is a conflict on a draft and forbidden to reporters", async () => {
    await expectRefusedWithoutWrites(desk.db, "conflict", () => giveBack(desk.editorB));
    claim = unwrap(await review(desk.editorA));
    await expectRefusedWithoutWrites(desk.db, "forbidden", () => giveBack(desk.reporter));
  });
});

describe("every transition", () => {
  it("needs a note", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => review(desk.editorA, { note: "" }));
    expect(error.fields).toEqual({ note: ["Write a note for this sign-off"] });
  });

  it("needs at least one citation", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => review(desk.editorA, { citationIds: [] }));
    expect(error.fields).toHaveProperty("citations");
  });

  it("refuses citation ids that are not the claim's", async () => {
    const other = await submit(desk, desk.otherReporter, "Another claim about the clemency case.");
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => review(desk.editorA, { citationIds: [originId(), other.citations[0]!.id, 9999] }));
    expect(error.fields?.citationIds?.[0]).toContain(`#${other.citations[0]!.id}, #9999`);
  });

  it("rolls back new citations when a named one is foreign", async () => {
    await expectRefusedWithoutWrites(desk.db, "invalid", () => review(desk.editorA, { citationIds: [9999], citations: [citation()] }));
  });

  it("refuses a stale expectedVersion as a conflict naming the current version and state", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => review(desk.editorA, { expectedVersion: 7 }));
    expect(error.details).toEqual({ currentVersion: 1, state: "draft" });
  });

  it("cannot be applied twice with the same expected version", async () => {
    const stale = claim.version;
    claim = unwrap(await review(desk.editorA));
    claim = unwrap(await giveBack(desk.editorB));
    // back in draft, but the first request's version is stale: a replay must not review again
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => review(desk.editorA, { expectedVersion: stale }));
    expect(error.details).toEqual({ currentVersion: 3, state: "draft" });
  });

  it("names the claim when it does not exist", async () => {
    for (const id of [999, 0, -1, Number.NaN]) {
      const error = await expectRefusedWithoutWrites(desk.db, "not_found", () =>
        transitionClaim(desk.db, desk.editorA, id, { action: "review", note: "x", citationIds: [1], expectedVersion: 1 }),
      );
      expect(error.message).toContain("There is no claim");
    }
  });

  it("counts a named citation once even when repeated", async () => {
    claim = unwrap(await review(desk.editorA, { citationIds: [originId(), originId()] }));
    expect(claim.signoffs.at(-1)!.citationIds).toEqual([originId()]);
  });
});
