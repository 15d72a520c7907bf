import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { authenticate, INVALID_CREDENTIALS } from "./credentials";
import { beginAttempt, clearThrottle, listThrottled, settleAttempt, THROTTLE, throttleFor } from "./lockout";
import { hashPassword } from "./password";
import { freshSignIn } from "./test-fixtures";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const minutes = (n: number) => seconds(n * 60);
const RITA = "rita@example.test";
const ATTACKER = "203.0.113.7";
const RITA_AT_HOME = "198.51.100.20";

onEveryEngine("sign-in throttle", (database) => {
  let db: Db;
  let ritaHash = "";

  /** An attempt as sign-in records it: a failure until the password proves right. */
  async function attempt(email: string, address: string | null, at: Date): Promise<number> {
    const slot = await beginAttempt(db, email, address, at);
    if (!("attemptId" in slot)) throw new Error(`${email} from ${address} is throttled at ${at.toISOString()}`);
    return slot.attemptId;
  }

  /** Failures recorded directly, for arranging more of them than the throttle would let through at once. */
  async function failures(n: number, email: (i: number) => string, address: string | null, at: (i: number) => Date): Promise<void> {
    const { loginAttempts } = tablesOf(db);
    for (let i = 0; i < n; i++) {
      await db.insert(loginAttempts).values({ email: email(i), succeeded: false, attemptedAt: at(i).toISOString(), clientAddress: address });
    }
  }

  beforeAll(async () => {
    ritaHash = await hashPassword("right-password");
  });

  // The engine's database is shared by the block: each test starts from no attempts and a fresh Rita.
  beforeEach(async () => {
    db = database();
    await freshSignIn(db, RITA, ritaHash);
  });

  describe("sign-in throttling by email and address", () => {
    it("five free failures, then delays that double after each further failure, counted from the last", async () => {
      for (let i = 0; i < 5; i++) await attempt(RITA, ATTACKER, seconds(i));
      // The fifth failure (at 4 s) owes 1 s; the sixth 2 s; the seventh 4 s.
      expect(await throttleFor(db, RITA, ATTACKER, seconds(4.5))).toEqual({ until: seconds(5), locked: false });
      expect(await throttleFor(db, RITA, ATTACKER, seconds(5))).toBeNull();
      await attempt(RITA, ATTACKER, seconds(5));
      expect(await throttleFor(db, RITA, ATTACKER, seconds(6))).toEqual({ until: seconds(7), locked: false });
      await attempt(RITA, ATTACKER, seconds(7));
      expect((await throttleFor(db, RITA, ATTACKER, seconds(7)))?.until).toEqual(seconds(11));
    });

    it("refused attempts are not recorded, so hammering during a delay does not lengthen it", async () => {
      for (let i = 0; i < 5; i++) await attempt(RITA, ATTACKER, seconds(0));
      for (let i = 0; i < 20; i++) expect("throttled" in (await beginAttempt(db, RITA, ATTACKER, seconds(0.5)))).toBe(true);
      expect(await db.select().from(tablesOf(db).loginAttempts)).toHaveLength(5);
      expect(await throttleFor(db, RITA, ATTACKER, seconds(1))).toBeNull();
    });

    it("caps the delay at fifteen minutes", async () => {
      await failures(30, () => RITA, ATTACKER, seconds);
      expect((await throttleFor(db, RITA, ATTACKER, seconds(30)))?.until).toEqual(new Date(seconds(29).getTime() + THROTTLE.maxDelayMs));
    });

    it("someone else's failures do not keep the real user out: from their own address the right password works", async () => {
      for (let i = 0; i < 12; i++) {
        const at = i < 5 ? seconds(i) : seconds(4 + 2 ** (i - 4));
        expect(await authenticate(db, RITA, `guess-${i}`, { clientAddress: ATTACKER, now: at })).toMatchObject({ error: { code: "unauthorized" } });
      }
      const now = seconds(133); // the twelfth failure (at 132 s) owes 128 s
      expect(await authenticate(db, RITA, "right-password", { clientAddress: ATTACKER, now })).toMatchObject({ error: { code: "rate_limited" } });
      const real = await authenticate(db, RITA, "right-password", { clientAddress: RITA_AT_HOME, now });
      expect(real).toMatchObject({ ok: true, value: { email: RITA } });
    });

    it("throttles one address spraying many emails after twenty failures", async () => {
      for (let i = 0; i < THROTTLE.freeFailuresPerAddress; i++) await attempt(`person-${i}@example.test`, ATTACKER, seconds(i));
      const throttled = await throttleFor(db, "yet-another@example.test", ATTACKER, seconds(19.5));
      expect(throttled).toEqual({ until: seconds(20), locked: false });
      expect(await throttleFor(db, "yet-another@example.test", RITA_AT_HOME, seconds(19.5))).toBeNull();
    });

    it("locks the account only after fifty failures within an hour from anywhere, for fifteen minutes after the last", async () => {
      for (let i = 0; i < 49; i++) await attempt(RITA, `192.0.2.${i + 1}`, minutes(i));
      expect(await throttleFor(db, RITA, RITA_AT_HOME, minutes(49))).toBeNull();
      await attempt(RITA, "192.0.2.200", minutes(49));
      expect(await throttleFor(db, RITA, RITA_AT_HOME, minutes(50))).toEqual({ until: minutes(64), locked: true });
      const locked = await authenticate(db, RITA, "right-password", { clientAddress: RITA_AT_HOME, now: minutes(50) });
      expect(locked).toMatchObject({ ok: false, error: { code: "rate_limited", details: { locked: true } } });
      if (!locked.ok) {
        expect(locked.error.message).toBe(
          "This account is locked after too many failed sign-in attempts. Try again in 14 minutes, or ask an administrator to clear the lock.",
        );
      }
      expect((await authenticate(db, RITA, "right-password", { clientAddress: RITA_AT_HOME, now: minutes(64) })).ok).toBe(true);
    });

    it("never locks the owner out of an address they have signed in from: fifty strangers' failures lock only strangers", async () => {
      await settleAttempt(db, await attempt(RITA, RITA_AT_HOME, minutes(0)), "succeeded");
      for (let i = 0; i < 50; i++) await attempt(RITA, `192.0.2.${i + 1}`, minutes(1 + i * 0.5));
      expect(await throttleFor(db, RITA, "192.0.2.250", minutes(30))).toMatchObject({ locked: true });
      expect(await throttleFor(db, RITA, RITA_AT_HOME, minutes(30))).toBeNull();
      expect((await authenticate(db, RITA, "right-password", { clientAddress: RITA_AT_HOME, now: minutes(30) })).ok).toBe(true);
    });

    it("throttles IPv6 clients by their /64, so rotating addresses inside it buys no guesses", async () => {
      for (let i = 0; i < 5; i++) await attempt(RITA, `2001:db8:1:2::${i + 1}`, seconds(i));
      expect(await throttleFor(db, RITA, "2001:db8:1:2:ffff::9", seconds(4.5))).toEqual({ until: seconds(5), locked: false });
      expect(await throttleFor(db, RITA, "2001:0db8:0001:0002:0000:0000:0000:00aa", seconds(4.5))).toEqual({ until: seconds(5), locked: false });
      expect(await throttleFor(db, RITA, "2001:db8:1:3::1", seconds(4.5))).toBeNull();
    });

    it("does not lock when the fifty failures are spread over more than an hour", async () => {
      for (let i = 0; i < 50; i++) await attempt(RITA, `192.0.2.${i + 1}`, minutes(i * 1.5));
      expect(await throttleFor(db, RITA, RITA_AT_HOME, minutes(74))).toBeNull();
    });

    it("forgets an email's failures before a successful sign-in", async () => {
      for (let i = 0; i < 4; i++) await attempt(RITA, ATTACKER, seconds(i));
      await settleAttempt(db, await attempt(RITA, ATTACKER, seconds(4)), "succeeded");
      await attempt(RITA, ATTACKER, seconds(5));
      expect(await throttleFor(db, RITA, ATTACKER, seconds(5))).toBeNull();
    });

    it("gives unknown emails the same answer as a wrong password", async () => {
      const unknown = await authenticate(db, "nobody@example.test", "right-password", { now: T0 });
      const wrong = await authenticate(db, RITA, "wrong-password", { now: T0 });
      expect(unknown).toEqual(wrong);
      expect(wrong).toMatchObject({ error: { message: INVALID_CREDENTIALS } });
    });

    it("refuses a disabled user, but only once the password is right", async () => {
      await db.update(tablesOf(db).users).set({ disabled: true }).where(eq(tablesOf(db).users.email, RITA));
      expect(await authenticate(db, RITA, "wrong", { now: T0 })).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      expect(await authenticate(db, RITA, "right-password", { now: T0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    });
  });

  describe("admins see and clear throttles", () => {
    it("lists throttled email/address pairs, spraying addresses and locked accounts, with failures and until when", async () => {
      await failures(6, () => RITA, ATTACKER, () => seconds(0));
      await failures(20, (i) => `p${i}@example.test`, "192.0.2.99", () => seconds(1));
      const entries = await listThrottled(db, seconds(1.5));
      expect(entries).toContainEqual({ kind: "email-and-address", email: RITA, clientAddress: ATTACKER, failures: 6, until: seconds(2).toISOString() });
      expect(entries).toContainEqual({ kind: "address", email: null, clientAddress: "192.0.2.99", failures: 20, until: seconds(2).toISOString() });
      expect(await listThrottled(db, minutes(61))).toEqual([]);
    });

    it("an admin clears an email's throttle at once; others cannot", async () => {
      await failures(8, () => RITA, ATTACKER, () => seconds(0));
      const editor = await createUserOn(db, "editor");
      expect(await clearThrottle(db, editor, { email: RITA })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await throttleFor(db, RITA, ATTACKER, seconds(1))).not.toBeNull();
      const admin = await createUserOn(db, "admin");
      expect(await clearThrottle(db, admin, {})).toMatchObject({ ok: false, error: { code: "invalid" } });
      expect(await clearThrottle(db, admin, { email: " Rita@Example.test " })).toEqual({ ok: true, value: { cleared: 8 } });
      expect(await throttleFor(db, RITA, ATTACKER, seconds(1))).toBeNull();
      expect(await listThrottled(db, seconds(1))).toEqual([]);
    });

    it("an admin clears a spraying address", async () => {
      await failures(21, (i) => `p${i}@example.test`, ATTACKER, () => seconds(0));
      const admin = await createUserOn(db, "admin");
      expect(await clearThrottle(db, admin, { clientAddress: ATTACKER })).toEqual({ ok: true, value: { cleared: 21 } });
      expect(await throttleFor(db, "p0@example.test", ATTACKER, seconds(0.5))).toBeNull();
    });
  });
});
