import type { Db } from "@/db/client";
import { eventFailures } from "@/db/schema";
import { nowIso } from "@/lib/core/transaction";
import { logFailure } from "@/lib/observability/logger";
import { eventsAfter, lastEventId } from "./outbox";
import { statements } from "./statements";
import type { RecordedEvent } from "./types";

/**
 * A consumer of the outbox. `handle` gets new events in id order, in batches, and must be
 * idempotent: an event is offered again when the handler failed, or when the process stopped between
 * handling and moving the cursor (at least once). It is synchronous on purpose: consumers that do
 * slow work (webhook deliveries, email) record it as their own durable rows here and deliver from
 * them, so dispatch runs inside the request that made the change and no two dispatches interleave.
 */
export interface EventHandler {
  /** The cursor's key in event_consumers: renaming a handler starts it afresh. */
  name: string;
  handle(events: readonly RecordedEvent[], db: Db): void;
  /**
   * Where a handler seen for the first time starts: "replay" offers it every event ever recorded (a
   * page cache must not miss one); "skip" starts after the newest (a new notifier must not announce
   * last year's changes).
   */
  history?: "replay" | "skip";
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
 * rest). A handler that throws is recorded (attempts, error) and left where it was, to be
 * retried by the next dispatch; the other handlers carry on. Safe to call often: with nothing new it
 * is two indexed reads per handler.
 */
export function dispatchEvents(db: Db, handlers: readonly EventHandler[]): void {
  for (const handler of handlers) drain(db, handler);
}

/**
 * Gives each handler seen for the first time its cursor now, where `history` says it starts. The
 * server calls it once at start-up, before it answers a request: otherwise a "skip" handler would
 * first be seen in the dispatch of the very request whose change it should handle, start after that
 * change, and miss it (the first assignment on a new desk would notify nobody).
 */
export function registerHandlers(db: Db, handlers: readonly EventHandler[]): void {
  for (const handler of handlers) cursorOf(db, handler);
}

/** Whether any handler has events it has not applied yet. */
export function hasPendingEvents(db: Db, handlers: readonly EventHandler[]): boolean {
  // Read-only, as the poller asks every 2 s: a consumer with no cursor yet counts from where it would start.
  const newest = lastEventId(db);
  const prepared = statements(db);
  return handlers.some((handler) => (prepared.consumer.get({ name: handler.name })?.lastEventId ?? startOf(handler, newest)) < newest);
}

interface Cursor {
  lastEventId: number;
  attempts: number;
}

function drain(db: Db, handler: EventHandler): void {
  let cursor = cursorOf(db, handler);
  for (let batches = 0; batches < MAX_BATCHES_PER_DISPATCH; batches++) {
    const batch = eventsAfter(db, cursor.lastEventId, BATCH_SIZE);
    if (batch.length === 0) return;
    const applied = cursor.attempts >= MAX_ATTEMPTS ? applyOneByOne(db, handler, batch) : applyBatch(db, handler, batch);
    if (!applied) return;
    cursor = { lastEventId: batch.at(-1)!.id, attempts: 0 };
  }
}

function applyBatch(db: Db, handler: EventHandler, batch: readonly RecordedEvent[]): boolean {
  try {
    run(handler, batch, db);
  } catch (error) {
    recordAttemptFailed(db, handler.name, error);
    return false;
  }
  advance(db, handler.name, batch.at(-1)!.id);
  return true;
}

/**
 * After repeated failures of a batch: the events one by one, so the one that fails is found, kept in
 * event_failures (nothing is lost; it can be replayed by hand) and passed over instead of stalling
 * this handler for good.
 */
function applyOneByOne(db: Db, handler: EventHandler, batch: readonly RecordedEvent[]): boolean {
  for (const event of batch) {
    try {
      run(handler, [event], db);
    } catch (error) {
      logFailure(`events.${handler.name}`, error, { consumer: handler.name, event_id: event.id, event_kind: event.kind, gave_up: true });
      db.insert(eventFailures)
        .values({ consumer: handler.name, eventId: event.id, error: describe(error), failedAt: nowIso() })
        .onConflictDoNothing()
        .run();
    }
    advance(db, handler.name, event.id);
  }
  return true;
}

function run(handler: EventHandler, events: readonly RecordedEvent[], db: Db): void {
  const returned: unknown = handler.handle(events, db);
  // An async handler would have its failures escape the cursor and its work outlive the request.
  if (returned instanceof Promise) throw new Error(`Event handler ${handler.name} must be synchronous`);
}

/** Where a handler seen for the first time starts, given the newest event's id (see `history`). */
function startOf(handler: EventHandler, newest: number): number {
  return handler.history === "skip" ? newest : 0;
}

function cursorOf(db: Db, handler: EventHandler): Cursor {
  const prepared = statements(db);
  const found = prepared.consumer.get({ name: handler.name });
  if (found) return found;
  const start = startOf(handler, lastEventId(db));
  prepared.addConsumer.run({ name: handler.name, lastEventId: start, now: nowIso() });
  return { lastEventId: start, attempts: 0 };
}

function advance(db: Db, name: string, lastEventId: number): void {
  statements(db).advance.run({ name, lastEventId, now: nowIso() });
}

function recordAttemptFailed(db: Db, name: string, error: unknown): void {
  logFailure(`events.${name}`, error, { consumer: name, retried: true });
  statements(db).failed.run({ name, error: describe(error), now: nowIso() });
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
