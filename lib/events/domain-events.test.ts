import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createArticle } from "@/lib/articles/articles";
import { publishSummary, withdrawSummary } from "@/lib/publish/publish";
import { createPublishDesk, unwrap } from "@/lib/publish/test-helpers";
import { addCitations, assignClaim, editClaim, transitionClaim } from "@/lib/workflow";
import { citation, createDesk, expectRefusedWithoutWrites, submit, CLAIM_TEXT } from "@/lib/workflow/test-fixtures";
import { submitClaim } from "@/lib/workflow/submit";
import { readEventsAfter, readLastEventId, type RecordedEvent, type WithEvents } from ".";

/** The events the outbox gained while `change` ran, and the Result's own list, which must be the same. */
async function recordedBy<T>(db: Db, change: () => WithEvents<T> | Promise<WithEvents<T>>): Promise<{ result: WithEvents<T>; stored: RecordedEvent[] }> {
  const before = await readLastEventId(db);
  const result = await change();
  const stored = await readEventsAfter(db, before, 100);
  expect(result.events).toEqual(stored);
  return { result, stored };
}

/** A refusal writes nothing: no rows, no events (they roll back with the transaction). */
async function expectRefusedWithoutEvents<T>(db: Db, code: Parameters<typeof expectRefusedWithoutWrites>[1], attempt: () => Promise<WithEvents<T>>) {
  const before = await readLastEventId(db);
  let events: readonly RecordedEvent[] | undefined;
  await expectRefusedWithoutWrites(db, code, async () => {
    const result = await attempt();
    events = result.events;
    return result;
  });
  expect(events).toEqual([]);
  expect(await readLastEventId(db)).toBe(before);
}

describe("claim mutations record their events", () => {
  it("submit records claim.submitted with the claim, its article and the submitter", async () => {
    const desk = createDesk();
    const { result, stored } = await recordedBy(desk.db, () =>
      submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: desk.articleId, citations: [citation({ kind: "origin" })] }),
    );
    const claim = unwrap(result);
    expect(stored).toEqual([
      { id: expect.any(Number), kind: "claim.submitted", claimId: claim.id, articleId: desk.articleId, actorId: desk.reporter.id, version: 1, at: claim.createdAt },
    ]);
    // Refused inside the transaction, after nothing else: no claim, no event.
    await expectRefusedWithoutEvents(desk.db, "invalid", () => submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: 9999, citations: [citation({ kind: "origin" })] }));
  });

  it("a claim without an article carries articleId null", async () => {
    const desk = createDesk();
    const { stored } = await recordedBy(desk.db, () => submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, citations: [citation({ kind: "origin" })] }));
    expect(stored).toMatchObject([{ kind: "claim.submitted", articleId: null }]);
  });

  it("edit records claim.edited with the new version; the same text again records nothing", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const { stored } = await recordedBy(desk.db, () => editClaim(desk.db, desk.reporter, claim.id, { text: `${CLAIM_TEXT} Really.`, expectedVersion: claim.version }));
    expect(stored).toMatchObject([{ kind: "claim.edited", claimId: claim.id, articleId: desk.articleId, actorId: desk.reporter.id, version: 2 }]);
    expect((await recordedBy(desk.db, () => editClaim(desk.db, desk.reporter, claim.id, { text: `${CLAIM_TEXT} Really.`, expectedVersion: 2 }))).stored).toEqual([]);
    await expectRefusedWithoutEvents(desk.db, "conflict", () => editClaim(desk.db, desk.reporter, claim.id, { text: `${CLAIM_TEXT} Edited from a stale page.`, expectedVersion: 1 }));
  });

  it("a transition records claim.transitioned with action, states, round and verdict", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const review = { action: "review", note: "Checked", citationIds: [claim.citations[0].id], expectedVersion: claim.version };
    await expectRefusedWithoutEvents(desk.db, "forbidden", () => transitionClaim(desk.db, desk.reporter, claim.id, review));
    const reviewed = await recordedBy(desk.db, () => transitionClaim(desk.db, desk.editorA, claim.id, review));
    expect(reviewed.stored).toMatchObject([
      { kind: "claim.transitioned", claimId: claim.id, actorId: desk.editorA.id, action: "review", from: "draft", to: "reviewed", round: 1, verdict: null, version: 2 },
    ]);
    const verify = { action: "verify", verdict: "false", note: "Wrong", citationIds: [claim.citations[0].id], expectedVersion: 2 };
    expect((await recordedBy(desk.db, () => transitionClaim(desk.db, desk.editorB, claim.id, verify))).stored).toMatchObject([
      { action: "verify", from: "reviewed", to: "verified", round: 1, verdict: "false", version: 3 },
    ]);
    const back = { action: "return", note: "New evidence", citationIds: [claim.citations[0].id], expectedVersion: 3 };
    expect((await recordedBy(desk.db, () => transitionClaim(desk.db, desk.editorA, claim.id, back))).stored).toMatchObject([
      { action: "return", from: "verified", to: "draft", round: 2, verdict: null, version: 4 },
    ]);
  });

  it("assign records claim.assigned with the previous assignee; the same assignee again records nothing", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const { stored } = await recordedBy(desk.db, () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    expect(stored).toMatchObject([{ kind: "claim.assigned", claimId: claim.id, assigneeId: desk.editorB.id, previous: null, version: 2, actorId: desk.editorA.id }]);
    expect((await recordedBy(desk.db, () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 2 }))).stored).toEqual([]);
    expect((await recordedBy(desk.db, () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: null, expectedVersion: 2 }))).stored).toMatchObject([
      { assigneeId: null, previous: desk.editorB.id, version: 3 },
    ]);
    await expectRefusedWithoutEvents(desk.db, "invalid", () => assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.reporter.id, expectedVersion: 3 }));
  });

  it("adding citations records claim.cited with the new citations' ids", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const { result, stored } = await recordedBy(desk.db, () => addCitations(desk.db, desk.editorC, claim.id, { citations: [citation(), citation({ kind: "context" })], expectedVersion: 1 }));
    const added = unwrap(result).citations.slice(1).map((c) => c.id);
    expect(stored).toMatchObject([{ kind: "claim.cited", claimId: claim.id, citationIds: added, version: 2, actorId: desk.editorC.id }]);
    await expectRefusedWithoutEvents(desk.db, "conflict", () => addCitations(desk.db, desk.reporter, claim.id, { citations: [citation()], expectedVersion: 1 }));
  });
});

describe("articles and summaries record their events", () => {
  it("adding an article records article.added; the same text again records nothing", async () => {
    const desk = createDesk();
    const body = "The council approved the budget on Tuesday. It passed seven to two.";
    const { result, stored } = await recordedBy(desk.db, () => createArticle(desk.db, desk.reporter, { title: "Budget passes", body }));
    expect(stored).toMatchObject([{ kind: "article.added", articleId: unwrap(result).id, title: "Budget passes", actorId: desk.reporter.id }]);
    expect((await recordedBy(desk.db, () => createArticle(desk.db, desk.reporter, { title: "Copy", body }))).result.ok).toBe(false);
  });

  it("publishing records summary.published per new version, none for a repeat; withdrawing records summary.withdrawn", async () => {
    const desk = createPublishDesk();
    await desk.verified("She was 63.", "false");
    const first = { title: "Clemency checked", introduction: "What we found in the court record." };
    const published = await recordedBy(desk.db, () => publishSummary(desk.db, desk.editorA, desk.articleId, first));
    const { summary } = unwrap(published.result);
    expect(published.stored).toMatchObject([{ kind: "summary.published", summaryId: summary.id, articleId: desk.articleId, slug: summary.slug, version: 1, actorId: desk.editorA.id }]);
    expect((await recordedBy(desk.db, () => publishSummary(desk.db, desk.editorA, desk.articleId, first))).stored).toEqual([]);
    await expectRefusedWithoutEvents(desk.db, "forbidden", () => publishSummary(desk.db, desk.reporter, desk.articleId, first));

    expect((await recordedBy(desk.db, () => withdrawSummary(desk.db, desk.editorB, desk.articleId, { reason: "Under review." }))).stored).toMatchObject([
      { kind: "summary.withdrawn", summaryId: summary.id, slug: summary.slug, version: 1, actorId: desk.editorB.id },
    ]);
    expect((await recordedBy(desk.db, () => withdrawSummary(desk.db, desk.editorB, desk.articleId, { reason: "Again." }))).result.ok).toBe(false);
    const again = await recordedBy(desk.db, () => publishSummary(desk.db, desk.editorA, desk.articleId, { ...first, correctionNote: "Back up after review." }));
    expect(again.stored).toMatchObject([{ kind: "summary.published", version: 2 }]);
  });
});
