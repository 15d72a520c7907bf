import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { articles, claims, publications, signoffs, users } from "@/db/schema";
import { deskStats } from "@/lib/stats/stats";
import { periodOf } from "@/lib/stats/period";
import { isEmpty, seedDemo } from "./seed";

const count = (db: ReturnType<typeof createTestDb>, table: typeof users | typeof articles | typeof claims | typeof signoffs | typeof publications) =>
  db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

describe("seedDemo", () => {
  it("fills an empty desk with people, articles, claims at every stage and a published fact-check", async () => {
    const db = createTestDb();
    expect(await isEmpty(db)).toBe(true);
    const logins = await seedDemo(db);
    expect(logins.map((login) => login.role)).toEqual(["reporter", "editor", "editor", "admin"]);
    expect(await isEmpty(db)).toBe(false);
    expect(count(db, articles)).toBe(5);
    const states = db.select({ state: claims.state }).from(claims).all().map((row) => row.state);
    expect(new Set(states)).toEqual(new Set(["draft", "reviewed", "verified"]));
    expect(count(db, publications)).toBe(1);
  });

  it("spreads the demo's history over the past weeks, so a fresh dashboard has figures: stays, days, a return, overdue and due soon", async () => {
    const db = createTestDb();
    const started = Date.now();
    await seedDemo(db);
    expect(Date.now()).toBeGreaterThanOrEqual(started); // the real clock is back
    const times = db.select({ at: signoffs.createdAt }).from(signoffs).all().map((row) => Date.parse(row.at));
    expect(Math.min(...times)).toBeLessThan(started - 14 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(started);
    const editor = db.select().from(users).all().find((user) => user.email === "editor@factdesk.test")!;
    const stats = await deskStats(db, { id: editor.id, role: editor.role }, periodOf({}));
    expect(stats.timeInState.draft.n).toBeGreaterThanOrEqual(4);
    expect(stats.timeInState.draft.medianHours).toBeGreaterThan(1);
    expect(stats.timeInState.reviewed.n).toBeGreaterThanOrEqual(3);
    expect(stats.timeInState.verified.n).toBe(1); // the pardon claim, verified then published days later
    expect(stats.perDay.filter((day) => day.submitted > 0).length).toBeGreaterThanOrEqual(4);
    expect(stats.returnsPerRound).toEqual([{ round: 1, returns: 1 }]);
    expect(stats.overdue.claims.map((claim) => [claim.source, claim.text.slice(0, 30)])).toContainEqual(["due", "Alice Marie Johnson was 62 yea"]);
    const dueSoon = db.select({ dueAt: claims.dueAt, assigneeId: claims.assigneeId }).from(claims).all().filter((claim) => claim.dueAt && Date.parse(claim.dueAt) > started);
    expect(dueSoon).toEqual([{ dueAt: expect.any(String), assigneeId: editor.id }]);
    expect(Date.parse(dueSoon[0]!.dueAt!) - started).toBeLessThan(6 * 3_600_000);
  });

  it("writes nothing when it fails part-way, so the next start seeds again", async () => {
    const db = createTestDb();
    const workflow = await import("@/lib/workflow");
    const spy = vi.spyOn(workflow, "transitionClaim").mockImplementationOnce(() => {
      throw new Error("disk full");
    });
    await expect(seedDemo(db)).rejects.toThrow("disk full");
    spy.mockRestore();
    expect(await isEmpty(db)).toBe(true);
    expect([count(db, articles), count(db, claims), count(db, signoffs)]).toEqual([0, 0, 0]);
    await seedDemo(db);
    expect(count(db, users)).toBe(4);
  });
});
