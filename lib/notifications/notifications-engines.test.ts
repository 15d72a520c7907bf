import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { refusal, unwrap } from "@/lib/workflow/test-fixtures";
import { countUnread, listNotifications, markRead, notificationsAfter, notificationsOfEvents, recipientsOf } from "./notifications";

let nextEvent = 1_000;

/** Notification rows written as the handler writes them (the handler itself is SQLite-only for now). */
async function notified(db: Db, user: Actor, actor: Actor, count: number, eventId = ++nextEvent) {
  const { notifications } = tablesOf(db);
  const rows = Array.from({ length: count }, (_, index) => ({ userId: user.id, kind: "mentioned" as const, actorId: actor.id, eventId: eventId + index * 10_000, message: `note ${index}`, createdAt: new Date().toISOString() }));
  return db.insert(notifications).values(rows).returning();
}

onEveryEngine("notifications", (database) => {
  it("lists a person's notifications newest first by cursor, with their unread count", async () => {
    const db = database();
    const [ada, ben] = [await createUserOn(db, "editor"), await createUserOn(db, "editor")];
    await notified(db, ada, ben, 3);
    await notified(db, ben, ada, 1);
    const page = unwrap(await listNotifications(db, ada.id, { limit: 2 }));
    expect(page.data).toHaveLength(2);
    expect(page.data[0].id).toBeGreaterThan(page.data[1].id);
    expect(page.unreadCount).toBe(3);
    const rest = unwrap(await listNotifications(db, ada.id, { limit: 2, cursor: page.nextCursor! }));
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.data).toHaveLength(1);
    expect(refusal(await listNotifications(db, ada.id, { cursor: "junk" })).code).toBe("invalid");
    expect(await countUnread(db, ben.id)).toBe(1);
  });

  it("marks only the person's own notifications read, all or nothing, and counts what changed", async () => {
    const db = database();
    const [ada, ben] = [await createUserOn(db, "editor"), await createUserOn(db, "editor")];
    const mine = await notified(db, ada, ben, 3);
    const [theirs] = await notified(db, ben, ada, 1);
    expect(unwrap(await markRead(db, ada, { ids: [mine[0].id, mine[0].id] }))).toEqual({ marked: 1, unreadCount: 2 });
    expect(unwrap(await markRead(db, ada, { ids: [mine[0].id] }))).toEqual({ marked: 0, unreadCount: 2 });
    expect(refusal(await markRead(db, ada, { ids: [mine[1].id, theirs.id] })).fields?.ids).toBeTruthy();
    expect(await countUnread(db, ada.id)).toBe(2);
    expect(refusal(await markRead(db, ada, { ids: [] })).code).toBe("invalid");
    expect(unwrap(await listNotifications(db, ada.id, { unread: true })).data.map((n) => n.id)).toEqual([mine[2].id, mine[1].id]);
    expect(unwrap(await markRead(db, ada, { all: true }))).toEqual({ marked: 2, unreadCount: 0 });
    expect(await countUnread(db, ben.id)).toBe(1);
  });

  it("finds the notifications of events and after an id, oldest first", async () => {
    const db = database();
    const [ada, ben] = [await createUserOn(db, "editor"), await createUserOn(db, "editor")];
    const eventId = (nextEvent += 100);
    const [first] = await notified(db, ada, ben, 1, eventId);
    const [second] = await notified(db, ben, ada, 1, eventId);
    expect((await notificationsOfEvents(db, [eventId])).map((row) => row.id)).toEqual([first.id, second.id]);
    expect(await notificationsOfEvents(db, [])).toEqual([]);
    expect((await notificationsAfter(db, first.id)).map((row) => row.id)).toEqual([second.id]);
    expect(await recipientsOf(db, [eventId])).toEqual(new Map([[eventId, [ada.id, ben.id]]]));
  });
});
