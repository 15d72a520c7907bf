import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { actorForToken, createToken, listTokens, revokeToken } from "./tokens";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60 * 1000);

onEveryEngine("API tokens", (database) => {
  const tokensOf = async (userId: number) => {
    const db = database();
    const { apiTokens } = tablesOf(db);
    return db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  };

  describe("API token expiry", () => {
    it("a token made for 30 days works until then and is refused from that moment", async () => {
      const db = database();
      const user = await createUserOn(db, "reporter");
      const created = await createToken(db, user.id, { name: "CMS", expiresInDays: "30" }, T0);
      if (!created.ok) throw new Error(created.error.message);
      expect(created.value.summary.expiresAt).toBe(days(30).toISOString());
      expect(await actorForToken(db, created.value.token, days(29.9))).toMatchObject({ id: user.id });
      expect(await actorForToken(db, created.value.token, days(30))).toBeNull();
      expect((await listTokens(db, user.id))[0]).toMatchObject({ name: "CMS", lastUsedAt: days(29.9).toISOString() });
    });

    it("without an expiry (or 'never') a token does not expire", async () => {
      const db = database();
      const user = await createUserOn(db, "reporter");
      for (const input of [{ name: "a" }, { name: "b", expiresInDays: "never" }]) {
        const created = await createToken(db, user.id, input, T0);
        if (!created.ok) throw new Error(created.error.message);
        expect(created.value.summary.expiresAt).toBeNull();
        expect(await actorForToken(db, created.value.token, days(3650))).not.toBeNull();
      }
    });

    it("refuses a nonsensical expiry, creating nothing", async () => {
      const db = database();
      const user = await createUserOn(db, "reporter");
      for (const expiresInDays of ["0", "-3", "1.5", "soon", 99999]) {
        expect(await createToken(db, user.id, { name: "x", expiresInDays }, T0)).toMatchObject({ ok: false, error: { code: "invalid", fields: { expiresInDays: expect.any(Array) } } });
      }
      expect(await tokensOf(user.id)).toEqual([]);
      expect(await listTokens(db, user.id)).toEqual([]);
    });
  });

  describe("who may hold a token", () => {
    it.each(["reporter", "editor", "admin"] as const)("an active %s gets one", async (role) => {
      const db = database();
      const user = await createUserOn(db, role);
      expect(await createToken(db, user.id, { name: "CMS" })).toMatchObject({ ok: true });
    });

    it("refuses a disabled user, creating nothing, whoever calls (the CLI, a page, a test)", async () => {
      const db = database();
      const { users } = tablesOf(db);
      const user = await createUserOn(db, "editor");
      await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
      expect(await createToken(db, user.id, { name: "CMS" })).toMatchObject({
        ok: false,
        error: { code: "forbidden", message: expect.stringContaining("is disabled") },
      });
      expect(await tokensOf(user.id)).toEqual([]);
    });

    it("refuses a user id that names nobody", async () => {
      const db = database();
      expect(await createToken(db, 999_999, { name: "CMS" })).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await tokensOf(999_999)).toEqual([]);
    });
  });

  describe("revoking", () => {
    it("a user revokes their own token, which stops working; nobody else's, and not twice", async () => {
      const db = database();
      const owner = await createUserOn(db, "reporter");
      const other = await createUserOn(db, "admin");
      const created = await createToken(db, owner.id, { name: "CMS" });
      if (!created.ok) throw new Error(created.error.message);
      expect(await revokeToken(db, other, created.value.summary.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await actorForToken(db, created.value.token)).toMatchObject({ id: owner.id, tokenId: created.value.summary.id });
      expect(await revokeToken(db, owner, created.value.summary.id)).toMatchObject({ ok: true, value: { revokedAt: expect.any(String) } });
      expect(await actorForToken(db, created.value.token)).toBeNull();
      expect(await revokeToken(db, owner, created.value.summary.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    });
  });
});
