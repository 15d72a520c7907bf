import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { actorForToken, createToken, listTokens } from "./tokens";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60 * 1000);
let db: Db;

beforeEach(() => {
  db = createTestDb();
});

describe("API token expiry", () => {
  it("a token made for 30 days works until then and is refused from that moment", () => {
    const user = createTestUser(db, "reporter");
    const created = createToken(db, user.id, { name: "CMS", expiresInDays: "30" }, T0);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.summary.expiresAt).toBe(days(30).toISOString());
    expect(actorForToken(db, created.value.token, days(29.9))).toMatchObject({ id: user.id });
    expect(actorForToken(db, created.value.token, days(30))).toBeNull();
  });

  it("without an expiry (or 'never') a token does not expire", () => {
    const user = createTestUser(db, "reporter");
    for (const input of [{ name: "a" }, { name: "b", expiresInDays: "never" }]) {
      const created = createToken(db, user.id, input, T0);
      if (!created.ok) throw new Error(created.error.message);
      expect(created.value.summary.expiresAt).toBeNull();
      expect(actorForToken(db, created.value.token, days(3650))).not.toBeNull();
    }
  });

  it("refuses a nonsensical expiry, creating nothing", () => {
    const user = createTestUser(db, "reporter");
    for (const expiresInDays of ["0", "-3", "1.5", "soon", 99999]) {
      expect(createToken(db, user.id, { name: "x", expiresInDays }, T0)).toMatchObject({ ok: false, error: { code: "invalid", fields: { expiresInDays: expect.any(Array) } } });
    }
    expect(db.select().from(apiTokens).all()).toEqual([]);
    expect(listTokens(db, user.id)).toEqual([]);
  });
});

describe("who may hold a token", () => {
  it.each(["reporter", "editor", "admin"] as const)("an active %s gets one", (role) => {
    const user = createTestUser(db, role);
    expect(createToken(db, user.id, { name: "CMS" })).toMatchObject({ ok: true });
  });

  it("refuses a disabled user, creating nothing, whoever calls (the CLI, a page, a test)", () => {
    const user = createTestUser(db, "editor");
    db.update(users).set({ disabled: true }).where(eq(users.id, user.id)).run();
    expect(createToken(db, user.id, { name: "CMS" })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("is disabled") },
    });
    expect(db.select().from(apiTokens).all()).toEqual([]);
  });

  it("refuses a user id that names nobody", () => {
    expect(createToken(db, 999_999, { name: "CMS" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(db.select().from(apiTokens).all()).toEqual([]);
  });
});
