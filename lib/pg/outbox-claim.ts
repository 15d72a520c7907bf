import { and, asc, eq, inArray } from "drizzle-orm";
import type { PgExecutor } from "@/db/client-pg";
import { deliveries, webhooks } from "@/db/schema-pg";
import { dueDeliveriesAt, notLeasedAt } from "@/lib/core/delivery-due";
import { LEASE_MS } from "@/lib/delivery/outbox";
import type { DeliveryChannel } from "@/lib/delivery/vocabulary";

/*
 * Claiming due deliveries on PostgreSQL when several app servers run outbox workers on one database
 * (issue #17 item 5). The same rows as SQLite's leaseDue (lib/delivery/outbox.ts): pending, next attempt
 * reached, not leased, of the given channels, not a paused webhook's; oldest due first; leased until
 * now + leaseMs. The difference is FOR UPDATE SKIP LOCKED: a worker skips the rows another worker is
 * claiming at that moment instead of waiting for its transaction and then finding them leased, so two
 * workers take disjoint batches side by side and never the same row (the lease then keeps them apart
 * until the attempt is recorded, exactly as on SQLite). The lease's condition is checked again in the
 * UPDATE, so a claim that raced a lease taken without SKIP LOCKED still gets nothing twice.
 */

export type ClaimedDelivery = typeof deliveries.$inferSelect;

/** Leases up to `limit` due deliveries of `channels` to the caller (one statement; run it on a transaction's executor to hold the rows longer). */
export async function claimDueDeliveries(
  db: PgExecutor,
  channels: readonly DeliveryChannel[],
  limit: number,
  now = new Date(),
  leaseMs = LEASE_MS,
): Promise<ClaimedDelivery[]> {
  if (channels.length === 0 || limit <= 0) return [];
  const at = now.toISOString();
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(dueDeliveriesAt(deliveries, channels, at, db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.active, true))))
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit)
    .for("update", { of: deliveries, skipLocked: true });
  const claimed = await db
    .update(deliveries)
    .set({ leasedUntil: new Date(now.getTime() + leaseMs).toISOString() })
    .where(and(inArray(deliveries.id, due), notLeasedAt(deliveries, at)))
    .returning();
  // RETURNING has no order of its own: oldest due first, as they were chosen.
  return claimed.sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id));
}
