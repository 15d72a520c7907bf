import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { publishSummary } from "@/lib/publish/publish";
import { assignClaim, submitClaim, transitionClaim } from "@/lib/workflow";
import { citation, createDesk, originCitation, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import type { ClaimDetail } from "@/lib/workflow/types";
import { daysOf, periodOf, statsQuerySchema, weekStartOf } from "./period";
import { deskStats, percentile, summarize } from "./stats";

const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe("percentile", () => {
  it("interpolates between the nearest ranks, as PERCENTILE.INC does", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(summarize([10, 1, 4])).toEqual({ medianHours: 4, p90Hours: 8.8, n: 3 });
  });
});

describe("period", () => {
  it("defaults to the last 30 days and buckets weeks from Monday", () => {
    expect(periodOf({}, new Date("2024-03-31T15:00:00Z"))).toEqual({ from: "2024-03-02", to: "2024-03-31" });
    expect(daysOf({ from: "2024-02-28", to: "2024-03-01" })).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(weekStartOf("2024-03-04")).toBe("2024-03-04"); // a Monday
    expect(weekStartOf("2024-03-10")).toBe("2024-03-04"); // the Sunday after
    expect(weekStartOf("2024-03-11")).toBe("2024-03-11");
  });

  it("refuses a reversed, too long or unreal period", () => {
    expect(statsQuerySchema.safeParse({ from: "2024-03-02", to: "2024-03-01" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: "2023-01-01", to: "2024-03-01" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: "2024-02-30" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: "2023-03-02", to: "2024-03-01" }).success).toBe(true); // 366 days
  });
});

describe("deskStats from hand-built histories", () => {
  let desk: Desk;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    desk = createDesk();
  });
  afterEach(() => vi.useRealTimers());

  const submit = async (by: Actor = desk.reporter, text = "Alice Marie Johnson served more than 21 years in prison.") =>
    unwrap(await submitClaim(desk.db, by, { text, articleId: desk.articleId, citations: [originCitation(desk.articleId)] }));
  const move = async (claim: ClaimDetail, by: Actor, action: "review" | "verify" | "return") =>
    unwrap(
      await transitionClaim(desk.db, by, claim.id, {
        action,
        note: action === "return" ? "Her age needs a second source." : "Checked against the court record.",
        ...(action === "verify" ? { verdict: "true" as const, citations: [citation({ title: "Court record", url: "https://court.example/1", quote: "Sentenced to life." })] } : { citationIds: [claim.citations[0]!.id] }),
        expectedVersion: claim.version,
      }),
    );
  const publish = async () => unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "What we checked about the clemency", introduction: "The claims we checked in this story, with their sources." }));

  /**
   * Claim A: submit d1 00:00, review d1 10:00 (draft 10 h), return d2 00:00 (reviewed 14 h),
   * review again d2 06:00 (draft 6 h), verify d2 18:00 (reviewed 12 h), published d3 18:00 (verified 24 h).
   * Claim B: submit d2 00:00, review d2 02:00 (draft 2 h), still reviewed.
   */
  async function history() {
    at("2024-03-01T00:00:00Z");
    let a = await submit();
    at("2024-03-01T10:00:00Z");
    a = await move(a, desk.editorA, "review");
    at("2024-03-02T00:00:00Z");
    a = await move(a, desk.editorB, "return");
    const b0 = await submit(desk.otherReporter, "Johnson was 63 when her sentence was commuted in June 2018.");
    at("2024-03-02T02:00:00Z");
    const b = await move(b0, desk.editorA, "review");
    at("2024-03-02T06:00:00Z");
    a = await move(a, desk.editorC, "review");
    at("2024-03-02T18:00:00Z");
    a = await move(a, desk.editorB, "verify");
    at("2024-03-03T18:00:00Z");
    await publish();
    at("2024-03-04T00:00:00Z");
    return { a, b };
  }

  it("counts every stay, returns and re-reviews included, with median, p90 and n", async () => {
    await history();
    const stats = await deskStats(desk.db, desk.editorA, { from: "2024-03-01", to: "2024-03-03" });
    expect(stats.timeInState.draft).toEqual({ medianHours: 6, p90Hours: 9.2, n: 3 }); // 10, 6, 2
    expect(stats.timeInState.reviewed).toEqual({ medianHours: 13, p90Hours: 13.8, n: 2 }); // 14, 12
    expect(stats.timeInState.verified).toEqual({ medianHours: 24, p90Hours: 24, n: 1 });
    expect(stats.counts).toEqual({ draft: 0, reviewed: 1, verified: 1 });
    expect(stats.returnsPerRound).toEqual([{ round: 1, returns: 1 }]);
    // Now (d4 00:00) B has been reviewed for 46 h, past the desk's default 24 h target for that state.
    expect(stats.overdue).toEqual({
      count: 1,
      claims: [expect.objectContaining({ text: "Johnson was 63 when her sentence was commuted in June 2018.", state: "reviewed", source: "target", dueAt: null, hoursLate: 22 })],
    });
  });

  it("puts a stay in the period its end falls in, and a republication ends no stay", async () => {
    await history();
    at("2024-03-05T00:00:00Z");
    await publish(); // nothing changed: no new version, and no second verified stay
    const day2 = await deskStats(desk.db, desk.editorA, { from: "2024-03-02", to: "2024-03-02" });
    expect(day2.timeInState.draft.n).toBe(2); // A's second draft stay (6 h) and B's (2 h); A's first ended on day 1
    expect(day2.timeInState.draft.medianHours).toBe(4);
    expect(day2.timeInState.verified.n).toBe(0);
    const later = await deskStats(desk.db, desk.editorA, { from: "2024-03-04", to: "2024-03-31" });
    expect(later.timeInState.verified.n).toBe(0);
  });

  it("buckets submitted, verified and published by UTC day and by week", async () => {
    await history();
    const stats = await deskStats(desk.db, desk.editorA, { from: "2024-02-29", to: "2024-03-04" });
    expect(stats.perDay).toEqual([
      { date: "2024-02-29", submitted: 0, verified: 0, published: 0 },
      { date: "2024-03-01", submitted: 1, verified: 0, published: 0 },
      { date: "2024-03-02", submitted: 1, verified: 1, published: 0 },
      { date: "2024-03-03", submitted: 0, verified: 0, published: 1 },
      { date: "2024-03-04", submitted: 0, verified: 0, published: 0 },
    ]);
    expect(stats.perWeek).toEqual([
      { weekStart: "2024-02-26", submitted: 2, verified: 1, published: 1 },
      { weekStart: "2024-03-04", submitted: 0, verified: 0, published: 0 },
    ]);
  });

  it("shows a reporter the same figures for their own claims only", async () => {
    await history();
    const own = await deskStats(desk.db, desk.otherReporter, { from: "2024-03-01", to: "2024-03-03" });
    expect(own.scope).toBe("own");
    expect(own.counts).toEqual({ draft: 0, reviewed: 1, verified: 0 });
    expect(own.timeInState.draft).toEqual({ medianHours: 2, p90Hours: 2, n: 1 });
    expect(own.timeInState.reviewed.n).toBe(0);
    expect(own.perDay.reduce((sum, day) => sum + day.submitted, 0)).toBe(1);
    expect(own.returnsPerRound).toEqual([]);
    expect(own.longestWaiting.map((claim) => claim.text)).toEqual(["Johnson was 63 when her sentence was commuted in June 2018."]);
    expect(own.overdue.count).toBe(1); // B, theirs
    expect((await deskStats(desk.db, desk.reporter, { from: "2024-03-01", to: "2024-03-03" })).overdue).toEqual({ count: 0, claims: [] });
    expect((await deskStats(desk.db, desk.editorA, { from: "2024-03-01", to: "2024-03-03" })).scope).toBe("desk");
  });

  it("lists the longest-waiting open claims by time in their current state", async () => {
    await history();
    at("2024-03-04T00:00:00Z");
    const c = await submit(desk.reporter, "The sentence was commuted by President Trump.");
    at("2024-03-04T12:00:00Z");
    const stats = await deskStats(desk.db, desk.editorA, { from: "2024-03-01", to: "2024-03-04" });
    expect(stats.longestWaiting.map((w) => [w.claimId, w.state, w.waitingHours])).toEqual([
      [2, "reviewed", 58], // B, reviewed since d2 02:00
      [c.id, "draft", 12],
    ]);
  });

  it("shows the next sign-off, assignment or role change at once", async () => {
    const { b } = await history();
    const period = { from: "2024-03-01", to: "2024-03-04" };
    expect((await deskStats(desk.db, desk.editorA, period)).counts).toEqual({ draft: 0, reviewed: 1, verified: 1 });
    at("2024-03-04T01:00:00Z");
    await move(b, desk.editorB, "return");
    expect((await deskStats(desk.db, desk.editorA, period)).counts).toEqual({ draft: 1, reviewed: 0, verified: 1 });
    const before = (await deskStats(desk.db, desk.editorA, period)).perPerson.find((p) => p.userId === desk.editorC.id)!;
    desk.db.$client.prepare("UPDATE users SET disabled = 1 WHERE id = ?").run(desk.editorC.id);
    expect(before.awaitingReview).toBe(1);
    expect((await deskStats(desk.db, desk.editorA, period)).perPerson.find((p) => p.userId === desk.editorC.id)).toBeUndefined();
    at("2024-03-04T13:00:00Z");
    expect((await deskStats(desk.db, desk.editorA, period)).longestWaiting[0]!.waitingHours).toBe(12); // the clock is read on every call
  });

  it("counts each editor's load with the workflow's rules", async () => {
    const { b } = await history();
    at("2024-03-04T00:00:00Z");
    const draft = await submit(desk.editorC, "Johnson served 21 years of a life sentence.");
    unwrap(await assignClaim(desk.db, desk.editorA, draft.id, { assigneeId: desk.editorB.id, expectedVersion: draft.version }));
    const stats = await deskStats(desk.db, desk.editorA, { from: "2024-03-01", to: "2024-03-04" });
    const load = Object.fromEntries(stats.perPerson.map((p) => [p.name, [p.assigned, p.awaitingReview, p.awaitingVerify]]));
    // The draft was submitted by Cy (he may not review it); B was reviewed by Ada (she may not verify it).
    expect(load).toEqual({
      "Ben Editor": [1, 1, 1],
      "Ada Editor": [0, 1, 0],
      "Cy Editor": [0, 0, 1],
      "Ann Admin": [0, 1, 1],
    });
    expect(b.state).toBe("reviewed");
  });
});
