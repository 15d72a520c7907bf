import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openPostgres, type PgDb } from "@/db/client-pg";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { onEveryEngine } from "@/lib/testing/engines";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { addCitations } from "./add-citations";
import { assignClaim } from "./assign";
import { AUDIT_CHAIN_LOCK, verifyAuditChain } from "./audit";
import { editClaim } from "./edit";
import { sha256Hex } from "./hash";
import { setDueDate } from "@/lib/deadlines/due-date";
import { bulkChange } from "./bulk";
import { changesSince } from "./changes-since";
import {
  citationsFirstSignedOfClaims,
  claimRowBatches,
  claimRowsByIds,
  claimsReopenedSince,
  countClaimsByState,
  getClaimArticleId,
  getClaimDetail,
  listClaimRows,
  listClaims,
  listVerifiedClaimsOfArticle,
  reviewersOfRows,
  signoffTrailsOf,
} from "./queries";
import { submitClaim } from "./submit";
import { CLAIM_TEXT, citation, createDeskOn, expectRefusedWithoutWrites, originCitation, refusal, submit, unwrap, type Desk } from "./test-fixtures";
import { transitionClaim } from "./transition";
import type { ClaimDetail } from "./types";

/*
 * The claim workflow's rules, answers and messages on every engine (#17, item 1): the same calls give
 * the same results on SQLite, PGlite and (under scripts/pg-cluster.sh) a real PostgreSQL server. The
 * exhaustive single-engine suites (transition.test.ts, submit.test.ts, claim-changes.test.ts,
 * queries.test.ts, workflow.property.test.ts) stay on SQLite; this file proves the engines agree.
 */

const originOf = (claim: ClaimDetail) => claim.citations[0]!.id;
const review = (desk: Desk, actor: Actor, claim: ClaimDetail, extra: Record<string, unknown> = {}) =>
  transitionClaim(desk.db, actor, claim.id, { action: "review", note: "Matches the court record", citationIds: [originOf(claim)], expectedVersion: claim.version, ...extra });
const verify = (desk: Desk, actor: Actor, claim: ClaimDetail, extra: Record<string, unknown> = {}) =>
  transitionClaim(desk.db, actor, claim.id, { action: "verify", note: "Confirmed", verdict: "true", citationIds: [originOf(claim)], expectedVersion: claim.version, ...extra });
const giveBack = (desk: Desk, actor: Actor, claim: ClaimDetail) =>
  transitionClaim(desk.db, actor, claim.id, { action: "return", note: "Age is disputed", citationIds: [originOf(claim)], expectedVersion: claim.version });

onEveryEngine("claim workflow", (database) => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await createDeskOn(database());
  });

  describe("submit", () => {
    it("creates a draft at version 1 with its origin citation, first revision and submit sign-off", async () => {
      const claim = await submit(desk);
      expect(claim).toMatchObject({ state: "draft", version: 1, round: 1, verdict: null, text: CLAIM_TEXT, textHash: sha256Hex(CLAIM_TEXT), articleId: desk.articleId, submitterName: "Rita Reporter", articleTitle: "Clemency" });
      expect(claim.citations).toHaveLength(1);
      expect(claim.signoffs).toEqual([expect.objectContaining({ action: "submit", fromState: null, toState: "draft", note: "Submitted", claimVersion: 1, citationIds: [originOf(claim)] })]);
      expect(claim.revisions).toEqual([expect.objectContaining({ version: 1, text: CLAIM_TEXT, editedByName: "Rita Reporter", note: null })]);
    });

    it("records a due date given at submit", async () => {
      const claim = unwrap(await submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: desk.articleId, dueAt: "2030-01-02T10:00:00.000Z", citations: [originCitation(desk.articleId)] }));
      expect(claim.dueAt).toBe("2030-01-02T10:00:00.000Z");
      expect(claim.dueChanges).toEqual([expect.objectContaining({ dueAt: "2030-01-02T10:00:00.000Z", previousDueAt: null, changedById: desk.reporter.id })]);
    });

    it("refuses an unknown article and a quote that is not the article's text, writing nothing", async () => {
      const noArticle = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: 999_999, citations: [originCitation(999_999)] }),
      );
      expect(noArticle.message).toBe("There is no article #999999");
      const misquoted = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: desk.articleId, citations: [originCitation(desk.articleId, { quote: "Not what the article says at all." })] }),
      );
      expect(misquoted.message).toBe("Some citations do not match their article");
      expect(Object.keys(misquoted.fields ?? {})).toEqual([expect.stringMatching(/^citations\.0\./)]);
    });
  });

  describe("transitions", () => {
    it("review, verify, return: state, version, round, verdict and the chained sign-offs", async () => {
      let claim = await submit(desk);
      claim = unwrap(await review(desk, desk.editorA, claim, { citations: [citation()] }));
      expect(claim).toMatchObject({ state: "reviewed", version: 2, round: 1, currentReviewerId: desk.editorA.id });
      expect(claim.signoffs.at(-1)!.citationIds).toEqual(claim.citations.map((c) => c.id));
      claim = unwrap(await verify(desk, desk.editorB, claim, { verdict: "mostly-true" }));
      expect(claim).toMatchObject({ state: "verified", version: 3, verdict: "mostly-true" });
      claim = unwrap(await giveBack(desk, desk.editorC, claim));
      expect(claim).toMatchObject({ state: "draft", version: 4, round: 2, verdict: null, currentReviewerId: null });
      expect(claim.signoffs.map((s) => [s.action, s.round])).toEqual([["submit", 1], ["review", 1], ["verify", 1], ["return", 2]]);
      expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true });
    });

    it("four-eyes: the submitter may not review their own claim, even as an editor", async () => {
      const claim = await submit(desk, desk.editorA);
      const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => review(desk, desk.editorA, claim));
      expect(error.message).toBe("You submitted this claim, so another editor must review it");
    });

    it("two-person: the reviewer of the round may not verify it", async () => {
      const claim = unwrap(await review(desk, desk.editorA, await submit(desk)));
      const error = await expectRefusedWithoutWrites(desk.db, "forbidden", () => verify(desk, desk.editorA, claim));
      expect(error.message).toBe("You reviewed this claim in this round, so a different editor must verify it");
      expect(unwrap(await verify(desk, desk.editorB, claim)).state).toBe("verified");
    });

    it("refuses reporters, a transition from the wrong state, and a stale version, with the current version in the conflict", async () => {
      const claim = await submit(desk);
      expect((await expectRefusedWithoutWrites(desk.db, "forbidden", () => review(desk, desk.otherReporter, claim))).message).toBe("Only editors can review claims");
      const reviewed = unwrap(await review(desk, desk.editorA, claim));
      const again = await expectRefusedWithoutWrites(desk.db, "conflict", () => review(desk, desk.editorB, reviewed));
      expect(again).toMatchObject({ message: "This claim is already reviewed", details: { currentVersion: 2, state: "reviewed" } });
      const stale = await expectRefusedWithoutWrites(desk.db, "conflict", () => verify(desk, desk.editorB, claim));
      expect(stale).toMatchObject({
        message: "This claim changed since you loaded it (you saw version 1, it is now version 2). Reload to see the changes.",
        details: { currentVersion: 2, state: "reviewed" },
      });
    });

    it("refuses citation ids that are not the claim's, and an unknown claim", async () => {
      const claim = await submit(desk);
      const other = await submit(desk);
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => review(desk, desk.editorA, claim, { citationIds: [originOf(other)] }));
      expect(error.fields).toEqual({ citationIds: [`Citation #${originOf(other)} not found on this claim`] });
      const missing = await expectRefusedWithoutWrites(desk.db, "not_found", () => transitionClaim(desk.db, desk.editorA, 999_999, { action: "review", note: "x", citationIds: [1], expectedVersion: 1 }));
      expect(missing.message).toBe("There is no claim #999999");
    });
  });

  describe("citations, assignment, edits", () => {
    it("adds citations with one version bump, and checks their quotes", async () => {
      const claim = await submit(desk);
      const cited = unwrap(await addCitations(desk.db, desk.reporter, claim.id, { citations: [citation(), citation({ kind: "refutes", quote: "another quote" })], expectedVersion: 1 }));
      expect(cited).toMatchObject({ version: 2 });
      expect(cited.citations.map((c) => c.kind)).toEqual(["origin", "supports", "refutes"]);
      const offsets = { kind: "context" as const, articleId: desk.articleId, quote: "Trump", quoteStart: 0, quoteEnd: 5 };
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () => addCitations(desk.db, desk.reporter, claim.id, { citations: [citation(offsets)], expectedVersion: 2 }));
      expect(error.message).toBe("Some citations do not match their article");
      expect(Object.keys(error.fields ?? {})).toEqual([expect.stringMatching(/^citations\.0\./)]);
    });

    it("assigns to an editor, unassigns, changes nothing for the same assignee, and refuses ineligible people", async () => {
      const claim = await submit(desk);
      const assigned = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
      expect(assigned).toMatchObject({ version: 2, assigneeId: desk.editorB.id, assigneeName: "Ben Editor" });
      expect(assigned.assignments).toEqual([expect.objectContaining({ assigneeId: desk.editorB.id, assigneeName: "Ben Editor", assignedById: desk.editorA.id, assignedByName: "Ada Editor" })]);
      expect(unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 2 })).version).toBe(2);
      const reporter = await expectRefusedWithoutWrites(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.reporter.id, expectedVersion: 2 }));
      expect(reporter.fields?.assigneeId).toHaveLength(1);
      const nobody = await expectRefusedWithoutWrites(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: 999_999, expectedVersion: 2 }));
      expect(nobody.message).toBe("There is no user #999999");
      const unassigned = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: null, expectedVersion: 2 }));
      expect(unassigned).toMatchObject({ version: 3, assigneeId: null, assigneeName: null });
      expect(unassigned.assignments.at(-1)).toMatchObject({ assigneeId: null, assigneeName: null });
    });

    it("edits a draft's text into a new revision; the same text with a note is refused", async () => {
      const claim = await submit(desk);
      const edited = unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: `${CLAIM_TEXT} Edited.`, note: "  typo  ", expectedVersion: 1 }));
      expect(edited).toMatchObject({ version: 2, text: `${CLAIM_TEXT} Edited.`, textHash: sha256Hex(`${CLAIM_TEXT} Edited.`) });
      expect(edited.revisions.map((r) => [r.version, r.note])).toEqual([[1, null], [2, "typo"]]);
      const same = await expectRefusedWithoutWrites(desk.db, "invalid", () => editClaim(desk.db, desk.reporter, claim.id, { text: edited.text, note: "why", expectedVersion: 2 }));
      expect(same.message).toBe("The text is unchanged, so there is no edit for this note to explain");
      expect(unwrap(await editClaim(desk.db, desk.reporter, claim.id, { text: edited.text, expectedVersion: 2 })).version).toBe(2);
    });
  });

  describe("reads", () => {
    it("lists, searches, counts and narrows to what a viewer may act on", async () => {
      const own = await createDeskOn(database());
      const pardon = await submit(own, own.reporter, "The president granted a pardon, not a commutation.");
      const sentenced = unwrap(await review(own, own.editorA, await submit(own, own.reporter, "She was sentenced to life in 1996.")));
      const mine = { submitterId: own.reporter.id };
      const ids = (page: { data: Array<{ id: number }> }) => page.data.map((row) => row.id);
      expect(ids(unwrap(await listClaims(own.db, mine)))).toEqual([pardon.id, sentenced.id]);
      expect(ids(unwrap(await listClaims(own.db, { ...mine, sort: "newest" })))).toEqual([sentenced.id, pardon.id]);
      expect(ids(unwrap(await listClaimRows(own.db, { ...mine, state: "reviewed" })))).toEqual([sentenced.id]);
      expect(ids(unwrap(await listClaimRows(own.db, { ...mine, q: "sentence" })))).toEqual([sentenced.id]);
      expect(ids(unwrap(await listClaimRows(own.db, { ...mine, q: "PARDONS commutation" })))).toEqual([pardon.id]);
      expect(ids(unwrap(await listClaimRows(own.db, { ...mine, q: " *** ( " })))).toEqual([]);
      expect(await countClaimsByState(own.db, mine)).toEqual({ draft: 1, reviewed: 1, verified: 0, total: 2 });
      const everyone = await countClaimsByState(own.db);
      expect(everyone.total).toBe(everyone.draft + everyone.reviewed + everyone.verified);
      expect(everyone.total).toBeGreaterThanOrEqual(2);
      // The reviewer of the round may not verify it, the submitter may not review: neither can act on these.
      expect(ids(unwrap(await listClaimRows(own.db, mine, {}, { actionableBy: own.editorA })))).toEqual([pardon.id]);
      expect(ids(unwrap(await listClaimRows(own.db, mine, {}, { actionableBy: own.editorB })))).toEqual([pardon.id, sentenced.id]);
      expect(await countClaimsByState(own.db, mine, { actionableBy: own.editorB })).toMatchObject({ draft: 1, reviewed: 1, total: 2 });
      // Pages and cursors.
      const first = unwrap(await listClaims(own.db, mine, { limit: 1 }));
      expect(ids(first)).toEqual([pardon.id]);
      expect(ids(unwrap(await listClaims(own.db, mine, { limit: 1, cursor: first.nextCursor! })))).toEqual([sentenced.id]);
      expect(await getClaimDetail(own.db, 999_999)).toBeNull();
    });
  });
});

onEveryEngine("claim workflow: publishing's and the claim page's readers, due dates, bulk, changes", (database) => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await createDeskOn(database());
  });

  it("reads verified claims, reopened verdicts, first signatures, trails, rows by id and the article", async () => {
    const verified = unwrap(await verify(desk, desk.editorB, unwrap(await review(desk, desk.editorA, await submit(desk), { citations: [citation()] }))));
    const draft = await submit(desk);
    const listed = await listVerifiedClaimsOfArticle(desk.db, desk.articleId);
    expect(listed.map((claim) => claim.id)).toEqual([verified.id]);
    expect(listed[0]).toMatchObject({ state: "verified", verdict: "true", currentReviewerId: desk.editorA.id });
    expect(listed[0]!.citations).toHaveLength(2);
    expect(listed[0]!.signoffs.map((s) => s.action)).toEqual(["submit", "review", "verify"]);
    const firstSigned = await citationsFirstSignedOfClaims(desk.db, [verified.id]);
    expect([...firstSigned.keys()].sort((a, b) => a - b)).toEqual(verified.citations.map((c) => c.id));
    expect(await claimsReopenedSince(desk.db, [{ id: verified.id, round: 1 }, { id: 999_999, round: 1 }])).toEqual(new Set([999_999]));
    const returned = unwrap(await giveBack(desk, desk.editorC, verified));
    expect(await claimsReopenedSince(desk.db, [{ id: verified.id, round: 1 }])).toEqual(new Set([verified.id]));
    expect((await signoffTrailsOf(desk.db, [verified.id])).get(verified.id)!.map((s) => [s.action, s.userName])).toEqual([
      ["submit", "Rita Reporter"],
      ["review", "Ada Editor"],
      ["verify", "Ben Editor"],
      ["return", "Cy Editor"],
    ]);
    expect((await reviewersOfRows(desk.db, [returned])).has(verified.id)).toBe(false);
    expect((await claimRowsByIds(desk.db, [draft.id, 999_999, verified.id])).map((row) => row.id)).toEqual([draft.id, verified.id]);
    expect(await getClaimArticleId(desk.db, draft.id)).toBe(desk.articleId);
    expect(await getClaimArticleId(desk.db, 999_999)).toBeNull();
  });

  it("sets, orders by and clears due dates; streams rows in batches", async () => {
    const own = await createDeskOn(database());
    const [a, b, c] = [await submit(own), await submit(own), await submit(own)];
    const due = unwrap(await setDueDate(own.db, own.editorA, b!.id, { dueAt: "2030-01-01T09:00:00.000Z", expectedVersion: 1 }));
    expect(due).toMatchObject({ version: 2, dueAt: "2030-01-01T09:00:00.000Z" });
    expect(due.dueChanges.at(-1)).toMatchObject({ dueAt: "2030-01-01T09:00:00.000Z", previousDueAt: null, changedByName: "Ada Editor" });
    unwrap(await setDueDate(own.db, own.editorA, c!.id, { dueAt: "2029-06-01T09:00:00.000Z", expectedVersion: 1 }));
    const mine = { submitterId: own.reporter.id, sort: "due" as const };
    expect(unwrap(await listClaimRows(own.db, mine)).data.map((row) => row.id)).toEqual([c!.id, b!.id, a!.id]);
    const batches: number[][] = [];
    for await (const batch of claimRowBatches(own.db, mine, {}, 2)) batches.push(batch.map((row) => row.id));
    expect(batches).toEqual([[c!.id, b!.id], [a!.id]]);
    const cleared = unwrap(await setDueDate(own.db, own.editorA, b!.id, { dueAt: null, expectedVersion: 2 }));
    expect(cleared).toMatchObject({ version: 3, dueAt: null });
    const stale = await expectRefusedWithoutWrites(own.db, "conflict", () => setDueDate(own.db, own.editorA, b!.id, { dueAt: null, expectedVersion: 2 }));
    expect(stale.details).toMatchObject({ currentVersion: 3 });
  });

  it("applies a bulk assignment claim by claim, refusing a stale one with the single call's 409", async () => {
    const [a, b] = [await submit(desk), await submit(desk)];
    const stale = unwrap(await assignClaim(desk.db, desk.editorA, b!.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const outcome = unwrap(await bulkChange(desk.db, desk.editorA, { action: "assign", assigneeId: desk.editorB.id, claims: [{ id: a!.id, expectedVersion: 1 }, { id: b!.id, expectedVersion: 1 }] }));
    expect(outcome.results.map((result) => [result.claimId, result.status])).toEqual([[a!.id, 200], [b!.id, 409]]);
    expect((await getClaimDetail(desk.db, a!.id))!.assigneeId).toBe(desk.editorB.id);
    expect((await getClaimDetail(desk.db, b!.id))!).toMatchObject({ assigneeId: desk.editorC.id, version: stale.version });
  });

  it("words what changed since a version, from the outbox", async () => {
    const claim = await submit(desk);
    const reviewed = unwrap(await review(desk, desk.editorA, claim));
    unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorC.id, expectedVersion: reviewed.version }));
    const inTwoMinutes = new Date(Date.now() + 2 * 60_000);
    expect((await changesSince(desk.db, claim.id, 1, inTwoMinutes)).map((change) => change.text)).toEqual([
      "Ada Editor reviewed this claim 2 minutes ago (version 1 → 2)",
      "Ben Editor assigned this claim to Cy Editor 2 minutes ago (version 2 → 3)",
    ]);
    expect(await changesSince(desk.db, claim.id, 3)).toEqual([]);
  });
});

/*
 * Racing transitions on a real server: PGlite runs one transaction at a time, so only a server can
 * show that two transactions which both saw version 1 have one winner, and the loser SQLite's answer.
 * The audit chain's advisory lock, held by the test, stops the first transition after it changed the
 * claim and before it commits; the second is then let go only once it is waiting too. With the claim
 * read FOR UPDATE it waits for the claim and then reads the winner's version ("already reviewed", as
 * SQLite answers); without FOR UPDATE it would read version 1, pass every check, and find the row gone
 * from under its version-checked UPDATE ("changed while saving").
 */
describe.skipIf(!TEST_PG_URL)("racing transitions (PostgreSQL server)", () => {
  let scratch: ScratchDatabase;
  let db: PgDb;
  let desk: Desk;
  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_workflow_race");
    db = await openPostgres(scratch.url, { max: 6 });
    desk = await createDeskOn(db as unknown as Db);
  }, 60_000);
  afterAll(async () => {
    await db?.$client.end();
    await scratch?.drop();
  });

  let holder: pg.PoolClient;
  beforeEach(async () => {
    holder = await db.$client.connect();
  });

  async function waitingOnLocks(count: number): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      const { rows } = await db.$client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
      if (Number(rows[0]!.n) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`fewer than ${count} sessions ever waited on a lock`);
  }

  it("two reviews of one draft: exactly one wins, the other gets SQLite's 409 with the current version", async () => {
    const claim = await submit(desk);
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
    let outcomes: Array<Awaited<ReturnType<typeof review>>>;
    try {
      const racing = Promise.all([review(desk, desk.editorA, claim), review(desk, desk.editorB, claim)]);
      // One waits for the chain (having changed the claim), the other for the claim.
      await waitingOnLocks(2);
      await holder.query("COMMIT");
      outcomes = await racing;
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      holder.release();
    }
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const loser = refusal(outcomes.find((outcome) => !outcome.ok)!);
    expect(loser).toMatchObject({ code: "conflict", message: "This claim is already reviewed", details: { currentVersion: 2, state: "reviewed" } });
    // The same answer a late request gets once the race is over.
    expect(refusal(await review(desk, desk.editorC, claim))).toEqual(loser);
    const after = (await getClaimDetail(desk.db, claim.id))!;
    expect(after).toMatchObject({ state: "reviewed", version: 2 });
    expect(after.signoffs.map((s) => s.action)).toEqual(["submit", "review"]);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true });
  });
});
