import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { eventConsumers, eventFailures } from "@/db/schema";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { BATCH_SIZE, dispatchEvents, hasPendingEvents, MAX_ATTEMPTS, recordEvent, registerHandlers, type EventHandler, type RecordedEvent } from ".";
import { MAX_BATCHES_PER_DISPATCH } from "./dispatch";

function desk() {
  const db = createTestDb();
  const actor = createTestUser(db, "editor");
  const edited = (claimId: number) => recordEvent(db, { kind: "claim.edited", claimId, articleId: null, version: 2, actorId: actor.id });
  return { db, actor, edited };
}

/** A handler that remembers what it was offered, and can be told to fail. */
function recorder(name: string, options: Partial<Pick<EventHandler, "history">> & { failOn?: (event: RecordedEvent) => boolean } = {}) {
  const seen: number[] = [];
  const handler: EventHandler & { seen: number[]; failOn?: (event: RecordedEvent) => boolean } = {
    name,
    history: options.history,
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
  it("offers each event once, in id order, across dispatches", () => {
    const { db, edited } = desk();
    const handler = recorder("pages");
    const first = [edited(1), edited(2)];
    dispatchEvents(db, [handler]);
    dispatchEvents(db, [handler]);
    const third = edited(3);
    dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([...first, third].map((event) => event.id));
    expect(consumer(db, "pages")).toMatchObject({ lastEventId: third.id, attempts: 0, lastError: null });
    expect(hasPendingEvents(db, [handler])).toBe(false);
  });

  it("keeps going after a failing handler, records the failure and offers the same events again later", () => {
    const { db, edited } = desk();
    const failing = recorder("webhooks", { failOn: () => true });
    const fine = recorder("pages");
    const event = edited(1);
    dispatchEvents(db, [failing, fine]);
    expect(fine.seen).toEqual([event.id]);
    expect(failing.seen).toEqual([]);
    expect(consumer(db, "webhooks")).toMatchObject({ lastEventId: 0, attempts: 1, lastError: "webhooks cannot take this", failedAt: expect.any(String) });
    expect(hasPendingEvents(db, [failing, fine])).toBe(true);

    failing.failOn = undefined;
    dispatchEvents(db, [failing, fine]);
    expect(failing.seen).toEqual([event.id]);
    expect(fine.seen).toEqual([event.id]);
    expect(consumer(db, "webhooks")).toMatchObject({ lastEventId: event.id, attempts: 0, lastError: null });
  });

  it(`sets an event aside after ${MAX_ATTEMPTS} failed attempts, so the ones after it still get through`, () => {
    const { db, edited } = desk();
    const [before, poison, after] = [edited(1), edited(2), edited(3)];
    const handler = recorder("pages", { failOn: (event) => event.id === poison.id });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([]);
    expect(consumer(db, "pages")?.attempts).toBe(MAX_ATTEMPTS);

    dispatchEvents(db, [handler]);
    expect(handler.seen).toEqual([before.id, after.id]);
    expect(db.select().from(eventFailures).all()).toMatchObject([{ consumer: "pages", eventId: poison.id, error: "pages cannot take this" }]);
    expect(consumer(db, "pages")).toMatchObject({ lastEventId: after.id, attempts: 0 });
  });

  it('starts a new "skip" handler after the newest event, a "replay" one at the first', () => {
    const { db, edited } = desk();
    const old = edited(1);
    const notifier = recorder("notifications", { history: "skip" });
    const pages = recorder("pages");
    dispatchEvents(db, [notifier, pages]);
    const fresh = edited(2);
    dispatchEvents(db, [notifier, pages]);
    expect(notifier.seen).toEqual([fresh.id]);
    expect(pages.seen).toEqual([old.id, fresh.id]);
  });

  it('starts a "skip" handler registered at start-up from there, so the first change after it is not skipped', () => {
    const { db, edited } = desk();
    edited(1);
    const notifier = recorder("notifications", { history: "skip" });
    registerHandlers(db, [notifier]);
    const first = edited(2);
    expect(hasPendingEvents(db, [notifier])).toBe(true);
    dispatchEvents(db, [notifier]);
    expect(notifier.seen).toEqual([first.id]);
  });

  it("works off a large backlog over several dispatches, so no one request carries all of it", () => {
    const { db, actor } = desk();
    const backlog = BATCH_SIZE * MAX_BATCHES_PER_DISPATCH + 1;
    db.transaction((tx) => {
      for (let claimId = 1; claimId <= backlog; claimId++) recordEvent(tx, { kind: "claim.submitted", claimId, articleId: null, version: 1, actorId: actor.id });
    });
    const handler = recorder("pages");
    dispatchEvents(db, [handler]);
    expect(handler.seen).toHaveLength(backlog - 1);
    expect(hasPendingEvents(db, [handler])).toBe(true);
    dispatchEvents(db, [handler]);
    expect(handler.seen).toHaveLength(backlog);
    expect(new Set(handler.seen).size).toBe(backlog);
  });

  it("answers whether anything is pending without writing, for a consumer that has never run too", () => {
    const { db, edited } = desk();
    edited(1);
    const replaying = recorder("pages");
    const skipping = recorder("webhooks", { history: "skip" });
    expect(hasPendingEvents(db, [replaying])).toBe(true);
    expect(hasPendingEvents(db, [skipping])).toBe(false);
    expect(consumer(db, "pages")).toBeUndefined();
    expect(consumer(db, "webhooks")).toBeUndefined();
  });

  it("refuses an async handler as a failure: its errors would escape the cursor", () => {
    const { db, edited } = desk();
    edited(1);
    dispatchEvents(db, [{ name: "async", handle: (async () => {}) as unknown as EventHandler["handle"] }]);
    expect(consumer(db, "async")).toMatchObject({ lastEventId: 0, attempts: 1, lastError: "Event handler async must be synchronous" });
  });

  it("drains events another connection committed (the CLI, demo:load)", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-events-")), "desk.db");
    const server = openDatabase(file);
    const cli = openDatabase(file);
    const actor = createTestUser(server, "editor");
    const handler = recorder("pages");
    dispatchEvents(server, [handler]);
    const event = cli.transaction((tx) => recordEvent(tx, { kind: "claim.edited", claimId: 7, articleId: null, version: 2, actorId: actor.id }));
    expect(hasPendingEvents(server, [handler])).toBe(true);
    dispatchEvents(server, [handler]);
    expect(handler.seen).toEqual([event.id]);
    server.$client.close();
    cli.$client.close();
  });
});
