import { beforeEach, describe, expect, it } from "vitest";
import { isFollowing } from "@/lib/follows/follows";
import { assignClaim } from "./assign";
import { BULK_MAX_CLAIMS, bulkChange } from "./bulk";
import { getClaimDetail } from "./queries";
import { citation, createDesk, refusal, submit, unwrap, type Desk } from "./test-fixtures";
import { transitionClaim } from "./transition";
import type { ClaimDetail } from "./types";

let desk: Desk;
let claims: ClaimDetail[];
beforeEach(async () => {
  desk = createDesk();
  claims = await Promise.all([1, 2, 3].map((n) => submit(desk, desk.reporter, `Claim number ${n} of the bulk test.`)));
});

const refs = (list: ClaimDetail[]) => list.map((claim) => ({ id: claim.id, expectedVersion: claim.version }));
const detail = async (id: number) => (await getClaimDetail(desk.db, id))!;

async function review(claim: ClaimDetail): Promise<ClaimDetail> {
  return unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "Checked", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
}

describe("bulkChange: each claim's own outcome", () => {
  it("assigns every claim through assignClaim, one version bump and event each", async () => {
    const outcome = await bulkChange(desk.db, desk.editorA, { action: "assign", claims: refs(claims), assigneeId: desk.editorB.id });
    const value = unwrap(outcome);
    expect(value.results).toEqual(claims.map((claim) => ({ claimId: claim.id, ok: true, status: 200, version: 2 })));
    expect(value).toMatchObject({ done: 3, refused: 0 });
    expect(outcome.events.map((event) => event.kind)).toEqual(["claim.assigned", "claim.assigned", "claim.assigned"]);
    for (const claim of claims) expect((await detail(claim.id)).assigneeId).toBe(desk.editorB.id);
  });

  it("refuses a stale version for that claim only (409), the others are still done", async () => {
    // Someone else assigns the second claim after the page loaded it at version 1.
    unwrap(await assignClaim(desk.db, desk.editorC, claims[1]!.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const value = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: refs(claims), assigneeId: desk.editorB.id }));
    expect(value.results.map((r) => [r.claimId, r.ok, r.status])).toEqual([
      [claims[0]!.id, true, 200],
      [claims[1]!.id, false, 409],
      [claims[2]!.id, true, 200],
    ]);
    expect(value.results[1]!.error).toMatch(/changed since you loaded it \(you saw version 1, it is now version 2\)/);
    expect(value).toMatchObject({ done: 2, refused: 1 });
    // The refused claim kept the other editor's assignment.
    expect((await detail(claims[1]!.id)).assigneeId).toBe(desk.editorC.id);
    expect((await detail(claims[0]!.id)).assigneeId).toBe(desk.editorB.id);
  });

  it("answers a rule's refusal with 403 and the rule's reason", async () => {
    const value = unwrap(await bulkChange(desk.db, desk.reporter, { action: "unassign", claims: refs(claims) }));
    expect(value.results).toEqual(claims.map((claim) => ({ claimId: claim.id, ok: false, status: 403, code: "forbidden", error: "Only editors can assign claims" })));
    expect(value).toMatchObject({ done: 0, refused: 3 });
  });

  it("answers 404 for an unknown claim and still changes the others", async () => {
    const value = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: [...refs(claims.slice(0, 1)), { id: 99999, expectedVersion: 1 }, ...refs(claims.slice(1))], assigneeId: desk.editorA.id }));
    expect(value.results.map((r) => r.status)).toEqual([200, 404, 200, 200]);
    expect(value.results[1]).toMatchObject({ claimId: 99999, ok: false, code: "not_found", error: "There is no claim #99999" });
  });

  it("answers 422 for a claim sent without its version, saying what is missing", async () => {
    const value = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: [{ id: claims[0]!.id }], assigneeId: desk.editorA.id }));
    expect(value.results[0]).toMatchObject({ ok: false, status: 422, error: expect.stringContaining("Send the version of the claim you were looking at") });
  });

  it("an ineligible assignee is a 422 for each claim, not a success", async () => {
    const value = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: refs(claims.slice(0, 1)), assigneeId: desk.reporter.id }));
    expect(value.results[0]).toMatchObject({ ok: false, status: 422 });
  });

  it("reports each claim id once", async () => {
    const value = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: [...refs(claims.slice(0, 1)), ...refs(claims.slice(0, 1))], assigneeId: desk.editorA.id }));
    expect(value.results).toHaveLength(1);
  });
});

describe("bulk return", () => {
  it("rests each return on the claim's origin citation, with the one reason", async () => {
    const reviewed = await Promise.all(claims.map(review));
    const value = unwrap(await bulkChange(desk.db, desk.editorB, { action: "return", claims: refs(reviewed), note: "Sources are from a retracted report" }));
    expect(value.results.every((r) => r.ok && r.status === 200 && r.version === 3)).toBe(true);
    for (const claim of reviewed) {
      const now = await detail(claim.id);
      const signoff = now.signoffs.at(-1)!;
      expect(now.state).toBe("draft");
      expect(signoff).toMatchObject({ action: "return", note: "Sources are from a retracted report", citationIds: [claim.citations[0]!.id] });
      expect(claim.citations[0]!.kind).toBe("origin");
    }
  });

  it("uses the citations the user named for the claims they belong to, the origin for the others", async () => {
    const first = await review(claims[0]!);
    const withExtra = unwrap(
      await transitionClaim(desk.db, desk.editorA, claims[1]!.id, { action: "review", note: "Checked", citations: [citation({ kind: "refutes" })], expectedVersion: 1 }),
    );
    const refutes = withExtra.citations.find((c) => c.kind === "refutes")!.id;
    const value = unwrap(await bulkChange(desk.db, desk.editorB, { action: "return", claims: refs([first, withExtra]), note: "Recheck", citationIds: [refutes] }));
    expect(value.done).toBe(2);
    expect((await detail(first.id)).signoffs.at(-1)!.citationIds).toEqual([first.citations[0]!.id]);
    expect((await detail(withExtra.id)).signoffs.at(-1)!.citationIds).toEqual([refutes]);
  });

  it("refuses a draft with the rule's conflict and returns the reviewed ones", async () => {
    const reviewed = await review(claims[0]!);
    const value = unwrap(await bulkChange(desk.db, desk.editorB, { action: "return", claims: [...refs([reviewed, claims[1]!]), { id: 99999, expectedVersion: 1 }], note: "Recheck" }));
    expect(value.results.map((r) => [r.ok, r.status, r.error])).toEqual([
      [true, 200, undefined],
      [false, 409, "This claim is already a draft"],
      [false, 404, "There is no claim #99999"],
    ]);
  });

  it("needs a reason", async () => {
    expect(refusal(await bulkChange(desk.db, desk.editorB, { action: "return", claims: refs(claims) })).code).toBe("invalid");
  });
});

describe("bulk due", () => {
  it("sets one due date on every claim through setDueDate, each its own versioned change; a stale one is refused alone", async () => {
    unwrap(await assignClaim(desk.db, desk.editorC, claims[1]!.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const outcome = await bulkChange(desk.db, desk.editorA, { action: "due", claims: refs(claims), dueAt: "2026-12-24T12:00:00+01:00" });
    expect(unwrap(outcome).results.map((r) => [r.claimId, r.ok, r.status, r.version])).toEqual([
      [claims[0]!.id, true, 200, 2],
      [claims[1]!.id, false, 409, undefined],
      [claims[2]!.id, true, 200, 2],
    ]);
    expect(outcome.events.map((event) => event.kind)).toEqual(["claim.due_changed", "claim.due_changed"]);
    expect((await detail(claims[0]!.id)).dueAt).toBe("2026-12-24T11:00:00.000Z");
    expect((await detail(claims[1]!.id)).dueAt).toBeNull();
  });

  it("clears due dates with null; a reporter is refused for each claim with the rule's reason", async () => {
    unwrap(await bulkChange(desk.db, desk.editorA, { action: "due", claims: refs(claims), dueAt: "2026-12-24T12:00:00Z" }));
    const reporter = unwrap(await bulkChange(desk.db, desk.reporter, { action: "due", claims: claims.map((c) => ({ id: c.id, expectedVersion: 2 })), dueAt: null }));
    expect(reporter.results.map((r) => [r.status, r.error])).toEqual(claims.map(() => [403, "Only editors can change a claim's due date"]));
    const cleared = unwrap(await bulkChange(desk.db, desk.editorB, { action: "due", claims: claims.map((c) => ({ id: c.id, expectedVersion: 2 })), dueAt: null }));
    expect(cleared).toMatchObject({ done: 3, refused: 0 });
    for (const claim of claims) expect(await detail(claim.id)).toMatchObject({ dueAt: null, version: 3 });
  });
});

describe("bulk follow", () => {
  it("follows and unfollows each claim; an unknown one is a 404", async () => {
    const other = desk.editorC;
    const value = unwrap(await bulkChange(desk.db, other, { action: "follow", claims: [...claims.map((c) => ({ id: c.id })), { id: 99999 }] }));
    expect(value.results.map((r) => r.status)).toEqual([200, 200, 200, 404]);
    for (const claim of claims) expect(await isFollowing(desk.db, other.id, claim.id)).toBe(true);
    unwrap(await bulkChange(desk.db, other, { action: "unfollow", claims: claims.map((c) => ({ id: c.id })) }));
    for (const claim of claims) expect(await isFollowing(desk.db, other.id, claim.id)).toBe(false);
  });
});

describe("the batch itself", () => {
  it("is refused whole only when malformed: too many claims, none, a due action without a date, a bad date", async () => {
    const many = Array.from({ length: BULK_MAX_CLAIMS + 1 }, (_, i) => ({ id: i + 1, expectedVersion: 1 }));
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "follow", claims: many })).message).toBeTruthy();
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "follow", claims: [] })).code).toBe("invalid");
    const due = refusal(await bulkChange(desk.db, desk.editorA, { action: "due", claims: refs(claims) }));
    expect(due).toMatchObject({ code: "invalid", fields: { dueAt: ["Give the due date (or null to clear it)"] } });
    const bad = refusal(await bulkChange(desk.db, desk.editorA, { action: "due", claims: refs(claims), dueAt: "next Friday" }));
    expect(bad.fields?.dueAt?.[0]).toMatch(/date and time with its time zone/);
    for (const claim of claims) expect(await detail(claim.id)).toMatchObject({ version: 1, dueAt: null });
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "assign", claims: refs(claims) })).fields).toHaveProperty("assigneeId");
  });
});

describe("claims named by id only (claimIds)", () => {
  const ids = (list: ClaimDetail[]) => list.map((claim) => claim.id);

  it("changes each claim at the version it has then, so a change made meanwhile is not refused", async () => {
    // Someone else assigned the second claim (version 2): with claimIds nobody saw a version, so it is taken as it is.
    unwrap(await assignClaim(desk.db, desk.editorC, claims[1]!.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const outcome = await bulkChange(desk.db, desk.editorA, { action: "assign", claimIds: ids(claims), assigneeId: desk.editorB.id });
    expect(unwrap(outcome).results).toEqual([
      { claimId: claims[0]!.id, ok: true, status: 200, version: 2 },
      { claimId: claims[1]!.id, ok: true, status: 200, version: 3 },
      { claimId: claims[2]!.id, ok: true, status: 200, version: 2 },
    ]);
    for (const claim of claims) expect((await detail(claim.id)).assigneeId).toBe(desk.editorB.id);
  });

  it("still answers each claim's rule and a missing claim on its own, through the same domain functions", async () => {
    const reviewed = await review(claims[0]!);
    const value = unwrap(await bulkChange(desk.db, desk.editorB, { action: "return", claimIds: [reviewed.id, 99999, claims[1]!.id], note: "Source unclear" }));
    expect(value.results.map((r) => [r.claimId, r.ok, r.status, r.code])).toEqual([
      [reviewed.id, true, 200, undefined],
      [99999, false, 404, "not_found"],
      [claims[1]!.id, false, 409, "conflict"],
    ]);
    expect(await detail(reviewed.id)).toMatchObject({ state: "draft", version: reviewed.version + 1 });
    const dated = unwrap(await bulkChange(desk.db, desk.editorA, { action: "due", claimIds: ids(claims.slice(1)), dueAt: "2030-06-01T08:00:00Z" }));
    expect(dated).toMatchObject({ done: 2, refused: 0 });
    expect(unwrap(await bulkChange(desk.db, desk.editorA, { action: "follow", claimIds: ids(claims) }))).toMatchObject({ done: 3, refused: 0 });
  });

  it("needs exactly one of claims and claimIds, and nothing is changed otherwise", async () => {
    const both = refusal(await bulkChange(desk.db, desk.editorA, { action: "unassign", claims: refs(claims), claimIds: ids(claims) }));
    expect(both).toMatchObject({ code: "invalid", message: "Send either claims or claimIds, not both", fields: { claimIds: ["Send either claims or claimIds, not both"] } });
    const neither = refusal(await bulkChange(desk.db, desk.editorA, { action: "follow" }));
    expect(neither).toMatchObject({ code: "invalid", fields: { claims: [expect.stringMatching(/claims: \[\{id, expectedVersion\}\], or claimIds/)] } });
    expect(neither.message).toMatch(/^Send the claims to change/);
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "follow", claimIds: [] })).fields).toHaveProperty("claimIds");
    const many = Array.from({ length: BULK_MAX_CLAIMS + 1 }, (_, i) => i + 1);
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "follow", claimIds: many })).fields).toHaveProperty("claimIds");
    expect(refusal(await bulkChange(desk.db, desk.editorA, { action: "follow", claimIds: ["1"] })).fields).toHaveProperty(["claimIds.0"]);
  });
});
