import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { beginAttempt, normaliseEmail, settleAttempt, type Throttle } from "./lockout";
import { DUMMY_PASSWORD_HASH, hasPassword, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

function wait(until: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export function throttledMessage(throttle: Throttle, now = new Date()): string {
  if (throttle.locked) {
    return `This account is locked after too many failed sign-in attempts. Try again in ${wait(throttle.until, now)}, or ask an administrator to clear the lock.`;
  }
  return `Too many failed sign-in attempts. Wait ${wait(throttle.until, now)} before trying again.`;
}

export type AuthenticateOptions = { clientAddress?: string | null; now?: Date };

/**
 * Checks an email and password. Unknown emails (and invited accounts with no password yet) cost the
 * same single argon2 verification as known ones, and get the same message as a wrong password, so
 * neither timing nor wording reveals accounts. The attempt is counted as a failure before the
 * password is checked (see `beginAttempt`), so a burst of parallel guesses cannot get past the throttle.
 */
export async function authenticate(db: Db, rawEmail: string, password: string, options: AuthenticateOptions = {}): Promise<Result<Actor>> {
  const now = options.now ?? new Date();
  const email = normaliseEmail(rawEmail);
  const slot = await beginAttempt(db, email, options.clientAddress ?? null, now);
  if ("throttled" in slot) {
    return fail("rate_limited", throttledMessage(slot.throttled, now), {
      details: { retryAt: slot.throttled.until.toISOString(), locked: slot.throttled.locked },
    });
  }

  const { users } = tablesOf(db);
  const user = await firstRow(db.select().from(users).where(eq(users.email, email)));
  const usable = user && hasPassword(user.passwordHash) ? user : undefined;
  const valid = await verifyPassword(usable?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
  if (!usable || !valid) return fail("unauthorized", INVALID_CREDENTIALS);
  if (usable.disabled) {
    await settleAttempt(db, slot.attemptId, "withdrawn");
    return fail("forbidden", "This account is disabled. Ask an administrator to re-enable it.");
  }
  await settleAttempt(db, slot.attemptId, "succeeded");
  return ok({ id: usable.id, name: usable.name, email: usable.email, role: usable.role });
}
