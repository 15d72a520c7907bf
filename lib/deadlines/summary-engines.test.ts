import { asc } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { countDeadlineMatches, deadlineCondition, deadlineCountsByState } from "./conditions";
import { DEFAULT_DEADLINE_SETTINGS } from "./settings";
import { HOUR_MS } from "./status";
import { overdueSummary } from "./summary";

const at = (now: Date, hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();

/** A claim row written directly (the workflow's submit is not on every engine yet); it entered its state `hoursAgo` before `now`. */
async function claimOn(db: Db, now: Date, submitter: Actor, hoursAgo: number, values: { dueAt?: string | null; assigneeId?: number | null; state?: "draft" | "reviewed" | "verified" } = {}) {
  const { claims } = tablesOf(db);
  const [claim] = await db
    .insert(claims)
    .values({ text: `Claim entered ${hoursAgo} h ago ${Math.random()}`, textHash: `hash-${Math.random()}`, submitterId: submitter.id, createdAt: at(now, -hoursAgo), updatedAt: at(now, -hoursAgo), ...values })
    .returning();
  return claim;
}

// The block's database is shared, so each test looks at a moment years before the previous test's:
// that test's claims lie in its future, neither overdue nor due soon.
let moments = 0;
const momentOf = () => new Date(Date.UTC(2100 - ++moments * 10, 0, 1));

onEveryEngine("overdue and due-soon claims", (database) => {
  it("counts and lists the overdue by due date and by target, most late first, with the assignee's name; a reporter sees their own", async () => {
    const db = database();
    const now = momentOf();
    const rita = await createUserOn(db, "reporter", "Rita Reporter");
    const omar = await createUserOn(db, "reporter", "Omar Reporter");
    const ben = await createUserOn(db, "editor", "Ben Editor");
    const a = await claimOn(db, now, rita, 100);
    const b = await claimOn(db, now, rita, 60, { assigneeId: ben.id });
    const c = await claimOn(db, now, omar, 1, { dueAt: at(now, -70) });
    await claimOn(db, now, rita, 2); // within its target
    await claimOn(db, now, rita, 100, { state: "verified" }); // finished: never overdue

    const summary = await overdueSummary(db, {}, now);
    expect(summary.count).toBe(3);
    expect(summary.claims.map((claim) => [claim.id, claim.source, Math.round(claim.hoursLate)])).toEqual([
      [c.id, "due", 70],
      [a.id, "target", 52],
      [b.id, "target", 12],
    ]);
    expect(summary.claims[2]).toMatchObject({ assigneeId: ben.id, assigneeName: "Ben Editor", state: "draft", dueAt: null, deadline: at(now, -12) });
    expect(summary.claims[0]).toMatchObject({ assigneeName: null, dueAt: at(now, -70) });
    expect(await overdueSummary(db, { submitterId: omar.id }, now)).toMatchObject({ count: 1, claims: [{ id: c.id }] });
    expect((await overdueSummary(db, {}, now, { limit: 1 })).claims.map((claim) => claim.id)).toEqual([c.id]);
    expect(await overdueSummary(db, {}, now, { limit: 0 })).toEqual({ count: 3, claims: [] });
    expect(await overdueSummary(db, {}, new Date(now.getTime() - 1000 * HOUR_MS))).toEqual({ count: 0, claims: [] });
  });

  it("filters and counts by state through the deadline condition, as the queue does", async () => {
    const db = database();
    const { claims } = tablesOf(db);
    const now = momentOf();
    const rita = await createUserOn(db, "reporter");
    const late = await claimOn(db, now, rita, 50);
    const lateReviewed = await claimOn(db, now, rita, 30, { state: "reviewed" });
    const soon = await claimOn(db, now, rita, 40); // 48 h target, warned 20 % (9.6 h) ahead
    const dueSoon = await claimOn(db, now, rita, 1, { dueAt: at(now, 3) });

    expect(await countDeadlineMatches(db, DEFAULT_DEADLINE_SETTINGS, now, "overdue")).toBe(2);
    expect(await countDeadlineMatches(db, DEFAULT_DEADLINE_SETTINGS, now, "overdue", 1)).toBe(1);
    expect(await countDeadlineMatches(db, DEFAULT_DEADLINE_SETTINGS, now, "due_soon")).toBe(2);
    expect(await deadlineCountsByState(db, DEFAULT_DEADLINE_SETTINGS, now, "overdue").then((rows) => rows.sort((x, y) => x.state.localeCompare(y.state)))).toEqual([
      { state: "draft", count: 1 },
      { state: "reviewed", count: 1 },
    ]);
    for (const [window, expected] of [["overdue", [late.id, lateReviewed.id]], ["due_soon", [soon.id, dueSoon.id]]] as const) {
      const { condition, common } = await deadlineCondition(db, DEFAULT_DEADLINE_SETTINGS, now, window);
      expect(common).toBe(false);
      expect((await db.select({ id: claims.id }).from(claims).where(condition).orderBy(asc(claims.id))).map((row) => row.id)).toEqual(expected);
    }
  });
});
