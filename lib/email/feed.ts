import { and, asc, desc, eq, gt, inArray, isNull, lt, max } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import { deliveries, deliveryCursors, notificationPreferences, notifications, users } from "@/db/schema";
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

function cursorOf(db: DbExecutor, now: Date): number {
  const found = db.select({ lastId: deliveryCursors.lastId }).from(deliveryCursors).where(eq(deliveryCursors.name, CURSOR)).get();
  if (found) return found.lastId;
  // Seen for the first time (the server's first tick or dispatch): start before the notifications of
  // the last few minutes, so those made in the very dispatch that first runs this are not skipped.
  const before = new Date(now.getTime() - FIRST_RUN_WINDOW_MS).toISOString();
  const start = db.select({ id: max(notifications.id) }).from(notifications).where(lt(notifications.createdAt, before)).get()?.id ?? 0;
  moveCursor(db, start);
  return start;
}

function newestNotificationId(db: DbExecutor): number {
  return db.select({ id: max(notifications.id) }).from(notifications).get()?.id ?? 0;
}

function moveCursor(db: DbExecutor, lastId: number): void {
  const updatedAt = new Date().toISOString();
  db.insert(deliveryCursors).values({ name: CURSOR, lastId, updatedAt }).onConflictDoUpdate({ target: deliveryCursors.name, set: { lastId, updatedAt } }).run();
}

/** Queues the immediate mails of notifications made since the last call. Returns how many were queued. */
export function feedNotificationEmails(db: Db, now = new Date()): number {
  return db.transaction((tx) => {
    const after = cursorOf(tx, now);
    if (!emailEnabled()) {
      const newest = newestNotificationId(tx);
      if (newest > after) moveCursor(tx, newest);
      return 0;
    }
    const rows = tx
      .select({ id: notifications.id, userId: notifications.userId, message: notifications.message, claimId: notifications.claimId, createdAt: notifications.createdAt, eventId: notifications.eventId, email: users.email, disabled: users.disabled, mode: notificationPreferences.emailMode })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
      .where(gt(notifications.id, after))
      .orderBy(asc(notifications.id))
      .limit(BATCH)
      .all();
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
    const added = enqueueDeliveries(tx, queued, now);
    moveCursor(tx, rows.at(-1)!.id);
    return added;
  });
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
export function feedDigests(db: Db, now = new Date()): number {
  if (!emailEnabled()) return 0;
  const { day, cutoff } = dueDigest(now);
  const people = db
    .select({ id: users.id, email: users.email })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(and(eq(notificationPreferences.emailMode, "daily"), eq(users.disabled, false)))
    .all();
  if (people.length === 0) return 0;
  const done = new Set(
    db
      .select({ key: deliveries.dedupKey })
      .from(deliveries)
      .where(inArray(deliveries.dedupKey, people.map((person) => `digest:${person.id}:${day}`)))
      .all()
      .map((row) => row.key),
  );
  const base = publicUrl();
  let added = 0;
  for (const person of people) {
    const dedupKey = `digest:${person.id}:${day}`;
    if (done.has(dedupKey)) continue;
    const last =
      db
        .select({ through: deliveries.notificationId })
        .from(deliveries)
        .where(and(eq(deliveries.userId, person.id), eq(deliveries.channel, "digest")))
        .orderBy(desc(deliveries.id))
        .limit(1)
        .get()?.through ?? 0;
    const items = db
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
      .limit(200)
      .all();
    if (items.length === 0) continue;
    added += enqueueDeliveries(
      db,
      [{ channel: "digest", dedupKey, userId: person.id, notificationId: items.at(-1)!.id, payload: JSON.stringify(digestEmail(person.email, day, items, base)) }],
      now,
    );
  }
  return added;
}
