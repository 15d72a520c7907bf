import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Count the real argon2 work each sign-in does, without changing it.
const argon2 = vi.hoisted(() => ({ hash: 0, verify: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    hash: (...args: Parameters<typeof real.hash>) => {
      argon2.hash += 1;
      return real.hash(...args);
    },
    verify: (...args: Parameters<typeof real.verify>) => {
      argon2.verify += 1;
      return real.verify(...args);
    },
  };
});

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { authenticate, INVALID_CREDENTIALS } from "./credentials";
import { THROTTLE } from "./lockout";
import { freshSignIn } from "./test-fixtures";
import { DUMMY_PASSWORD_HASH, HASH_PARAMETERS, hashPassword, NO_PASSWORD, verifyPassword } from "./password";

const MAX_FAILURES = THROTTLE.freeFailuresPerEmailAndAddress;
const ADDRESS = "203.0.113.7";

const EMAIL = "rita@example.test";

onEveryEngine("credentials", (database) => {
  let db: Db;
  let ritaHash = "";
  const attempts = () => db.select().from(tablesOf(db).loginAttempts).orderBy(asc(tablesOf(db).loginAttempts.id));

  beforeAll(async () => {
    ritaHash = await hashPassword("right-password");
  });

  // The engine's database is shared by the block: each test starts from no attempts and a fresh Rita.
  beforeEach(async () => {
    db = database();
    await freshSignIn(db, EMAIL, ritaHash);
    argon2.hash = 0;
    argon2.verify = 0;
  });

  describe("unknown emails cost exactly one argon2 verify", () => {
    // First in the file on purpose: a lazily computed dummy hash would show up on the very first call.
    it("even the first unknown email does no hashing, only one verify", async () => {
      const result = await authenticate(db, "nobody@example.test", "whatever-password");
      expect(result).toMatchObject({ ok: false, error: { code: "unauthorized", message: INVALID_CREDENTIALS } });
      expect(argon2).toEqual({ hash: 0, verify: 1 });
      await authenticate(db, "someone-else@example.test", "whatever-password");
      expect(argon2).toEqual({ hash: 0, verify: 2 });
    });

    it("a known email with a wrong password costs the same: one verify", async () => {
      await authenticate(db, EMAIL, "wrong-password");
      expect(argon2).toEqual({ hash: 0, verify: 1 });
    });

    it("an invited account with no password yet costs the same verify and gets the same answer", async () => {
      const { users } = tablesOf(db);
      await db.delete(users).where(eq(users.email, "invited@example.test"));
      await db.insert(users).values({ email: "invited@example.test", name: "Ivy", role: "reporter", passwordHash: NO_PASSWORD });
      const invited = await authenticate(db, "invited@example.test", "");
      expect(invited).toMatchObject({ ok: false, error: { code: "unauthorized", message: INVALID_CREDENTIALS } });
      expect(await authenticate(db, "invited@example.test", "anything")).toEqual(invited);
      expect(argon2).toEqual({ hash: 0, verify: 2 });
    });

    it("the dummy hash uses the parameters real hashes use, so verifying it takes as long", async () => {
      expect(DUMMY_PASSWORD_HASH.startsWith(HASH_PARAMETERS)).toBe(true);
      expect((await hashPassword("x")).startsWith(HASH_PARAMETERS)).toBe(true);
      expect(await verifyPassword(DUMMY_PASSWORD_HASH, "right-password")).toBe(false);
    });
  });

  describe("the throttle holds against parallel guesses", () => {
    it("ten parallel wrong passwords from one address: at most five are checked, the rest are refused as throttled", async () => {
      const now = new Date();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => authenticate(db, EMAIL, `wrong-${i}`, { clientAddress: ADDRESS, now })));
      const codes = results.map((result) => (result.ok ? "ok" : result.error.code));
      expect(codes.filter((code) => code === "unauthorized")).toHaveLength(MAX_FAILURES);
      expect(codes.filter((code) => code === "rate_limited")).toHaveLength(10 - MAX_FAILURES);
      expect(argon2.verify).toBeLessThanOrEqual(MAX_FAILURES);
      expect((await attempts()).filter((row) => row.email === EMAIL)).toHaveLength(MAX_FAILURES);

      const right = await authenticate(db, EMAIL, "right-password", { clientAddress: ADDRESS, now });
      expect(right).toMatchObject({ ok: false, error: { code: "rate_limited", details: { locked: false } } });
      expect(argon2.verify).toBeLessThanOrEqual(MAX_FAILURES);
      // The burst throttles its own address, not the account: the owner elsewhere signs in.
      expect(await authenticate(db, EMAIL, "right-password", { clientAddress: "198.51.100.20", now })).toMatchObject({ ok: true });
    });

    it("a right password in the same burst still signs in and clears the failures before it", async () => {
      const results = await Promise.all([
        authenticate(db, EMAIL, "wrong-1", { clientAddress: ADDRESS }),
        authenticate(db, EMAIL, "right-password", { clientAddress: ADDRESS }),
        authenticate(db, EMAIL, "wrong-2", { clientAddress: ADDRESS }),
      ]);
      expect(results.map((result) => result.ok)).toEqual([false, true, false]);
      // Which of the three took its turn first is up to the engine (PostgreSQL runs them at once); the
      // right password's attempt is the one success, and both wrong ones stay failures.
      const rows = await attempts();
      expect(rows.map((row) => row.succeeded).sort()).toEqual([false, false, true]);
      expect(rows.map((row) => row.clientAddress)).toEqual([ADDRESS, ADDRESS, ADDRESS]);
    });

    it("a disabled user's right password is neither a failure nor a success", async () => {
      await db.update(tablesOf(db).users).set({ disabled: true }).where(eq(tablesOf(db).users.email, EMAIL));
      expect(await authenticate(db, EMAIL, "right-password")).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await attempts()).toEqual([]);
    });
  });
});
