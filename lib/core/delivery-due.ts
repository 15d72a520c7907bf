import { and, eq, inArray, isNull, lt, lte, or, type Column, type SQL, type SQLWrapper } from "drizzle-orm";

/*
 * Which delivery outbox rows are due, once for both engines: SQLite's leaseDue (lib/delivery/outbox.ts)
 * and PostgreSQL's claimDueDeliveries (lib/pg/outbox-claim.ts) pick the same rows, over their own
 * dialect's deliveries table.
 */

/** The columns of either dialect's deliveries table that decide whether a row is due. */
export interface DeliveryDueColumns {
  status: Column;
  nextAttemptAt: Column;
  channel: Column;
  leasedUntil: Column;
  webhookId: Column;
}

/** Not leased, or its lease ran out before `at` (ISO time). */
export function notLeasedAt(deliveries: DeliveryDueColumns, at: string): SQL | undefined {
  return or(isNull(deliveries.leasedUntil), lt(deliveries.leasedUntil, at));
}

/**
 * Due at `at`: pending, next attempt reached, of one of `channels`, not leased, and not a paused
 * webhook's (`activeWebhookIds`: a subquery of the active webhooks' ids).
 */
export function dueDeliveriesAt(deliveries: DeliveryDueColumns, channels: readonly string[], at: string, activeWebhookIds: SQLWrapper): SQL | undefined {
  return and(
    eq(deliveries.status, "pending"),
    lte(deliveries.nextAttemptAt, at),
    inArray(deliveries.channel, [...channels]),
    notLeasedAt(deliveries, at),
    // A paused webhook's deliveries wait, pending, until it is resumed.
    or(isNull(deliveries.webhookId), inArray(deliveries.webhookId, activeWebhookIds)),
  );
}
