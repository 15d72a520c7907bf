import { and, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { hasRole, type Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { transact } from "@/lib/core/transaction";

/**
 * Brute-force protection that a stranger cannot turn against the real user.
 *
 * - Per email *and* client address: the first 5 failures in an hour cost nothing; after that each
 *   attempt from that address for that email must wait 1 s, 2 s, 4 s … (doubling, at most 15 min)
 *   after the last failure. Someone guessing from one address gets about twenty guesses an hour;
 *   the real user, signing in from their own address, is not slowed by it.
 * - Per client address, across emails (password spraying): 20 free failures an hour, then the same
 *   doubling delay.
 * - Per account, from every address together: 50 failures within an hour lock the email for
 *   15 minutes after the last one, for every address the person has never signed in from: the
 *   owner's own addresses stay open, so the lock slows strangers and cannot lock the owner out.
 *   Admins see it and can clear it at once.
 * - IPv6 addresses are throttled by their /64, which one subscriber usually holds whole.
 *
 * Failures before the email's last successful sign-in, and failures an admin cleared, do not count.
 * Refused (throttled) attempts are not recorded, so hammering during a delay does not lengthen it.
 */
export const THROTTLE = {
  windowMs: 60 * 60 * 1000,
  freeFailuresPerEmailAndAddress: 5,
  freeFailuresPerAddress: 20,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  lockAfterFailures: 50,
  lockMs: 15 * 60 * 1000,
} as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type Throttle = { until: Date; locked: boolean };

type Reader = Pick<Db, "select">;

/** The delay a bucket owes after `failures` failures, the last at `lastAt`; null when it owes none. */
export function delayUntil(failures: number, free: number, lastAt: string): Date | null {
  if (failures < free) return null;
  const delay = Math.min(THROTTLE.firstDelayMs * 2 ** Math.min(failures - free, 30), THROTTLE.maxDelayMs);
  return new Date(Date.parse(lastAt) + delay);
}

async function lastSuccessAt(db: Reader, email: string): Promise<string | null> {
  const { loginAttempts } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, true)))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(1),
  );
  return row?.at ?? null;
}

/** Failures still counting, newest first. */
async function failures(db: Reader, where: ReturnType<typeof and>, since: string, limit: number): Promise<Array<{ at: string }>> {
  const { loginAttempts } = tablesOf(db);
  return db
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.succeeded, false), isNull(loginAttempts.clearedAt), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(limit);
}

const sameAddress = (db: object, address: string | null) => {
  const { loginAttempts } = tablesOf(db);
  return address === null ? isNull(loginAttempts.clientAddress) : eq(loginAttempts.clientAddress, address);
};

async function emailWindowStart(db: Reader, email: string, now: Date): Promise<string> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const success = await lastSuccessAt(db, email);
  return success && success > windowStart ? success : windowStart;
}

async function accountLockedUntil(db: Reader, email: string, since: string, now: Date): Promise<Date | null> {
  const { loginAttempts } = tablesOf(db);
  const account = await failures(db, and(eq(loginAttempts.email, email)), since, THROTTLE.lockAfterFailures);
  if (account.length < THROTTLE.lockAfterFailures) return null;
  const until = new Date(Date.parse(account[0].at) + THROTTLE.lockMs);
  return until > now ? until : null;
}

/**
 * The bucket an address is throttled in: an IPv4 address itself, an IPv6 address's /64 (one
 * subscriber usually holds a whole /64, so single IPv6 addresses would be free to rotate).
 */
export function addressBucket(address: string | null): string | null {
  if (address === null || !address.includes(":")) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return address;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** Whether this email has signed in successfully from this address bucket before. */
async function knownAddress(db: Reader, email: string, bucket: string | null): Promise<boolean> {
  if (bucket === null) return false;
  const { loginAttempts } = tablesOf(db);
  const known = await firstRow(
    db
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.clientAddress, bucket), eq(loginAttempts.succeeded, true)))
      .limit(1),
  );
  return known !== undefined;
}

/** When a sign-in for this email from this address must wait, until when and whether the account is locked. */
export async function throttleFor(db: Reader, rawEmail: string, rawAddress: string | null, now = new Date()): Promise<Throttle | null> {
  const { loginAttempts } = tablesOf(db);
  const email = normaliseEmail(rawEmail);
  const clientAddress = addressBucket(rawAddress);
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const emailSince = await emailWindowStart(db, email, now);

  // The lock stops strangers; it never shuts out an address the person has signed in from before.
  const lock = (await knownAddress(db, email, clientAddress)) ? null : await accountLockedUntil(db, email, emailSince, now);
  if (lock) return { until: lock, locked: true };

  const found: Date[] = [];
  const pair = await failures(db, and(eq(loginAttempts.email, email), sameAddress(db, clientAddress)), emailSince, 64);
  const pairUntil = pair.length ? delayUntil(pair.length, THROTTLE.freeFailuresPerEmailAndAddress, pair[0].at) : null;
  if (pairUntil) found.push(pairUntil);
  if (clientAddress !== null) {
    const address = await failures(db, and(sameAddress(db, clientAddress)), windowStart, 64 + THROTTLE.freeFailuresPerAddress);
    const addressUntil = address.length ? delayUntil(address.length, THROTTLE.freeFailuresPerAddress, address[0].at) : null;
    if (addressUntil) found.push(addressUntil);
  }
  const until = found.filter((at) => at > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return until ? { until, locked: false } : null;
}

export type AttemptSlot = { throttled: Throttle } | { attemptId: number };

/** Advisory-lock class of the sign-in throttle's buckets on PostgreSQL (any constant no other lock uses). */
const THROTTLE_LOCK_CLASS = 1_700_201;

/**
 * On PostgreSQL, where transactions run at once (on any number of app servers), the attempts of one
 * email, and of one address bucket, queue behind each other for the rest of the transaction, as
 * SQLite's write lock makes them. The email is always locked before the address, so two attempts
 * can never each hold the lock the other waits for.
 */
async function queueForBuckets(tx: Db, email: string, bucket: string | null): Promise<void> {
  if (engineOf(tx) !== "postgres") return;
  const pg = tx as unknown as PgExecutor;
  await pg.execute(sql`SELECT pg_advisory_xact_lock(${THROTTLE_LOCK_CLASS}, hashtext(${`email:${email}`}))`);
  if (bucket !== null) await pg.execute(sql`SELECT pg_advisory_xact_lock(${THROTTLE_LOCK_CLASS}, hashtext(${`address:${bucket}`}))`);
}

/**
 * Checks the throttle and, when the attempt may go ahead, records it as a failure, in one transaction
 * (IMMEDIATE on SQLite; behind the email's and the address's advisory locks on PostgreSQL), before any
 * password is checked. Parallel requests therefore each see the failures of those started before them,
 * on whichever app server they land, so a burst cannot get more guesses checked than the rules allow;
 * checking first and recording after the (slow, awaited) argon2 verify let every request in a burst
 * through. Settle the slot with `settleAttempt` once the password proves right.
 */
export async function beginAttempt(db: Db, rawEmail: string, rawAddress: string | null, now = new Date()): Promise<AttemptSlot> {
  const { loginAttempts } = tablesOf(db);
  const email = normaliseEmail(rawEmail);
  const clientAddress = addressBucket(rawAddress);
  const slot = await transact(db, async (tx): Promise<AttemptSlot> => {
    await queueForBuckets(tx, email, clientAddress);
    const throttled = await throttleFor(tx, email, rawAddress, now);
    if (throttled) return { throttled };
    const [row] = await tx
      .insert(loginAttempts)
      .values({ email, succeeded: false, attemptedAt: now.toISOString(), clientAddress })
      .returning({ id: loginAttempts.id });
    return { attemptId: row.id };
  });
  if (!slot.ok) throw new Error(slot.error.message); // the work above never refuses
  return slot.value;
}

/**
 * The password was right: `succeeded` turns the attempt into a success (which clears earlier
 * failures of that email); `withdrawn` removes it (right password, but the account is disabled: neither).
 */
export async function settleAttempt(db: Db, attemptId: number, outcome: "succeeded" | "withdrawn"): Promise<void> {
  const { loginAttempts } = tablesOf(db);
  if (outcome === "succeeded") await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
  else await db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
}

export type ThrottledEntry = {
  kind: "account" | "email-and-address" | "address";
  email: string | null;
  clientAddress: string | null;
  failures: number;
  until: string;
};

/** Who is throttled or locked right now, for the admin page; the longest wait first. */
export async function listThrottled(db: Reader, now = new Date()): Promise<ThrottledEntry[]> {
  const { loginAttempts } = tablesOf(db);
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const rows = await db
    .select({ email: loginAttempts.email, clientAddress: loginAttempts.clientAddress, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.succeeded, false), isNull(loginAttempts.clearedAt), gt(loginAttempts.attemptedAt, windowStart)))
    .orderBy(desc(loginAttempts.attemptedAt));
  const entries: ThrottledEntry[] = [];
  const seenEmails = new Set<string>();
  const seenPairs = new Set<string>();
  const seenAddresses = new Set<string>();
  for (const row of rows) {
    const since = await emailWindowStart(db, row.email, now);
    if (!seenEmails.has(row.email)) {
      seenEmails.add(row.email);
      const lock = await accountLockedUntil(db, row.email, since, now);
      if (lock) {
        const count = (await failures(db, and(eq(loginAttempts.email, row.email)), since, 10_000)).length;
        entries.push({ kind: "account", email: row.email, clientAddress: null, failures: count, until: lock.toISOString() });
      }
    }
    const pairKey = `${row.email}\u0000${row.clientAddress ?? ""}`;
    if (!seenPairs.has(pairKey)) {
      seenPairs.add(pairKey);
      const pair = await failures(db, and(eq(loginAttempts.email, row.email), sameAddress(db, row.clientAddress)), since, 10_000);
      const until = pair.length ? delayUntil(pair.length, THROTTLE.freeFailuresPerEmailAndAddress, pair[0].at) : null;
      if (until && until > now) {
        entries.push({ kind: "email-and-address", email: row.email, clientAddress: row.clientAddress, failures: pair.length, until: until.toISOString() });
      }
    }
    if (row.clientAddress !== null && !seenAddresses.has(row.clientAddress)) {
      seenAddresses.add(row.clientAddress);
      const address = await failures(db, and(sameAddress(db, row.clientAddress)), windowStart, 10_000);
      const until = delayUntil(address.length, THROTTLE.freeFailuresPerAddress, address[0]?.at ?? row.at);
      if (until && until > now) {
        entries.push({ kind: "address", email: null, clientAddress: row.clientAddress, failures: address.length, until: until.toISOString() });
      }
    }
  }
  return entries.sort((a, b) => b.until.localeCompare(a.until));
}

/**
 * An admin lifts a throttle: the counted failures of that email (every address), or of that
 * address (every email), stop counting. They stay in the table, marked cleared.
 */
export async function clearThrottle(db: Db, actor: Actor, input: { email?: unknown; clientAddress?: unknown }, now = new Date()): Promise<Result<{ cleared: number }>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can clear sign-in throttles.");
  const email = typeof input.email === "string" && input.email.trim() ? normaliseEmail(input.email) : null;
  const address = typeof input.clientAddress === "string" && input.clientAddress.trim() ? input.clientAddress.trim() : null;
  if (!email && !address) return fail("invalid", "Name the email or the address to clear.");
  const { loginAttempts } = tablesOf(db);
  const which = [email ? eq(loginAttempts.email, email) : undefined, address ? eq(loginAttempts.clientAddress, address) : undefined].filter(
    (condition) => condition !== undefined,
  );
  const cleared = await db
    .update(loginAttempts)
    .set({ clearedAt: now.toISOString() })
    .where(and(eq(loginAttempts.succeeded, false), isNull(loginAttempts.clearedAt), or(...which)))
    .returning({ id: loginAttempts.id });
  return ok({ cleared: cleared.length });
}

/** Clears an email's failures without an admin actor: a completed password reset proves the owner. */
export async function clearEmailFailures(db: Pick<Db, "update">, rawEmail: string, now = new Date()): Promise<void> {
  const { loginAttempts } = tablesOf(db);
  await db
    .update(loginAttempts)
    .set({ clearedAt: now.toISOString() })
    .where(and(inArray(loginAttempts.email, [normaliseEmail(rawEmail)]), eq(loginAttempts.succeeded, false), isNull(loginAttempts.clearedAt)));
}
