import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * When the email is locked out, the moment the lock lifts: five failures within fifteen minutes
 * (with no success since) lock the email for fifteen minutes after the last of them.
 */
export function lockedUntil(db: Db, rawEmail: string, now = new Date()): Date | null {
  const email = normaliseEmail(rawEmail);
  const lastSuccess = db
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, true)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(1)
    .get();
  const since = new Date(now.getTime() - WINDOW_MS - LOCK_MS).toISOString();
  const floor = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
  const failures = db
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, floor)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(MAX_FAILURES)
    .all();
  if (failures.length < MAX_FAILURES) return null;
  const latest = Date.parse(failures[0].at);
  const fifthLatest = Date.parse(failures[MAX_FAILURES - 1].at);
  if (latest - fifthLatest > WINDOW_MS) return null;
  const until = new Date(latest + LOCK_MS);
  return until > now ? until : null;
}

export function recordAttempt(db: Db, rawEmail: string, succeeded: boolean, now = new Date()): void {
  db.insert(loginAttempts)
    .values({ email: normaliseEmail(rawEmail), succeeded, attemptedAt: now.toISOString() })
    .run();
}
