import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { fail, ok, type Result } from "@/lib/result";
import { beginAttempt, normaliseEmail, settleAttempt } from "./lockout";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export function lockedMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Checks an email and password. Unknown emails cost the same single argon2 verification as known
 * ones, and get the same message as a wrong password, so neither timing nor wording reveals accounts.
 * The attempt is counted as a failure before the password is checked (see `beginAttempt`), so a burst
 * of parallel guesses cannot get more than five checks past the lockout.
 */
export async function authenticate(db: Db, rawEmail: string, password: string, now = new Date()): Promise<Result<Actor>> {
  const email = normaliseEmail(rawEmail);
  const slot = beginAttempt(db, email, now);
  if ("locked" in slot) {
    return fail("rate_limited", lockedMessage(slot.locked, now), { details: { lockedUntil: slot.locked.toISOString() } });
  }

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
  if (!user || !valid) return fail("unauthorized", INVALID_CREDENTIALS);
  if (user.disabled) {
    settleAttempt(db, slot.attemptId, "withdrawn");
    return fail("forbidden", "This account is disabled. Ask an administrator to re-enable it.");
  }
  settleAttempt(db, slot.attemptId, "succeeded");
  return ok({ id: user.id, name: user.name, email: user.email, role: user.role });
}
