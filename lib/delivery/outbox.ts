import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import type { Delivery } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { retryDelayMs, type BackoffOptions } from "./backoff";
import type { DeliveryChannel } from "./vocabulary";
import { transact } from "@/lib/core/transaction";
import { dueDeliveriesAt, notLeasedAt } from "@/lib/core/delivery-due";
import { claimDueDeliveries } from "@/lib/pg/outbox-claim";

/*
 * The delivery outbox: what is to be sent (a webhook call, an email, a digest) is first a row here,
 * recorded by an event handler, then sent by the worker loop (./worker.ts) until the
 * receiver accepts it. Nothing is marked delivered before it was accepted, and a row is leased to one
 * sender at a time, so two loops (or two processes on one database) never send it at once.
 */

export interface NewDelivery {
  channel: DeliveryChannel;
  /** Unique per thing to send: recording it again (a replayed event batch) adds nothing. */
  dedupKey: string;
  webhookId?: number | null;
  eventId?: number | null;
  userId?: number | null;
  notificationId?: number | null;
  payload: string;
}

/** Rows a multi-row INSERT takes at once: twelve columns each stays far below both engines' parameter limits. */
const ENQUEUE_CHUNK = 500;

/** Records deliveries, due at once; those already recorded (same dedup key) are left as they are. Resolves to how many were new. */
export async function enqueueDeliveries(db: DbExecutor, rows: readonly NewDelivery[], now = new Date()): Promise<number> {
  const { deliveries } = tablesOf(db);
  let added = 0;
  const at = now.toISOString();
  for (let start = 0; start < rows.length; start += ENQUEUE_CHUNK) {
    const chunk = rows.slice(start, start + ENQUEUE_CHUNK).map((row) => ({ ...row, status: "pending" as const, attempts: 0, nextAttemptAt: at, createdAt: at }));
    const inserted = await db.insert(deliveries).values(chunk).onConflictDoNothing().returning({ id: deliveries.id });
    added += inserted.length;
  }
  return added;
}

/** A lease long enough for any one attempt (per-attempt timeouts are seconds), short enough that a crashed sender's rows come back soon. */
export const LEASE_MS = 2 * 60_000;

/**
 * Takes up to `limit` due rows (pending, next attempt reached, not leased by another sender) of the
 * given channels (a paused webhook's are left waiting), oldest due first, and leases them until now + leaseMs: one UPDATE, so two callers
 * never get the same row. On PostgreSQL the rows are claimed FOR UPDATE SKIP LOCKED (lib/pg/outbox-claim.ts), so workers on several
 * app servers take disjoint batches side by side.
 */
export async function leaseDue(db: Db, channels: readonly DeliveryChannel[], limit: number, now = new Date(), leaseMs = LEASE_MS): Promise<Delivery[]> {
  if (engineOf(db) === "postgres") return claimDueDeliveries(db as unknown as PgExecutor, channels, limit, now, leaseMs);
  const { deliveries, webhooks } = tablesOf(db);
  const at = now.toISOString();
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(dueDeliveriesAt(deliveries, channels, at, db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.active, true))))
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit);
  return db
    .update(deliveries)
    .set({ leasedUntil: new Date(now.getTime() + leaseMs).toISOString() })
    .where(and(inArray(deliveries.id, due), notLeasedAt(deliveries, at)))
    .returning();
}

/** What one attempt at a delivery came to. */
export type AttemptOutcome =
  | { ok: true; status?: number | null; durationMs: number }
  | { ok: false; status?: number | null; error: string; durationMs: number };

/**
 * Records an attempt and what follows from it: delivered; or pending again after the backoff; or,
 * after the last allowed attempt, failed for good. Only the holder of the lease records (a sender
 * whose lease ran out and was taken over leaves the row to the new holder). Returns the row as it now is.
 */
export async function recordAttempt(db: Db, leased: Delivery, outcome: AttemptOutcome, now = new Date(), backoff: BackoffOptions = {}): Promise<Delivery | null> {
  const at = now.toISOString();
  const attempts = leased.attempts + 1;
  const delay = outcome.ok ? null : retryDelayMs(attempts, backoff);
  const error = outcome.ok ? null : outcome.error.slice(0, 2000);
  const { deliveries, deliveryAttempts } = tablesOf(db);
  const recorded = await transact(db, async (tx): Promise<Delivery | null> => {
    const [updated] = await tx
      .update(deliveries)
      .set({
        attempts,
        leasedUntil: null,
        lastStatus: outcome.status ?? null,
        lastError: error,
        ...(outcome.ok
          ? { status: "delivered" as const, deliveredAt: at }
          : delay === null
            ? { status: "failed" as const }
            : { status: "pending" as const, nextAttemptAt: new Date(now.getTime() + delay).toISOString() }),
      })
      .where(and(eq(deliveries.id, leased.id), leased.leasedUntil === null ? isNull(deliveries.leasedUntil) : eq(deliveries.leasedUntil, leased.leasedUntil)))
      .returning();
    if (!updated) return null;
    await tx.insert(deliveryAttempts).values({ deliveryId: leased.id, at, ok: outcome.ok, status: outcome.status ?? null, error, durationMs: Math.round(outcome.durationMs) });
    return updated;
  });
  if (!recorded.ok) throw new Error(recorded.error.message); // the work above never refuses
  return recorded.value;
}

/**
 * Sends a delivery again from the start of the schedule (an admin's replay): due now, attempts
 * counted afresh; its earlier attempts stay in the log. A delivery in flight is left alone.
 */
export async function requeueDelivery(db: DbExecutor, id: number, now = new Date()): Promise<Delivery | undefined> {
  const { deliveries } = tablesOf(db);
  const at = now.toISOString();
  return firstRow(
    db
      .update(deliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: at, deliveredAt: null })
      .where(and(eq(deliveries.id, id), or(isNull(deliveries.leasedUntil), lt(deliveries.leasedUntil, at))))
      .returning(),
  );
}

/** How many deliveries of a channel are in each status, e.g. for a health line or a test. */
export async function deliveryCounts(db: DbExecutor, channel: DeliveryChannel): Promise<Record<string, number>> {
  const { deliveries } = tablesOf(db);
  const rows = await db
    .select({ status: deliveries.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(deliveries)
    .where(eq(deliveries.channel, channel))
    .groupBy(deliveries.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}
