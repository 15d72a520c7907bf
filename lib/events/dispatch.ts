import { eq, sql } from "drizzle-orm";
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { databaseEngine } from "@/lib/core/engine";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { nowIso } from "@/lib/core/transaction";
import { logFailure } from "@/lib/observability/logger";
import { readEventsAfter, readLastEventId } from "./outbox";
import { statements } from "./statements";
import type { RecordedEvent } from "./types";

/**
 * A consumer of the outbox. `handle` gets new events in id order, in batches, and must be
 * idempotent: an event is offered again when the handler failed, or when the process stopped between
 * handling and moving the cursor (at least once). It may be synchronous or async (its database work on
 * PostgreSQL is); either way the dispatcher waits for it before moving its cursor, so a failure is
 * caught and retried, never lost. Consumers that do slow work (webhook deliveries, email) record it as
 * their own durable rows here and deliver from them, so a dispatch stays short enough to run inside the
 * request that made the change.
 */
export interface EventHandler {
  /** The cursor's key in event_consumers: renaming a handler starts it afresh. */
  name: string;
  handle(events: readonly RecordedEvent[], db: Db): void | PromiseLike<void>;
  /**
   * Where a handler seen for the first time starts: "replay" offers it every event ever recorded (a
   * page cache must not miss one); "skip" starts after the newest (a new notifier must not announce
   * last year's changes).
   */
  history?: "replay" | "skip";
  /**
   * "desk" (the default): the effect is the desk's (notifications, emails, webhook deliveries), applied
   * once whichever server dispatches. "server": the effect is the process's own (its cache of rendered
   * pages, its open event streams), so with several app servers on one PostgreSQL every server applies
   * every event itself, under a cursor of its own (see consumerName). On SQLite, one process serves a
   * database file and the two are the same.
   */
  scope?: "desk" | "server";
}

const identity = globalThis as unknown as { factdeskServerId?: string };

/**
 * This app server's name among those sharing one PostgreSQL: FACTDESK_SERVER_ID, or host:port (npm
 * start sets FACTDESK_SERVER_ID to that; `next start` alone falls back to PORT). Fixed for the process
 * at first use, and the same after a restart, so a restarted server resumes its own cursors.
 */
export function serverId(): string {
  return (identity.factdeskServerId ??= process.env.FACTDESK_SERVER_ID?.trim() || `${hostname()}:${process.env.PORT?.trim() || "3000"}`);
}

/** The key of a handler's cursor in event_consumers: per server for a "server" handler on PostgreSQL. */
export function consumerName(handler: Pick<EventHandler, "name" | "scope">): string {
  return handler.scope === "server" && databaseEngine() === "postgres" ? `${handler.name}@${serverId()}` : handler.name;
}

/** Events offered to a handler at once: big enough that a backlog (demo:load) drains in few calls. */
export const BATCH_SIZE = 1000;
/**
 * Batches one handler takes per dispatch: a backlog of 100,000 events (demo:load) is worked off over
 * a few dispatches instead of holding up the one request that happens to find it.
 */
export const MAX_BATCHES_PER_DISPATCH = 10;
/** Failed attempts at one batch after which it is retried one event at a time, and a failing event set aside. */
export const MAX_ATTEMPTS = 5;

/**
 * Offers every handler the events it has not applied yet, oldest first, and moves its cursor past
 * those it applied (at most MAX_BATCHES_PER_DISPATCH batches each; the poller comes back for the
 * rest). A handler that throws (or rejects) is recorded (attempts, error) and left where it was, to be
 * retried by the next dispatch; the other handlers carry on. Safe to call often: with nothing new it
 * is two indexed reads per handler.
 *
 * Each request dispatches for itself, in its own context: the page revalidation its change needs then
 * runs in that request and is applied before it answers. Dispatches may overlap at their awaits (a
 * request's and the poller's), so a batch can be offered twice; handlers are idempotent for that
 * reason (at least once), and a cursor only moves forward. (Queueing dispatches one behind another
 * could let a request's events be taken by the dispatch ahead of it, in another request, whose
 * revalidations are applied only when that request ends; with such a queue the full end-to-end run
 * read stale public pages right after changes.)
 */
export async function dispatchEvents(db: Db, handlers: readonly EventHandler[]): Promise<void> {
  for (const handler of handlers) await drain(db, handler);
}

/**
 * Gives each handler seen for the first time its cursor now, where `history` says it starts. The
 * server calls it once at start-up, before it answers a request: otherwise a "skip" handler would
 * first be seen in the dispatch of the very request whose change it should handle, start after that
 * change, and miss it (the first assignment on a new desk would notify nobody).
 */
export async function registerHandlers(db: Db, handlers: readonly EventHandler[]): Promise<void> {
  for (const handler of handlers) await cursorOf(db, handler);
}

/** Whether any handler has events it has not applied yet. */
export async function hasPendingEvents(db: Db, handlers: readonly EventHandler[]): Promise<boolean> {
  // Read-only, as the poller asks every 2 s: a consumer with no cursor yet counts from where it would start.
  const newest = await readLastEventId(db);
  for (const handler of handlers) {
    if (((await cursors.read(db, consumerName(handler)))?.lastEventId ?? startOf(handler, newest)) < newest) return true;
  }
  return false;
}

interface Cursor {
  lastEventId: number;
  attempts: number;
}

async function drain(db: Db, handler: EventHandler): Promise<void> {
  const name = consumerName(handler);
  let cursor = await cursorOf(db, handler, name);
  for (let batches = 0; batches < MAX_BATCHES_PER_DISPATCH; batches++) {
    const batch = await readEventsAfter(db, cursor.lastEventId, BATCH_SIZE);
    if (batch.length === 0) return;
    const applied = cursor.attempts >= MAX_ATTEMPTS ? await applyOneByOne(db, handler, name, batch) : await applyBatch(db, handler, name, batch);
    if (!applied) return;
    cursor = { lastEventId: batch.at(-1)!.id, attempts: 0 };
  }
}

/** `name` is the handler's cursor key (consumerName), worked out once per dispatch. */
async function applyBatch(db: Db, handler: EventHandler, name: string, batch: readonly RecordedEvent[]): Promise<boolean> {
  try {
    await handler.handle(batch, db);
  } catch (error) {
    logFailure(`events.${handler.name}`, error, { consumer: name, retried: true });
    await cursors.failed(db, name, describe(error));
    return false;
  }
  await cursors.advance(db, name, batch.at(-1)!.id);
  return true;
}

/**
 * After repeated failures of a batch: the events one by one, so the one that fails is found, kept in
 * event_failures (nothing is lost; it can be replayed by hand) and passed over instead of stalling
 * this handler for good.
 */
async function applyOneByOne(db: Db, handler: EventHandler, name: string, batch: readonly RecordedEvent[]): Promise<boolean> {
  const { eventFailures } = tablesOf(db);
  for (const event of batch) {
    try {
      await handler.handle([event], db);
    } catch (error) {
      logFailure(`events.${handler.name}`, error, { consumer: name, event_id: event.id, event_kind: event.kind, gave_up: true });
      await db.insert(eventFailures).values({ consumer: name, eventId: event.id, error: describe(error), failedAt: nowIso() }).onConflictDoNothing();
    }
    await cursors.advance(db, name, event.id);
  }
  return true;
}

/** Where a handler seen for the first time starts, given the newest event's id (see `history`). */
function startOf(handler: EventHandler, newest: number): number {
  return handler.history === "skip" ? newest : 0;
}

async function cursorOf(db: Db, handler: EventHandler, name = consumerName(handler)): Promise<Cursor> {
  const found = await cursors.read(db, name);
  if (found) return found;
  const start = startOf(handler, await readLastEventId(db));
  await cursors.add(db, name, start);
  // Another process may have added it first (onConflictDoNothing): what is stored is what counts.
  return (await cursors.read(db, name)) ?? { lastEventId: start, attempts: 0 };
}

/**
 * The consumers' cursors (event_consumers). SQLite keeps the statements prepared once per connection
 * (a dispatch with nothing new is on every write request's path); PostgreSQL builds them, over its
 * own tables. A cursor only moves forward, even should two processes dispatch at once.
 */
const cursors = {
  async read(db: Db, name: string): Promise<Cursor | undefined> {
    if (engineOf(db) === "sqlite") return statements(db).consumer.get({ name }); // sqlite-branch
    const { eventConsumers } = tablesOf(db);
    return firstRow(db.select({ lastEventId: eventConsumers.lastEventId, attempts: eventConsumers.attempts }).from(eventConsumers).where(eq(eventConsumers.name, name)));
  },
  async add(db: Db, name: string, lastEventId: number): Promise<void> {
    if (engineOf(db) === "sqlite") {
      statements(db).addConsumer.run({ name, lastEventId, now: nowIso() }); // sqlite-branch
      return;
    }
    const { eventConsumers } = tablesOf(db);
    await db.insert(eventConsumers).values({ name, lastEventId, updatedAt: nowIso() }).onConflictDoNothing();
  },
  async advance(db: Db, name: string, lastEventId: number): Promise<void> {
    if (engineOf(db) === "sqlite") {
      statements(db).advance.run({ name, lastEventId, now: nowIso() }); // sqlite-branch
      return;
    }
    const { eventConsumers } = tablesOf(db);
    await db
      .update(eventConsumers)
      .set({ lastEventId: sql`greatest(${eventConsumers.lastEventId}, ${lastEventId})`, attempts: 0, lastError: null, failedAt: null, updatedAt: nowIso() })
      .where(eq(eventConsumers.name, name));
  },
  async failed(db: Db, name: string, error: string): Promise<void> {
    const now = nowIso();
    if (engineOf(db) === "sqlite") {
      statements(db).failed.run({ name, error, now }); // sqlite-branch
      return;
    }
    const { eventConsumers } = tablesOf(db);
    await db
      .update(eventConsumers)
      .set({ attempts: sql`${eventConsumers.attempts} + 1`, lastError: error, failedAt: now, updatedAt: now })
      .where(eq(eventConsumers.name, name));
  },
};

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
