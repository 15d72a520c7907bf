import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { articles, claims, publications, signoffs, users } from "@/db/schema";
import { isEmpty, seedDemo } from "./seed";

const count = (db: ReturnType<typeof createTestDb>, table: typeof users | typeof articles | typeof claims | typeof signoffs | typeof publications) =>
  db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

describe("seedDemo", () => {
  it("fills an empty desk with people, articles, claims at every stage and a published fact-check", async () => {
    const db = createTestDb();
    expect(isEmpty(db)).toBe(true);
    const logins = await seedDemo(db);
    expect(logins.map((login) => login.role)).toEqual(["reporter", "editor", "editor", "admin"]);
    expect(isEmpty(db)).toBe(false);
    expect(count(db, articles)).toBe(5);
    const states = db.select({ state: claims.state }).from(claims).all().map((row) => row.state);
    expect(new Set(states)).toEqual(new Set(["draft", "reviewed", "verified"]));
    expect(count(db, publications)).toBe(1);
  });

  it("writes nothing when it fails part-way, so the next start seeds again", async () => {
    const db = createTestDb();
    const workflow = await import("@/lib/workflow");
    const spy = vi.spyOn(workflow, "transitionClaim").mockImplementationOnce(() => {
      throw new Error("disk full");
    });
    await expect(seedDemo(db)).rejects.toThrow("disk full");
    spy.mockRestore();
    expect(isEmpty(db)).toBe(true);
    expect([count(db, articles), count(db, claims), count(db, signoffs)]).toEqual([0, 0, 0]);
    await seedDemo(db);
    expect(count(db, users)).toBe(4);
  });
});
