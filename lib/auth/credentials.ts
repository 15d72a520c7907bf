import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { fail, ok, type Result } from "@/lib/result";
import { lockedUntil, normaliseEmail, recordAttempt } from "./lockout";
import { dummyPasswordHash, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export function lockedMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Checks an email and password. Unknown emails cost the same argon2 verification as known ones,
 * and get the same message as a wrong password, so neither timing nor wording reveals accounts.
 */
export async function authenticate(db: Db, rawEmail: string, password: string, now = new Date()): Promise<Result<Actor>> {
  const email = normaliseEmail(rawEmail);
  const until = lockedUntil(db, email, now);
  if (until) return fail("rate_limited", lockedMessage(until, now), { details: { lockedUntil: until.toISOString() } });

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    recordAttempt(db, email, false, now);
    return fail("unauthorized", INVALID_CREDENTIALS);
  }
  if (user.disabled) return fail("forbidden", "This account is disabled. Ask an administrator to re-enable it.");
  recordAttempt(db, email, true, now);
  return ok({ id: user.id, name: user.name, email: user.email, role: user.role });
}
