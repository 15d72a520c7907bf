import { transact } from "@/lib/core/transaction";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { publishSummary } from "@/lib/publish/publish";
import { assignClaim, submitClaim, transitionClaim } from "@/lib/workflow";
import { citation, createDesk, originCitation, type Desk } from "@/lib/workflow/test-fixtures";
import type { ClaimDetail } from "@/lib/workflow/types";
import { percentileOf, signoffLedger } from "./ledger";
import { deskStats, deskStatsFromSql, percentile } from "./stats";

/*
 * The fast path (the in-memory ledger, lib/stats/ledger.ts) against the straightforward one (every
 * figure read from the tables, deskStatsFromSql): the same numbers, to the bit, on histories with
 * returns, re-reviews, publications and assignments, read after every step (the ledger catching up a
 * row at a time) and for the desk and a reporter alike.
 */

describe("percentileOf", () => {
  it("gives percentile()'s number without sorting, duplicates and all", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 5000, noNaN: true }), fc.constantFrom(0, 1, 2.5, 10)), { maxLength: 300 }), fc.constantFrom(0, 0.1, 0.5, 0.9, 1), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(percentileOf(Float64Array.from(values), values.length, p)).toBe(percentile(sorted, p));
      }),
    );
  });

  it("a higher percentile selected after a lower one, within the part above it, is still percentile()'s number", () => {
    const ps = fc.constantFrom(0, 0.1, 0.5, 0.9, 1);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 5000, noNaN: true }), fc.constantFrom(0, 1, 2.5, 10)), { maxLength: 300 }), ps, ps, (values, a, b) => {
        const [lower, higher] = a <= b ? [a, b] : [b, a];
        const sorted = [...values].sort((x, y) => x - y);
        const shared = Float64Array.from(values);
        expect(percentileOf(shared, values.length, lower)).toBe(percentile(sorted, lower));
        expect(percentileOf(shared, values.length, higher, lower)).toBe(percentile(sorted, higher));
      }),
    );
  });
});

describe("deskStats from the ledger = deskStatsFromSql", () => {
  let desk: Desk;
  let clock: number;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    clock = Date.parse("2024-03-01T00:00:00Z");
    vi.setSystemTime(clock);
    desk = createDesk();
  });
  afterEach(() => vi.useRealTimers());

  const later = (minutes: number) => {
    clock += minutes * 60_000;
    vi.setSystemTime(clock);
  };
  const PERIODS = [
    { from: "2024-03-01", to: "2024-03-31" },
    { from: "2024-03-02", to: "2024-03-02" },
    { from: "2024-02-01", to: "2024-03-03" },
    { from: "2024-03-05", to: "2024-04-30" },
  ];
  const expectSameFigures = async () => {
    const now = new Date(clock);
    for (const actor of [desk.editorA, desk.reporter, desk.otherReporter, desk.admin]) {
      for (const period of PERIODS) expect(await deskStats(desk.db, actor, period, now)).toEqual(await deskStatsFromSql(desk.db, actor, period, now));
    }
  };

  const people = () => [desk.editorA, desk.editorB, desk.editorC, desk.admin];
  const submit = (by: Actor, n: number) =>
    submitClaim(desk.db, by, { text: `Johnson's sentence, claim number ${n}, was commuted in June 2018.`, articleId: desk.articleId, citations: [originCitation(desk.articleId)] });
  /** The action by the first of the desk's editors the rules let take it. */
  const move = async (claim: ClaimDetail, action: "review" | "verify" | "return", rotate: number): Promise<ClaimDetail | null> => {
    const editors = people();
    for (let i = 0; i < editors.length; i++) {
      const result = await transitionClaim(desk.db, editors[(i + rotate) % editors.length]!, claim.id, {
        action,
        note: action === "return" ? "The age needs a second source." : "Checked against the court record.",
        ...(action === "verify"
          ? { verdict: "mostly-true" as const, citations: [citation({ title: "Court record", url: "https://court.example/1", quote: "Sentenced to life." })] }
          : { citationIds: [claim.citations[0]!.id] }),
        expectedVersion: claim.version,
      });
      if (result.ok) return result.value;
    }
    return null;
  };

  it("agrees on a hand-built history with a return, a re-review, a publication and an assignment, step by step", async () => {
    const a0 = await submit(desk.reporter, 1);
    if (!a0.ok) throw new Error(a0.error.message);
    let a: ClaimDetail = a0.value;
    await expectSameFigures();
    later(600);
    a = (await move(a, "review", 0))!;
    await expectSameFigures();
    later(840);
    a = (await move(a, "return", 1))!;
    const b0 = await submit(desk.otherReporter, 2);
    if (!b0.ok) throw new Error(b0.error.message);
    await expectSameFigures();
    later(120);
    await move(b0.value, "review", 0);
    later(240);
    a = (await move(a, "review", 2))!;
    await expectSameFigures();
    later(720);
    a = (await move(a, "verify", 1))!;
    expect(a.state).toBe("verified");
    later(1440);
    await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "What we checked", introduction: "The claims we checked in this story." });
    later(60);
    const assigned = await assignClaim(desk.db, desk.editorA, b0.value.id, { assigneeId: desk.editorC.id, expectedVersion: b0.value.version + 1 });
    if (!assigned.ok) throw new Error(assigned.error.message);
    await expectSameFigures();
    expect((await deskStats(desk.db, desk.editorA, PERIODS[0]!)).perPerson.find((person) => person.userId === desk.editorC.id)?.assigned).toBe(1);
    await assignClaim(desk.db, desk.editorA, b0.value.id, { assigneeId: null, expectedVersion: assigned.value.version });
    await expectSameFigures();
    expect((await deskStats(desk.db, desk.editorA, PERIODS[0]!)).perPerson.find((person) => person.userId === desk.editorC.id)?.assigned).toBe(0);
    await assignClaim(desk.db, desk.editorA, b0.value.id, { assigneeId: desk.editorC.id, expectedVersion: assigned.value.version + 1 });
    const stats = await deskStats(desk.db, desk.editorA, PERIODS[0]!, new Date(clock));
    expect(stats.timeInState.draft.n).toBe(3);
    expect(stats.timeInState.verified).toEqual({ medianHours: 24, p90Hours: 24, n: 1 });
    expect(stats.perPerson.find((person) => person.userId === desk.editorC.id)?.assigned).toBe(1);
  });

  it("agrees on random desks: any mix of submits, reviews, verifies, returns, assignments and publications over weeks", async () => {
    const step = fc.record({
      kind: fc.constantFrom("submit", "review", "verify", "return", "assign", "unassign", "publish"),
      pick: fc.nat(50),
      minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      by: fc.nat(3),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        desk = createDesk();
        clock = Date.parse("2024-03-01T00:00:00Z");
        vi.setSystemTime(clock);
        const claims: ClaimDetail[] = [];
        for (const [n, s] of steps.entries()) {
          later(s.minutes);
          const submitters = [desk.reporter, desk.otherReporter, desk.editorC, desk.editorA];
          if (s.kind === "submit" || claims.length === 0) {
            const made = await submit(submitters[s.by]!, n);
            if (made.ok) claims.push(made.value);
          } else if (s.kind === "publish") {
            await publishSummary(desk.db, desk.editorB, desk.articleId, { title: `What we checked, take ${n}`, introduction: "The claims we checked in this story." });
          } else {
            const index = s.pick % claims.length;
            const claim = claims[index]!;
            if (s.kind === "assign" || s.kind === "unassign") {
              const assigneeId = s.kind === "unassign" ? null : people()[s.by]!.id;
              const assigned = await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId, expectedVersion: claim.version });
              if (assigned.ok) claims[index] = assigned.value;
            } else {
              const moved = await move(claim, s.kind, s.by);
              if (moved) claims[index] = moved;
            }
          }
          if (n % 7 === 0) await expectSameFigures(); // the ledger catches up part way, then again at the end
        }
        await expectSameFigures();
      }),
      { numRuns: 20 },
    );
  });

  it("answers from the tables inside a transaction, where a rollback could still remove what the ledger would take in", async () => {
    const made = await submit(desk.reporter, 1);
    if (!made.ok) throw new Error(made.error.message);
    const before = signoffLedger(desk.db).count;
    const period = PERIODS[0]!;
    await expect(
      transact(desk.db, async () => {
        later(30);
        await move(made.value, "review", 0);
        expect((await deskStats(desk.db, desk.editorA, period)).counts.reviewed).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(signoffLedger(desk.db).count).toBe(before);
    expect((await deskStats(desk.db, desk.editorA, period)).counts).toEqual({ draft: 1, reviewed: 0, verified: 0 });
    expect(await deskStats(desk.db, desk.editorA, period)).toEqual(await deskStatsFromSql(desk.db, desk.editorA, period));
  });
});
