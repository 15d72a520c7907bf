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
export function lockedUntil(db: Pick<Db, "select">, rawEmail: string, now = new Date()): Date | null {
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

export type AttemptSlot = { locked: Date } | { attemptId: number };

/**
 * Checks the lock and, when the email is not locked, records this attempt as a failure, in one
 * IMMEDIATE transaction, before any password is checked. Parallel requests for one email therefore
 * each see the failures of those started before them, so at most MAX_FAILURES passwords are ever
 * checked per window; checking first and recording after the (slow, awaited) argon2 verify let every
 * request in a burst see fewer than five failures. Settle the slot with `settleAttempt` once the
 * password proves right.
 */
export function beginAttempt(db: Db, rawEmail: string, now = new Date()): AttemptSlot {
  const email = normaliseEmail(rawEmail);
  return db.transaction(
    (tx) => {
      const until = lockedUntil(tx, email, now);
      if (until) return { locked: until };
      const row = tx
        .insert(loginAttempts)
        .values({ email, succeeded: false, attemptedAt: now.toISOString() })
        .returning({ id: loginAttempts.id })
        .get();
      return { attemptId: row.id };
    },
    { behavior: "immediate" },
  );
}

/**
 * The password was right: `succeeded` turns the attempt into a success (which clears earlier
 * failures); `withdrawn` removes it (right password, but the account is disabled: neither).
 */
export function settleAttempt(db: Db, attemptId: number, outcome: "succeeded" | "withdrawn"): void {
  if (outcome === "succeeded") db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
  else db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId)).run();
}
