import { and, asc, desc, eq, gt, inArray, isNull, lt, max } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { enqueueDeliveries, type NewDelivery } from "@/lib/delivery/outbox";
import { publicUrl } from "@/lib/publish/config";
import { digestHour, emailEnabled } from "./config";
import { digestEmail, notificationEmail } from "./render";

/*
 * What becomes email. Immediately: every new notification of a person whose email mode is
 * "immediate" is queued as one mail, followed by id (a cursor of its own, so a notification made
 * late, on a retry of its handler, is still mailed, and none twice). Daily: once a day, from the
 * digest hour (UTC), one mail per "daily" person with their unread notifications since their last
 * digest (one digest row per person and day). When SMTP is not configured nothing is queued, and the
 * cursor moves on: turning email on later does not mail the backlog.
 */

const CURSOR = "email-notifications";
const BATCH = 500;
/** A first digest (or one after a long pause) covers at most this far back. */
const DIGEST_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

/** A feeder seen for the first time mails notifications this recent, not the history before it. */
const FIRST_RUN_WINDOW_MS = 10 * 60_000;

async function cursorOf(db: DbExecutor, now: Date): Promise<number> {
  const { deliveryCursors, notifications } = tablesOf(db);
  const found = await firstRow(db.select({ lastId: deliveryCursors.lastId }).from(deliveryCursors).where(eq(deliveryCursors.name, CURSOR)));
  if (found) return found.lastId;
  // Seen for the first time (the server's first tick or dispatch): start before the notifications of
  // the last few minutes, so those made in the very dispatch that first runs this are not skipped.
  const before = new Date(now.getTime() - FIRST_RUN_WINDOW_MS).toISOString();
  const start = (await firstRow(db.select({ id: max(notifications.id) }).from(notifications).where(lt(notifications.createdAt, before))))?.id ?? 0;
  await moveCursor(db, start);
  return start;
}

async function newestNotificationId(db: DbExecutor): Promise<number> {
  const { notifications } = tablesOf(db);
  return (await firstRow(db.select({ id: max(notifications.id) }).from(notifications)))?.id ?? 0;
}

async function moveCursor(db: DbExecutor, lastId: number): Promise<void> {
  const { deliveryCursors } = tablesOf(db);
  const updatedAt = new Date().toISOString();
  await db.insert(deliveryCursors).values({ name: CURSOR, lastId, updatedAt }).onConflictDoUpdate({ target: deliveryCursors.name, set: { lastId, updatedAt } });
}

/** Queues the immediate mails of notifications made since the last call. Resolves to how many were queued. */
export async function feedNotificationEmails(db: Db, now = new Date()): Promise<number> {
  const { notificationPreferences, notifications, users } = tablesOf(db);
  const fed = await transact(db, async (tx) => {
    const after = await cursorOf(tx, now);
    if (!emailEnabled()) {
      const newest = await newestNotificationId(tx);
      if (newest > after) await moveCursor(tx, newest);
      return 0;
    }
    const rows = await tx
      .select({ id: notifications.id, userId: notifications.userId, message: notifications.message, claimId: notifications.claimId, createdAt: notifications.createdAt, eventId: notifications.eventId, email: users.email, disabled: users.disabled, mode: notificationPreferences.emailMode })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
      .where(gt(notifications.id, after))
      .orderBy(asc(notifications.id))
      .limit(BATCH);
    if (rows.length === 0) return 0;
    const base = publicUrl();
    const queued: NewDelivery[] = rows
      .filter((row) => row.mode === "immediate" && !row.disabled)
      .map((row) => ({
        channel: "email",
        dedupKey: `email:notification:${row.id}`,
        userId: row.userId,
        notificationId: row.id,
        eventId: row.eventId,
        payload: JSON.stringify(notificationEmail(row.email, row, base)),
      }));
    const added = await enqueueDeliveries(tx, queued, now);
    await moveCursor(tx, rows.at(-1)!.id);
    return added;
  });
  if (!fed.ok) throw new Error(fed.error.message); // the work above never refuses; a lost race is retried by the next call
  return fed.value;
}

/** The digest due at `now`: today's once the digest hour has passed, yesterday's before it. Its key and cut-off. */
export function dueDigest(now: Date, hour = digestHour()): { day: string; cutoff: Date } {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  const cutoff = today.getTime() <= now.getTime() ? today : new Date(today.getTime() - 24 * 60 * 60 * 1000);
  return { day: cutoff.toISOString().slice(0, 10), cutoff };
}

/**
 * Queues the due daily digests not queued yet: for each active "daily" person, their unread
 * notifications made after their last digest and before the cut-off. Nobody gets an empty digest.
 * Cheap to call every tick: one read of the daily people and one indexed read each.
 */
export async function feedDigests(db: Db, now = new Date()): Promise<number> {
  if (!emailEnabled()) return 0;
  const { deliveries, notificationPreferences, notifications, users } = tablesOf(db);
  const { day, cutoff } = dueDigest(now);
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(and(eq(notificationPreferences.emailMode, "daily"), eq(users.disabled, false)));
  if (people.length === 0) return 0;
  const done = new Set(
    (
      await db
        .select({ key: deliveries.dedupKey })
        .from(deliveries)
        .where(inArray(deliveries.dedupKey, people.map((person) => `digest:${person.id}:${day}`)))
    ).map((row) => row.key),
  );
  const base = publicUrl();
  let added = 0;
  for (const person of people) {
    const dedupKey = `digest:${person.id}:${day}`;
    if (done.has(dedupKey)) continue;
    const last =
      (
        await firstRow(
          db
            .select({ through: deliveries.notificationId })
            .from(deliveries)
            .where(and(eq(deliveries.userId, person.id), eq(deliveries.channel, "digest")))
            .orderBy(desc(deliveries.id))
            .limit(1),
        )
      )?.through ?? 0;
    const items = await db
      .select({ id: notifications.id, message: notifications.message, claimId: notifications.claimId, createdAt: notifications.createdAt })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, person.id),
          isNull(notifications.readAt),
          gt(notifications.id, last),
          lt(notifications.createdAt, cutoff.toISOString()),
          gt(notifications.createdAt, new Date(cutoff.getTime() - DIGEST_LOOKBACK_MS).toISOString()),
        ),
      )
      .orderBy(asc(notifications.id))
      .limit(200);
    if (items.length === 0) continue;
    added += await enqueueDeliveries(
      db,
      [{ channel: "digest", dedupKey, userId: person.id, notificationId: items.at(-1)!.id, payload: JSON.stringify(digestEmail(person.email, day, items, base)) }],
      now,
    );
  }
  return added;
}
