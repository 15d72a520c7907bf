import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addCitations, assignClaim, editClaim, transitionClaim } from "@/lib/workflow";
import { changesSince } from "./changes-since";
import { citation, createDesk, submit, unwrap, type Desk } from "./test-fixtures";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});
afterEach(() => desk.db.$client.close());

describe("changesSince", () => {
  it("names each change after the version, who made it, how long ago, and the versions, oldest first", async () => {
    const claim = await submit(desk);
    const edited = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: "Johnson served 21 years.", expectedVersion: claim.version }));
    const reviewed = unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok", citations: [citation()], expectedVersion: edited.version }));
    const assigned = unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorC.id, expectedVersion: reviewed.version }));
    const cited = unwrap(await addCitations(desk.db, desk.editorC, claim.id, { citations: [citation({ kind: "context" })], expectedVersion: assigned.version }));
    unwrap(await transitionClaim(desk.db, desk.editorC, claim.id, { action: "verify", note: "ok", verdict: "true", citationIds: [cited.citations[0]!.id], expectedVersion: cited.version }));

    const inTwoMinutes = new Date(Date.now() + 2 * 60_000);
    expect((await changesSince(desk.db, claim.id, edited.version, inTwoMinutes)).map((change) => change.text)).toEqual([
      "Ada Editor reviewed this claim 2 minutes ago (version 2 → 3)",
      "Ben Editor assigned this claim to Cy Editor 2 minutes ago (version 3 → 4)",
      "Cy Editor added a citation to this claim 2 minutes ago (version 4 → 5)",
      "Cy Editor verified this claim 2 minutes ago (version 5 → 6)",
    ]);
    expect((await changesSince(desk.db, claim.id, 0))[0]).toMatchObject({ kind: "claim.submitted", actorName: "Rita Reporter", fromVersion: 0, toVersion: 1 });
    expect((await changesSince(desk.db, claim.id, 1))[0]!.text).toBe("Rita Reporter edited this claim's text a moment ago (version 1 → 2)");
  });

  it("lists nothing when nothing changed since, and nothing of other claims", async () => {
    const claim = await submit(desk);
    const other = await submit(desk, desk.reporter, "Johnson was 63 in 2018.");
    unwrap(await transitionClaim(desk.db, desk.editorA, other.id, { action: "review", note: "ok", citations: [citation()], expectedVersion: other.version }));
    expect(await changesSince(desk.db, claim.id, claim.version)).toEqual([]);
    expect(await changesSince(desk.db, other.id, other.version)).toHaveLength(1);
  });

  it("words a return and an unassignment", async () => {
    const claim = await submit(desk);
    const reviewed = unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok", citations: [citation()], expectedVersion: claim.version }));
    const assigned = unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorB.id, expectedVersion: reviewed.version }));
    const unassigned = unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: null, expectedVersion: assigned.version }));
    unwrap(await transitionClaim(desk.db, desk.editorB, claim.id, { action: "return", note: "Source is a blog", citationIds: [claim.citations[0]!.id], expectedVersion: unassigned.version }));
    expect((await changesSince(desk.db, claim.id, reviewed.version)).map((change) => change.text)).toEqual([
      "Ben Editor assigned this claim to themselves a moment ago (version 2 → 3)",
      "Ben Editor unassigned this claim a moment ago (version 3 → 4)",
      "Ben Editor returned this claim to draft a moment ago (version 4 → 5)",
    ]);
  });
});
