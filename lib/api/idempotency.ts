import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { canonicalJson, sha256Hex, type JsonValue } from "@/lib/workflow/hash";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Status stored while the first request with a key is still running. */
const IN_PROGRESS = 0;
/**
 * Requests finish in well under a second; a reservation still in progress after this long belonged to
 * a server that died mid-request, so a retry takes it over instead of being told "in progress" for a day.
 * The fallback only: a reservation whose process is known to be gone is taken over at once.
 */
export const IDEMPOTENCY_ABANDONED_MS = 5 * 60 * 1000;

/** The process that reserved a key: host, pid, and a random id per process start (pids are reused). */
export interface KeyOwner {
  host: string;
  pid: number;
  boot: string;
}

const THIS_PROCESS: KeyOwner = { host: hostname(), pid: process.pid, boot: randomUUID() };

export function currentKeyOwner(): KeyOwner {
  return THIS_PROCESS;
}

function parseOwner(stored: string | null): KeyOwner | null {
  if (!stored) return null;
  try {
    const owner = JSON.parse(stored) as Partial<KeyOwner>;
    return typeof owner.host === "string" && Number.isSafeInteger(owner.pid) && typeof owner.boot === "string" ? (owner as KeyOwner) : null;
  } catch {
    return null;
  }
}

/**
 * True only when the reserving process has certainly ended: same host, and either this process now has
 * its pid under another start (a restarted container's pid 1), or no process has that pid. Unknown
 * owners, other hosts and live pids (another server on the same database, or a reused pid) are not.
 */
export function isKeyOwnerGone(stored: string | null, self: KeyOwner = THIS_PROCESS): boolean {
  const owner = parseOwner(stored);
  if (!owner || owner.host !== self.host || owner.boot === self.boot) return false;
  if (owner.pid === self.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

/**
 * Same method, path and JSON content (whitespace and key order aside) → same hash. Content that has
 * no canonical form (1e999 parses to Infinity; nesting too deep to walk) is hashed as sent instead.
 */
export function idempotencyRequestHash(method: string, pathname: string, body: unknown, rawText = ""): string {
  let content: string;
  try {
    content = `json:${canonicalJson(body as JsonValue)}`;
  } catch {
    content = `raw:${rawText}`;
  }
  return sha256Hex(`${method.toUpperCase()} ${pathname}\n${content}`);
}

export type IdempotencyClaim =
  | { kind: "new"; id: number }
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

/**
 * Reserves `key` for this user before the work runs, so two concurrent requests with one key cannot
 * both write, on one app server or several. Keys older than 24 hours are forgotten (and swept here, so
 * the table stays small). A reservation still in progress is taken over when its process is gone, or
 * after IDEMPOTENCY_ABANDONED_MS.
 *
 * On SQLite the seam's write lock orders the whole check-then-reserve. On PostgreSQL, transactions run
 * at once: a new key is inserted ON CONFLICT DO NOTHING on the (user, key) unique index, so of two
 * racing reservations one inserts and the other waits for its commit, inserts nothing, and reads the
 * winner's row as in progress (or its stored answer). Taking over an abandoned reservation is an
 * UPDATE checked against the reservation read, so it has one winner too.
 */
export async function claimIdempotencyKey(
  db: Db,
  userId: number,
  key: string,
  requestHash: string,
  now = new Date(),
  self: KeyOwner = THIS_PROCESS,
): Promise<IdempotencyClaim> {
  const owner = JSON.stringify(self);
  const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  const abandonedBefore = new Date(now.getTime() - IDEMPOTENCY_ABANDONED_MS).toISOString();
  // One transaction on the seam (it takes the write lock first), so the sweep, the check and the reservation see one state.
  const { idempotencyKeys } = tablesOf(db);
  const claimed = await transact(db, async (tx): Promise<IdempotencyClaim> => {
    await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expiredBefore));
    const onPostgres = engineOf(tx) === "postgres";
    const mine = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
    if (onPostgres) {
      const [inserted] = await tx
        .insert(idempotencyKeys)
        .values({ userId, key, requestHash, status: IN_PROGRESS, body: "", createdAt: now.toISOString(), owner })
        .onConflictDoNothing()
        .returning({ id: idempotencyKeys.id });
      if (inserted) return { kind: "new", id: inserted.id } as const;
    }
    const existing = await firstRow(tx.select().from(idempotencyKeys).where(mine).limit(1));
    if (existing) {
      if (existing.requestHash !== requestHash) return { kind: "mismatch" } as const;
      if (existing.status === IN_PROGRESS) {
        if (existing.createdAt >= abandonedBefore && !isKeyOwnerGone(existing.owner, self)) return { kind: "in_progress" } as const;
        // Checked against the reservation read, so of two servers taking it over at once only one does.
        const taken = await tx
          .update(idempotencyKeys)
          .set({ createdAt: now.toISOString(), owner })
          .where(and(eq(idempotencyKeys.id, existing.id), eq(idempotencyKeys.status, IN_PROGRESS), eq(idempotencyKeys.createdAt, existing.createdAt)))
          .returning({ id: idempotencyKeys.id });
        return taken.length ? ({ kind: "new", id: existing.id } as const) : ({ kind: "in_progress" } as const);
      }
      return { kind: "replay", status: existing.status, body: existing.body } as const;
    }
    const [row] = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash, status: IN_PROGRESS, body: "", createdAt: now.toISOString(), owner })
      .returning({ id: idempotencyKeys.id });
    return { kind: "new", id: row.id } as const;
  });
  if (!claimed.ok) throw new Error(claimed.error.message); // the work above never refuses
  return claimed.value;
}

export async function completeIdempotencyKey(db: Db, id: number, status: number, body: string): Promise<void> {
  const { idempotencyKeys } = tablesOf(db);
  await db.update(idempotencyKeys).set({ status, body }).where(eq(idempotencyKeys.id, id));
}

/** After a failure on our side the key is released, so the client's retry runs the request afresh. */
export async function releaseIdempotencyKey(db: Db, id: number): Promise<void> {
  const { idempotencyKeys } = tablesOf(db);
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}
