import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { createTestUser } from "@/lib/testing/db";
import { addCitations } from "./add-citations";
import { assignClaim } from "./assign";
import { editClaim } from "./edit";
import { sha256Hex } from "./hash";
import { getClaimDetail } from "./queries";
import { submitClaim } from "./submit";
import { transitionClaim } from "./transition";
import { citation, CLAIM_TEXT, createDesk, expectRefusedWithoutWrites, submit, unwrap, type Desk } from "./test-fixtures";
import type { ClaimDetail } from "./types";

let desk: Desk;
let claim: ClaimDetail;
beforeEach(async () => {
  desk = createDesk();
  claim = await submit(desk);
});

const NEW_TEXT = "Alice Marie Johnson served nearly 22 years in federal prison.";

async function reviewIt() {
  claim = unwrap(
    await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }),
  );
}

describe("editClaim", () => {
  it("changes a draft's text: version bump, new hash, a revision row, no sign-off", async () => {
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: `  ${NEW_TEXT} `, expectedVersion: 1 }));
    expect(claim).toMatchObject({ text: NEW_TEXT, textHash: sha256Hex(NEW_TEXT), version: 2, state: "draft" });
    expect(claim.revisions.map((r) => [r.version, r.text])).toEqual([
      [1, CLAIM_TEXT],
      [2, NEW_TEXT],
    ]);
    expect(claim.signoffs).toHaveLength(1);
  });

  it("stores the edit's note (trimmed) with its revision; blank or missing is null", async () => {
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: NEW_TEXT, expectedVersion: 1, note: "  Fixed the sentence length per the court record  " }));
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: CLAIM_TEXT, expectedVersion: 2, note: "   " }));
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: NEW_TEXT, expectedVersion: 3 }));
    expect(claim.revisions.map((r) => [r.version, r.note])).toEqual([
      [1, null],
      [2, "Fixed the sentence length per the court record"],
      [3, null],
      [4, null],
    ]);
    expect((await getClaimDetail(desk.db, claim.id))!.revisions[1]!.note).toBe("Fixed the sentence length per the court record");
  });

  it("binds later sign-offs to the edited text", async () => {
    claim = unwrap(await editClaim(desk.db, desk.editorB, claim.id, { text: NEW_TEXT, expectedVersion: 1 }));
    await reviewIt();
    expect(claim.signoffs.at(-1)).toMatchObject({ textHash: sha256Hex(NEW_TEXT), claimVersion: 3 });
  });

  it("saving the same text changes nothing", async () => {
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: CLAIM_TEXT, expectedVersion: 1 }));
    expect(claim.version).toBe(1);
    expect(claim.revisions).toHaveLength(1);
  });

  it("refuses a note with unchanged text rather than dropping it", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
      editClaim(desk.db, desk.reporter, claim.id, { text: CLAIM_TEXT, expectedVersion: 1, note: "Checked the wording" }),
    );
    expect(error.fields).toEqual({ text: ["Change the text, or clear the note"] });
  });

  it("refuses other reporters", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => editClaim(desk.db, desk.otherReporter, claim.id, { text: NEW_TEXT, expectedVersion: 1 }));
    expect(error.message).toBe("Only the submitter or an editor can edit this claim");
  });

  it("refuses anything but drafts", async () => {
    await reviewIt();
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => editClaim(desk.db, desk.reporter, claim.id, { text: NEW_TEXT, expectedVersion: 2 }));
    expect(error.message).toContain("Only drafts can be edited");
    expect(error.details).toEqual({ currentVersion: 2, state: "reviewed" });
  });

  it("refuses stale versions, invalid text and unknown claims", async () => {
    await expectRefusedWithoutWrites(desk.db, "conflict", () => editClaim(desk.db, desk.reporter, claim.id, { text: NEW_TEXT, expectedVersion: 2 }));
    await expectRefusedWithoutWrites(desk.db, "invalid", () => editClaim(desk.db, desk.reporter, claim.id, { text: "tiny", expectedVersion: 1 }));
    await expectRefusedWithoutWrites(desk.db, "not_found", () => editClaim(desk.db, desk.reporter, 4242, { text: NEW_TEXT, expectedVersion: 1 }));
  });
});

describe("addCitations", () => {
  it("attaches citations in any state with one version bump per request", async () => {
    await reviewIt();
    claim = unwrap(await addCitations(desk.db, desk.reporter, claim.id, { citations: [citation({ kind: "refutes" }), citation({ kind: "context" })], expectedVersion: 2 }));
    expect(claim.version).toBe(3);
    expect(claim.state).toBe("reviewed");
    expect(claim.citations.map((c) => c.kind)).toEqual(["origin", "refutes", "context"]);
    expect(claim.citations[1]!.addedById).toBe(desk.reporter.id);
    // adding a citation is not a sign-off
    expect(claim.signoffs).toHaveLength(2);
  });

  it("refuses other reporters, stale versions and bad citations", async () => {
    await expectRefusedWithoutWrites(desk.db, "forbidden", () => addCitations(desk.db, desk.otherReporter, claim.id, { citations: [citation()], expectedVersion: 1 }));
    await expectRefusedWithoutWrites(desk.db, "conflict", () => addCitations(desk.db, desk.editorA, claim.id, { citations: [citation()], expectedVersion: 5 }));
    const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
      addCitations(desk.db, desk.editorA, claim.id, { citations: [citation(), citation({ url: "ftp://x.org/a" })], expectedVersion: 1 }),
    );
    expect(error.fields).toHaveProperty(["citations.1.url"]);
  });
});

describe("assignClaim", () => {
  it("assigns to an active editor, records who did it, and can unassign", async () => {
    claim = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    expect(claim).toMatchObject({ assigneeId: desk.editorB.id, assigneeName: "Ben Editor", version: 2 });
    claim = unwrap(await assignClaim(desk.db, desk.admin, claim.id, { assigneeId: null, expectedVersion: 2 }));
    expect(claim).toMatchObject({ assigneeId: null, assigneeName: null, version: 3 });
    expect(claim.assignments.map((a) => [a.assigneeName, a.assignedByName])).toEqual([
      ["Ben Editor", "Ada Editor"],
      [null, "Ann Admin"],
    ]);
  });

  it("may assign admins; assigning the current assignee again changes nothing", async () => {
    claim = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.admin.id, expectedVersion: 1 }));
    claim = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.admin.id, expectedVersion: 2 }));
    expect(claim.version).toBe(2);
    expect(claim.assignments).toHaveLength(1);
  });

  it("refuses reporters as assigners", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => assignClaim(desk.db, desk.reporter, claim.id, { assigneeId: desk.editorA.id, expectedVersion: 1 }));
    expect(error.message).toBe("Only editors can assign claims");
  });

  it("refuses reporters, disabled editors and unknown users as assignees", async () => {
    const notEditor = await expectRefusedWithoutWrites(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.otherReporter.id, expectedVersion: 1 }));
    expect(notEditor.fields?.assigneeId?.[0]).toContain("Omar Reporter is not an editor");

    const gone = createTestUser(desk.db, "editor", "Gone Editor");
    desk.db.update(users).set({ disabled: true }).where(eq(users.id, gone.id)).run();
    const disabled = await expectRefusedWithoutWrites(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: gone.id, expectedVersion: 1 }));
    expect(disabled.fields?.assigneeId?.[0]).toContain("disabled");

    await expectRefusedWithoutWrites(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: 9999, expectedVersion: 1 }));
  });

  it("refuses stale versions", async () => {
    const error = await expectRefusedWithoutWrites(desk.db, "conflict", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 2 }));
    expect(error.details).toEqual({ currentVersion: 1, state: "draft" });
  });
});

describe("versions", () => {
  it("go up by exactly one for every kind of change", async () => {
    const versions = [claim.version];
    claim = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: NEW_TEXT, expectedVersion: claim.version }));
    versions.push(claim.version);
    claim = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    versions.push(claim.version);
    claim = unwrap(await addCitations(desk.db, desk.reporter, claim.id, { citations: [citation()], expectedVersion: claim.version }));
    versions.push(claim.version);
    await reviewIt();
    versions.push(claim.version);
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("two connections to one database file", () => {
  it("apply a change once: the second request with the same version is a conflict, not a second sign-off", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "factdesk-workflow-"));
    try {
      const first = openDatabase(path.join(dir, "desk.db"));
      const second = openDatabase(path.join(dir, "desk.db"));
      const reporter = createTestUser(first, "reporter", "File Reporter");
      const editorA = createTestUser(first, "editor", "File Editor A");
      const editorB = createTestUser(first, "editor", "File Editor B");
      const created = unwrap(await submitClaim(first, reporter, { text: CLAIM_TEXT, citations: [citation({ kind: "origin" })] }));
      const request = { action: "review", note: "ok", citationIds: [created.citations[0]!.id], expectedVersion: 1 };

      const winner = await transitionClaim(first, editorA, created.id, request);
      const loser = await transitionClaim(second, editorB, created.id, request);
      expect(winner.ok).toBe(true);
      expect(loser).toMatchObject({ ok: false, error: { code: "conflict", details: { currentVersion: 2, state: "reviewed" } } });
      expect((await getClaimDetail(second, created.id))!.signoffs.map((s) => s.action)).toEqual(["submit", "review"]);
      first.$client.close();
      second.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
