import "server-only";
import type { Db } from "@/db/client";
import { liveBus, type LiveBus } from "@/lib/live/bus";
import { toLiveEvents } from "@/lib/live/payload";
import { countUnread, recipientsOf } from "@/lib/notifications/notifications";
import type { EventHandler } from "../dispatch";
import type { RecordedEvent } from "../types";

export interface LiveNotifications {
  /** Who got a notification from each of these events (lib/notifications, whose handler runs before this one). */
  recipientsOf(db: Db, eventIds: readonly number[]): Promise<Map<number, number[]>>;
  unreadCount(db: Db, userId: number): Promise<number>;
}

/**
 * The outbox's consumer for open event streams: publishes each dispatched event to this process's
 * bus (lib/live/bus.ts), names resolved once for all streams, and tells each person who was just
 * notified their new unread count. It keeps nothing: a stream that missed events reads them from the
 * table (Last-Event-ID), so "skip" history and at-least-once are both harmless (streams drop an id
 * they already sent).
 */
export function liveHandler(bus: () => LiveBus = liveBus, notifications?: LiveNotifications): EventHandler {
  return {
    name: "live",
    history: "skip",
    // The streams open on this server: every server publishes every event to its own.
    scope: "server",
    async handle(events: readonly RecordedEvent[], db: Db) {
      const target = bus();
      if (target.idle) return;
      target.publish(await toLiveEvents(db, events));
      if (!notifications) return;
      const notified = new Set([...(await notifications.recipientsOf(db, events.map((event) => event.id))).values()].flat());
      for (const userId of notified) {
        if (target.size(userId) > 0) target.signal(userId, { kind: "notification", unreadCount: await notifications.unreadCount(db, userId) });
      }
    },
  };
}

export const publishLive: EventHandler = liveHandler(liveBus, { recipientsOf, unreadCount: countUnread });
