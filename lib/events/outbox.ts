import type { Db, DbExecutor } from "@/db/client";
import { asc, gt, inArray, sql } from "drizzle-orm";
import type { EventRow } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import type { Result } from "@/lib/core/result";
import type { PgExecutor } from "@/db/client-pg";
import { events as pgEvents } from "@/db/schema-pg";
import { nowIso, runsOnPostgres, transact, type PgConnected, type PgTx } from "@/lib/core/transaction";
import { notifyIds } from "@/lib/pg/notify";
import { currentRequestId } from "@/lib/observability/context";
import { statements } from "./statements";
import type { NewEvent, RecordedEvent } from "./types";

/*
 * The outbox: domain functions record what they changed inside their own transaction, so an event is
 * there exactly when the change committed, whichever process made it (server, CLI, seed). Consumers
 * read it afterwards, in id order (lib/events/dispatch.ts).
 */

/** An event's row (without its id), on either engine: the columns it is found by, the rest as JSON. */
function rowOf(event: NewEvent) {
  const { kind, actorId, at = nowIso(), ...fields } = event;
  const { claimId, articleId, summaryId, ...payload } = fields as { claimId?: number; articleId?: number | null; summaryId?: number };
  return {
    kind,
    claimId: claimId ?? null,
    articleId: articleId ?? null,
    summaryId: summaryId ?? null,
    actorId,
    payload: JSON.stringify(payload),
    at,
    requestId: currentRequestId(),
  };
}

/**
 * Writes one event, with the current request's id, on SQLite (recordEventPg is PostgreSQL's; both are
 * called by inTransactionWithEvents): call it inside the transaction that makes the change it describes.
 */
export function recordEvent(tx: DbExecutor, event: NewEvent): RecordedEvent {
  const row = rowOf(event);
  const { id } = statements(tx).insert.get(row)!; // sqlite-branch
  return { ...event, at: row.at, id } as RecordedEvent;
}

/** recordEvent on PostgreSQL: the INSERT is a round trip, so it resolves to the event. */
export async function recordEventPg(tx: PgConnected, event: NewEvent): Promise<RecordedEvent> {
  const row = rowOf(event);
  const [inserted] = await tx.insert(pgEvents).values(row).returning({ id: pgEvents.id });
  return { ...event, at: row.at, id: inserted!.id } as RecordedEvent;
}

/** Up to `limit` events after id `after`, oldest first (SQLite: one prepared statement; the dispatcher's hot read). */
export async function readEventsAfter(db: DbExecutor, after: number, limit: number): Promise<RecordedEvent[]> {
  if (engineOf(db) === "sqlite") return statements(db).after.all({ after, limit }).map(fromRow); // sqlite-branch
  const { events } = tablesOf(db);
  const rows = await db.select().from(events).where(gt(events.id, after)).orderBy(asc(events.id)).limit(limit);
  return rows.map(fromRow);
}

/** The events with these ids that exist (committed, on PostgreSQL), oldest first. */
export async function readEventsWithIds(db: DbExecutor, ids: readonly number[]): Promise<RecordedEvent[]> {
  const { events } = tablesOf(db);
  if (ids.length === 0) return [];
  const rows = await db.select().from(events).where(inArray(events.id, [...ids])).orderBy(asc(events.id));
  return rows.map(fromRow);
}

/** The id of the newest event (0 when there is none). */
export async function readLastEventId(db: DbExecutor): Promise<number> {
  if (engineOf(db) === "sqlite") return statements(db).lastId.get()?.id ?? 0; // sqlite-branch
  const { events } = tablesOf(db);
  const row = await firstRow(db.select({ id: sql<number>`coalesce(max(${events.id}), 0)`.mapWith(Number) }).from(events));
  return row?.id ?? 0;
}

function fromRow(row: EventRow): RecordedEvent {
  const about = {
    ...(row.claimId != null && { claimId: row.claimId }),
    // Claim events carry their article even when it is null (a claim without an article).
    ...((row.articleId != null || row.claimId != null) && { articleId: row.articleId }),
    ...(row.summaryId != null && { summaryId: row.summaryId }),
  };
  return { id: row.id, kind: row.kind, actorId: row.actorId, at: row.at, ...about, ...(JSON.parse(row.payload) as object) } as RecordedEvent;
}

/** A mutation's Result with the events it recorded: none unless it committed. */
export type WithEvents<T> = Result<T> & { events: readonly RecordedEvent[] };

/** Records an event within the transaction it is handed to. */
export type EventRecorder = (event: NewEvent) => void;

/** What a domain transaction's work runs its statements on. */
type Tx = Db;

/** A serialization failure or deadlock runs the work again from BEGIN this many more times (PostgreSQL). */
export const EVENT_TRANSACTION_RETRIES = 2;

/**
 * transact (IMMEDIATE, a refusal rolls back; lib/core/transaction.ts) that also hands `work` a way to
 * record events in that transaction and resolves to them with the Result. A refusal rolls the events
 * back with the rest, so the Result then carries none.
 *
 * On PostgreSQL each recorded event is an INSERT sent in the order recorded (awaited before the
 * transaction commits), and the transaction also queues a NOTIFY of their ids (lib/pg/notify.ts), so
 * every server's listener reads them from the table once they commit. A lost race (serialization
 * failure, deadlock) runs the work again, up to EVENT_TRANSACTION_RETRIES times: the work is a
 * function of the database, and what the failed attempt recorded is forgotten with it.
 */
export function inTransactionWithEvents<T>(db: Db, work: (tx: Tx, record: EventRecorder) => T | PromiseLike<T>): Promise<WithEvents<T>>;
export function inTransactionWithEvents<D extends PgConnected, T>(db: D, work: (tx: PgTx<D>, record: EventRecorder) => T | PromiseLike<T>): Promise<WithEvents<T>>;
export function inTransactionWithEvents<T>(db: Db | PgConnected, work: (tx: never, record: EventRecorder) => T | PromiseLike<T>): Promise<WithEvents<T>> {
  const recorded: RecordedEvent[] = [];
  const withEvents = (result: Result<T>): WithEvents<T> => ({ ...result, events: result.ok ? recorded : [] });
  if (runsOnPostgres(db)) {
    const pgWork = work as (tx: PgConnected, record: EventRecorder) => T | PromiseLike<T>;
    return transact(
      db,
      async (tx: PgConnected) => {
        // Each INSERT starts once the one before it has its id, so ids follow the order recorded.
        let inserts: Promise<unknown> = Promise.resolve();
        const value = await pgWork(tx, (event) => {
          inserts = inserts.then(async () => void recorded.push(await recordEventPg(tx, event)));
          inserts.catch(() => {}); // awaited below; this only keeps a failure while the work still runs from being "unhandled"
        });
        await inserts;
        await notifyIds(tx as PgExecutor, recorded.map((event) => event.id));
        return value;
      },
      { retries: EVENT_TRANSACTION_RETRIES, onRetry: () => (recorded.length = 0) },
    ).then(withEvents);
  }
  const sqliteWork = work as (tx: Tx, record: EventRecorder) => T | PromiseLike<T>;
  return transact(db, (tx: Tx) => sqliteWork(tx, (event) => void recorded.push(recordEvent(tx, event)))).then(withEvents);
}


/** A refusal before any transaction: the same shape, with no events. */
export function noEvents<T>(refused: Result<never>): WithEvents<T> {
  return { ...refused, events: [] };
}

