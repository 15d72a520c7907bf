import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { createTestDb } from "@/lib/testing/db";
import { authenticate, INVALID_CREDENTIALS } from "./credentials";
import { beginAttempt, lockedUntil, settleAttempt } from "./lockout";
import { hashPassword } from "./password";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let db: Db;

/** An attempt as sign-in records it: a failure until the password proves right. */
function attempt(email: string, at: Date): number {
  const slot = beginAttempt(db, email, at);
  if (!("attemptId" in slot)) throw new Error(`${email} is locked at ${at.toISOString()}`);
  return slot.attemptId;
}

beforeEach(async () => {
  db = createTestDb();
  db.insert(users).values({ email: "rita@example.test", name: "Rita", role: "reporter", passwordHash: await hashPassword("right-password") }).run();
});

describe("sign-in lockout", () => {
  it("locks an email after five failures within fifteen minutes, for fifteen minutes after the last", () => {
    for (let i = 0; i < 4; i++) attempt("rita@example.test", minutes(i));
    expect(lockedUntil(db, "rita@example.test", minutes(4))).toBeNull();
    attempt("Rita@Example.test ", minutes(4));
    expect(lockedUntil(db, "rita@example.test", minutes(5))?.toISOString()).toBe(minutes(19).toISOString());
    expect(lockedUntil(db, "rita@example.test", minutes(18.9))).not.toBeNull();
    expect(lockedUntil(db, "rita@example.test", minutes(19))).toBeNull();
  });

  it("does not lock when the five failures are spread over more than fifteen minutes", () => {
    for (const at of [0, 4, 8, 12, 16]) attempt("rita@example.test", minutes(at));
    expect(lockedUntil(db, "rita@example.test", minutes(16.5))).toBeNull();
  });

  it("forgets failures before a successful sign-in", () => {
    for (let i = 0; i < 4; i++) attempt("rita@example.test", minutes(i));
    settleAttempt(db, attempt("rita@example.test", minutes(4)), "succeeded");
    attempt("rita@example.test", minutes(5));
    expect(lockedUntil(db, "rita@example.test", minutes(6))).toBeNull();
  });

  it("refuses even the right password while locked, with a clear message, and lets it in afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const result = await authenticate(db, "rita@example.test", "wrong", minutes(i));
      expect(result).toMatchObject({ ok: false, error: { code: "unauthorized", message: INVALID_CREDENTIALS } });
    }
    const locked = await authenticate(db, "rita@example.test", "right-password", minutes(5));
    expect(locked).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    if (!locked.ok) expect(locked.error.message).toBe("Too many failed sign-in attempts for this email. Try again in 14 minutes.");
    expect((await authenticate(db, "rita@example.test", "right-password", minutes(20))).ok).toBe(true);
  });

  it("gives unknown emails the same answer as a wrong password", async () => {
    const unknown = await authenticate(db, "nobody@example.test", "right-password", T0);
    const wrong = await authenticate(db, "rita@example.test", "wrong-password", T0);
    expect(unknown).toEqual(wrong);
  });

  it("refuses a disabled user, but only once the password is right", async () => {
    db.update(users).set({ disabled: true }).run();
    expect(await authenticate(db, "rita@example.test", "wrong", T0)).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await authenticate(db, "rita@example.test", "right-password", T0)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
