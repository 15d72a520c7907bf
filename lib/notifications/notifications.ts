import { and, asc, count, desc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbExecutor } from "@/db/client";
import type { NotificationRow } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import { parseInput } from "@/lib/core/parse";
import { fail, ok, type Result } from "@/lib/core/result";
import { nowIso, transact } from "@/lib/core/transaction";

export { emailModesOf, preferencesOf, setPreferences } from "./preferences";

/*
 * A person's notifications: read by the inbox, the badge and the API; written only by the
 * notifications handler (./handler.ts) from the outbox's events.
 */

export interface NotificationView {
  id: number;
  kind: NotificationRow["kind"];
  claimId: number | null;
  summaryId: number | null;
  commentId: number | null;
  actorId: number;
  eventId: number;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  data: NotificationView[];
  nextCursor: string | null;
  unreadCount: number;
}

const ORDER = "notifications-newest";

function columnsOf(db: DbExecutor) {
  const { notifications } = tablesOf(db);
  return {
    id: notifications.id,
    kind: notifications.kind,
    claimId: notifications.claimId,
    summaryId: notifications.summaryId,
    commentId: notifications.commentId,
    actorId: notifications.actorId,
    eventId: notifications.eventId,
    message: notifications.message,
    createdAt: notifications.createdAt,
    readAt: notifications.readAt,
  };
}

/** The user's notifications, newest first; only the unread ones with `unread`. */
export async function listNotifications(db: DbExecutor, userId: number, options: { unread?: boolean; cursor?: string; limit?: number } = {}): Promise<Result<NotificationPage>> {
  const { notifications } = tablesOf(db);
  const limit = options.limit ?? 25;
  let before: number | null = null;
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, ORDER, ["id"] as const);
    if (!cursor || cursor.before) return staleCursor();
    before = cursor.position[0];
  }
  const rows = await db
    .select(columnsOf(db))
    .from(notifications)
    .where(and(eq(notifications.userId, userId), options.unread ? isNull(notifications.readAt) : undefined, before != null ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor({ order: ORDER, position: [data.at(-1)!.id], before: false }) : null;
  return ok({ data, nextCursor, unreadCount: await countUnread(db, userId) });
}

/** How many of the user's notifications are unread, on either engine. */
export async function countUnread(db: DbExecutor, userId: number): Promise<number> {
  const { notifications } = tablesOf(db);
  return (await firstRow(db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))))?.n ?? 0;
}

export const markReadSchema = z.union([
  z.object({ ids: z.array(z.int().positive()).min(1, "Name at least one notification.").max(500, "At most 500 at once.") }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/**
 * Marks the user's own notifications read: the ones named, or all. Naming one that is not theirs (or
 * does not exist) refuses the whole request, changing nothing. Marking a read one again is harmless.
 */
export async function markRead(db: Db, actor: Actor, input: unknown, now = nowIso()): Promise<Result<{ marked: number; unreadCount: number }>> {
  const parsed = parseInput(markReadSchema, input, "Send {ids: [...]} or {all: true}.");
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const done = await transact(db, async (tx) => {
    const { notifications } = tablesOf(tx);
    if ("ids" in value) {
      const ids = [...new Set(value.ids)];
      const mine = new Set(
        (await tx.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, actor.id), inArray(notifications.id, ids)))).map((row) => row.id),
      );
      const foreign = ids.filter((id) => !mine.has(id));
      if (foreign.length > 0) {
        const message = `You have no notification #${foreign.join(", #")}.`;
        return fail("invalid", message, { fields: { ids: [message] } });
      }
      const marked = (
        await tx
          .update(notifications)
          .set({ readAt: now })
          .where(and(eq(notifications.userId, actor.id), inArray(notifications.id, ids), isNull(notifications.readAt)))
          .returning({ id: notifications.id })
      ).length;
      return ok({ marked, unreadCount: await countUnread(tx, actor.id) });
    }
    const marked = (await tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))).returning({ id: notifications.id })).length;
    return ok({ marked, unreadCount: 0 });
  });
  return done.ok ? done.value : done;
}

/** Which users the events notified, by event id (for live streams: whose badge changed). */
export async function recipientsOf(db: DbExecutor, eventIds: readonly number[]): Promise<Map<number, number[]>> {
  const recipients = new Map<number, number[]>();
  for (const row of await notificationsOfEvents(db, eventIds)) {
    const users = recipients.get(row.eventId) ?? [];
    if (!users.includes(row.userId)) users.push(row.userId);
    recipients.set(row.eventId, users);
  }
  return recipients;
}

/** The notifications the events made, in id order (for lib/email). */
export async function notificationsOfEvents(db: DbExecutor, eventIds: readonly number[]): Promise<NotificationRow[]> {
  const { notifications } = tablesOf(db);
  if (eventIds.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.eventId, [...eventIds])).orderBy(asc(notifications.id));
}

/** Notifications after an id, oldest first: a consumer can keep its own cursor over them. */
export async function notificationsAfter(db: DbExecutor, afterId: number, limit = 500): Promise<NotificationRow[]> {
  const { notifications } = tablesOf(db);
  return db.select().from(notifications).where(gt(notifications.id, afterId)).orderBy(asc(notifications.id)).limit(limit);
}
