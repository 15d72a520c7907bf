import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { eventConsumers, eventFailures } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { inTransactionWithEvents } from "./outbox";
import { BATCH_SIZE, dispatchEvents, hasPendingEvents, MAX_ATTEMPTS, recordEvent, registerHandlers, type EventHandler, type RecordedEvent } from ".";
import { consumerName, MAX_BATCHES_PER_DISPATCH, serverId } from "./dispatch";

function desk() {
  const db = createTestDb();
  const actor = createTestUser(db, "editor");
  const edited = (claimId: number) => recordEvent(db, { kind: "claim.edited", claimId, articleId: null, version: 2, actorId: actor.id });
  return { db, actor, edited };
}

/** A handler that remembers what it was offered, and can be told to fail. */
function recorder(name: string, options: Partial<Pick<EventHandler, "history" | "scope">> & { failOn?: (event: RecordedEvent) => boolean } = {}) {
  const seen: number[] = [];
  const handler: EventHandler & { seen: number[]; failOn?: (event: RecordedEvent) => boolean } = {
    name,
    history: options.history,
    scope: options.scope,
    seen,
    failOn: options.failOn,
    handle(events) {
      if (events.some((event) => handler.failOn?.(event))) throw new Error(`${name} cannot take this`);
      seen.push(...events.map((event) => event.id));
    },
  };
  return handler;
}

const consumer = (db: Db, name: string) => db.select().from(eventConsumers).where(eq(eventConsumers.name, name)).get();

describe("dispatchEvents", () => {
  it("offers each event once, in id order, across dispatches", async () => {
    const { db, edited } = desk();
    const handler = recorder("pages");
    const first = [edited(1), edited(2)];
    await dispatchEvents(db, [handler]);
    await dispatchEvents(db, [handler]);
    const third = edited(3);
    await dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([...first, third].map((event) => event.id));
    expect(consumer(db, "pages")).toMatchObject({ lastEventId: third.id, attempts: 0, lastError: null });
    expect(await hasPendingEvents(db, [handler])).toBe(false);
  });

  it("keeps going after a failing handler, records the failure and offers the same events again later", async () => {
    const { db, edited } = desk();
    const failing = recorder("webhooks", { failOn: () => true });
    const fine = recorder("pages");
    const event = edited(1);
    await dispatchEvents(db, [failing, fine]);
    expect(fine.seen).toEqual([event.id]);
    expect(failing.seen).toEqual([]);
    expect(consumer(db, "webhooks")).toMatchObject({ lastEventId: 0, attempts: 1, lastError: "webhooks cannot take this", failedAt: expect.any(String) });
    expect(await hasPendingEvents(db, [failing, fine])).toBe(true);

    failing.failOn = undefined;
    await dispatchEvents(db, [failing, fine]);
    expect(failing.seen).toEqual([event.id]);
    expect(fine.seen).toEqual([event.id]);
    expect(consumer(db, "webhooks")).toMatchObject({ lastEventId: event.id, attempts: 0, lastError: null });
  });

  it(`sets an event aside after ${MAX_ATTEMPTS} failed attempts, so the ones after it still get through`, async () => {
    const { db, edited } = desk();
    const [before, poison, after] = [edited(1), edited(2), edited(3)];
    const handler = recorder("pages", { failOn: (event) => event.id === poison.id });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) await dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([]);
    expect(consumer(db, "pages")?.attempts).toBe(MAX_ATTEMPTS);

    await dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([before.id, after.id]);
    expect(db.select().from(eventFailures).all()).toMatchObject([{ consumer: "pages", eventId: poison.id, error: "pages cannot take this" }]);
    expect(consumer(db, "pages")).toMatchObject({ lastEventId: after.id, attempts: 0 });
  });

  it('starts a new "skip" handler after the newest event, a "replay" one at the first', async () => {
    const { db, edited } = desk();
    const old = edited(1);
    const notifier = recorder("notifications", { history: "skip" });
    const pages = recorder("pages");
    await dispatchEvents(db, [notifier, pages]);
    const fresh = edited(2);
    await dispatchEvents(db, [notifier, pages]);
    expect(notifier.seen).toEqual([fresh.id]);
    expect(pages.seen).toEqual([old.id, fresh.id]);
  });

  it('starts a "skip" handler registered at start-up from there, so the first change after it is not skipped', async () => {
    const { db, edited } = desk();
    edited(1);
    const notifier = recorder("notifications", { history: "skip" });
    await registerHandlers(db, [notifier]);
    const first = edited(2);
    expect(await hasPendingEvents(db, [notifier])).toBe(true);
    await dispatchEvents(db, [notifier]);
    expect(notifier.seen).toEqual([first.id]);
  });

  it("works off a large backlog over several dispatches, so no one request carries all of it", async () => {
    const { db, actor } = desk();
    const backlog = BATCH_SIZE * MAX_BATCHES_PER_DISPATCH + 1;
    db.transaction((tx) => {
      for (let claimId = 1; claimId <= backlog; claimId++) recordEvent(tx, { kind: "claim.submitted", claimId, articleId: null, version: 1, actorId: actor.id });
    });
    const handler = recorder("pages");
    await dispatchEvents(db, [handler]);
    expect(handler.seen).toHaveLength(backlog - 1);
    expect(await hasPendingEvents(db, [handler])).toBe(true);
    await dispatchEvents(db, [handler]);
    expect(handler.seen).toHaveLength(backlog);
    expect(new Set(handler.seen).size).toBe(backlog);
  });

  it("answers whether anything is pending without writing, for a consumer that has never run too", async () => {
    const { db, edited } = desk();
    edited(1);
    const replaying = recorder("pages");
    const skipping = recorder("webhooks", { history: "skip" });
    expect(await hasPendingEvents(db, [replaying])).toBe(true);
    expect(await hasPendingEvents(db, [skipping])).toBe(false);
    expect(consumer(db, "pages")).toBeUndefined();
    expect(consumer(db, "webhooks")).toBeUndefined();
  });

  it("waits for an async handler: its work is done before the cursor moves, and a rejection is a failure retried later", async () => {
    const { db, edited } = desk();
    const event = edited(1);
    const seen: number[] = [];
    let reject = true;
    const slow: EventHandler = {
      name: "async",
      async handle(events) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (reject) throw new Error("not yet");
        seen.push(...events.map((e) => e.id));
      },
    };
    await dispatchEvents(db, [slow]);
    expect(consumer(db, "async")).toMatchObject({ lastEventId: 0, attempts: 1, lastError: "not yet" });
    reject = false;
    await dispatchEvents(db, [slow]);
    expect(seen).toEqual([event.id]);
    expect(consumer(db, "async")).toMatchObject({ lastEventId: event.id, attempts: 0, lastError: null });
  });

  it("lets two dispatches that overlap both finish, every event offered at least once and the cursor past all of them", async () => {
    const { db, edited } = desk();
    const offered: number[] = [];
    const slow: EventHandler = {
      name: "pages",
      async handle(events) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        offered.push(...events.map((e) => e.id));
      },
    };
    const first = edited(1);
    const one = dispatchEvents(db, [slow]);
    const second = edited(2);
    const two = dispatchEvents(db, [slow]);
    await Promise.all([one, two]);
    expect(new Set(offered)).toEqual(new Set([first.id, second.id]));
    expect(consumer(db, "pages")).toMatchObject({ lastEventId: second.id, attempts: 0 });
    expect(await hasPendingEvents(db, [slow])).toBe(false);
  });

  it("drains events another connection committed (the CLI, demo:load)", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-events-")), "desk.db");
    const server = openDatabase(file);
    const cli = openDatabase(file);
    const actor = createTestUser(server, "editor");
    const handler = recorder("pages");
    await dispatchEvents(server, [handler]);
    const event = cli.transaction((tx) => recordEvent(tx, { kind: "claim.edited", claimId: 7, articleId: null, version: 2, actorId: actor.id }));
    expect(await hasPendingEvents(server, [handler])).toBe(true);
    await dispatchEvents(server, [handler]);
    expect(handler.seen).toEqual([event.id]);
    server.$client.close();
    cli.$client.close();
  });
});

onEveryEngine("dispatchEvents", (database) => {
  const record = async (db: Db, claimId: number, actorId: number) => {
    const result = await inTransactionWithEvents(db, (_tx, recordEvent) => recordEvent({ kind: "claim.edited", claimId, articleId: null, version: 2, actorId }));
    expect(result.ok).toBe(true);
    return result.events[0]!.id;
  };
  const cursorOf = async (db: Db, name: string) => {
    const { eventConsumers } = tablesOf(db);
    return firstRow(db.select().from(eventConsumers).where(eq(eventConsumers.name, name)));
  };

  it("offers committed events once, in order, moves the cursor, and retries a failing handler", async () => {
    const db = database();
    const actor = await createUserOn(db, "editor");
    const name = `pages-${Math.random().toString(36).slice(2, 8)}`;
    const handler = recorder(name);
    const skipping = recorder(`${name}-skip`, { history: "skip" });
    await registerHandlers(db, [skipping]);
    const ids = [await record(db, 1, actor.id), await record(db, 2, actor.id)];
    expect(await hasPendingEvents(db, [handler])).toBe(true);
    await dispatchEvents(db, [handler, skipping]);
    expect(handler.seen.slice(-2)).toEqual(ids);
    expect(skipping.seen).toEqual(ids);
    expect(await cursorOf(db, name)).toMatchObject({ lastEventId: ids[1], attempts: 0, lastError: null });
    expect(await hasPendingEvents(db, [handler, skipping])).toBe(false);

    handler.failOn = () => true;
    const third = await record(db, 3, actor.id);
    await dispatchEvents(db, [handler]);
    expect(await cursorOf(db, name)).toMatchObject({ lastEventId: ids[1], attempts: 1, lastError: `${name} cannot take this` });
    handler.failOn = undefined;
    await dispatchEvents(db, [handler]);
    expect(handler.seen.at(-1)).toBe(third);
    expect(await cursorOf(db, name)).toMatchObject({ lastEventId: third, attempts: 0, lastError: null, failedAt: null });
  });

  describe("with several app servers (PostgreSQL)", () => {
    const servers = globalThis as unknown as { factdeskServerId?: string };
    const asServer = (id: string) => {
      servers.factdeskServerId = id;
    };
    afterEach(() => {
      delete servers.factdeskServerId;
      vi.unstubAllEnvs();
    });

    it("keys a per-server consumer by this server on PostgreSQL only, and a desk consumer never", () => {
      asServer("web-1:3000");
      expect(serverId()).toBe("web-1:3000");
      expect(consumerName({ name: "revalidate-pages", scope: "server" })).toBe("revalidate-pages");
      vi.stubEnv("DATABASE_URL", "postgres://desk@db.example/desk");
      expect(consumerName({ name: "revalidate-pages", scope: "server" })).toBe("revalidate-pages@web-1:3000");
      expect(consumerName({ name: "webhooks" })).toBe("webhooks");
      expect(consumerName({ name: "email", scope: "desk" })).toBe("email");
    });

    it("gives every server every event for its own consumers (pages, streams), and the desk's consumers each event once", async () => {
      const db = database();
      const actor = await createUserOn(db, "editor");
      vi.stubEnv("DATABASE_URL", "postgres://desk@db.example/desk");
      const tag = Math.random().toString(36).slice(2, 8);
      const pagesOf = { a: recorder(`pages-${tag}`, { scope: "server", history: "skip" }), b: recorder(`pages-${tag}`, { scope: "server", history: "skip" }) };
      const deskOf = { a: recorder(`email-${tag}`, { history: "skip" }), b: recorder(`email-${tag}`, { history: "skip" }) };
      for (const server of ["a", "b"] as const) {
        asServer(`host:${server}`);
        await registerHandlers(db, [pagesOf[server], deskOf[server]]);
      }
      const ids = [await record(db, 1, actor.id), await record(db, 2, actor.id)];
      asServer("host:a");
      await dispatchEvents(db, [pagesOf.a, deskOf.a]);
      asServer("host:b");
      expect(await hasPendingEvents(db, [pagesOf.b])).toBe(true);
      expect(await hasPendingEvents(db, [deskOf.b])).toBe(false);
      await dispatchEvents(db, [pagesOf.b, deskOf.b]);
      expect(pagesOf.a.seen).toEqual(ids);
      expect(pagesOf.b.seen).toEqual(ids);
      expect([...deskOf.a.seen, ...deskOf.b.seen]).toEqual(ids);
      expect(await cursorOf(db, `pages-${tag}@host:a`)).toMatchObject({ lastEventId: ids[1] });
      expect(await cursorOf(db, `pages-${tag}@host:b`)).toMatchObject({ lastEventId: ids[1] });
      expect(await cursorOf(db, `pages-${tag}`)).toBeUndefined();
    });
  });
});
