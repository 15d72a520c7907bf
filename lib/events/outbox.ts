import type { Db, DbExecutor } from "@/db/client";
import { asc, inArray } from "drizzle-orm";
import { events, type EventRow } from "@/db/schema";
import type { Result } from "@/lib/core/result";
import { nowIso, transact } from "@/lib/core/transaction";
import { currentRequestId } from "@/lib/observability/context";
import { statements } from "./statements";
import type { NewEvent, RecordedEvent } from "./types";

/*
 * The outbox: domain functions record what they changed inside their own transaction, so an event is
 * there exactly when the change committed, whichever process made it (server, CLI, seed). Consumers
 * read it afterwards, in id order (lib/events/dispatch.ts).
 */

/** Writes one event, with the current request's id; call it inside the transaction that makes the change it describes. */
export function recordEvent(tx: DbExecutor, event: NewEvent): RecordedEvent {
  const { kind, actorId, at = nowIso(), ...fields } = event;
  const { claimId, articleId, summaryId, ...payload } = fields as { claimId?: number; articleId?: number | null; summaryId?: number };
  const { id } = statements(tx).insert.get({
    kind,
    claimId: claimId ?? null,
    articleId: articleId ?? null,
    summaryId: summaryId ?? null,
    actorId,
    payload: JSON.stringify(payload),
    at,
    requestId: currentRequestId(),
  })!;
  return { ...event, at, id } as RecordedEvent;
}

/** Up to `limit` events after id `after`, oldest first. */
export function eventsAfter(db: DbExecutor, after: number, limit: number): RecordedEvent[] {
  return statements(db).after.all({ after, limit }).map(fromRow);
}

/** The events with these ids that exist (committed, on PostgreSQL), oldest first. */
export function eventsWithIds(db: DbExecutor, ids: readonly number[]): RecordedEvent[] {
  if (ids.length === 0) return [];
  return db.select().from(events).where(inArray(events.id, [...ids])).orderBy(asc(events.id)).all().map(fromRow);
}

/** The id of the newest event (0 when there is none). */
export function lastEventId(db: DbExecutor): number {
  return statements(db).lastId.get()?.id ?? 0;
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

/**
 * transact (IMMEDIATE, a refusal rolls back; lib/core/transaction.ts) that also hands `work` a way to
 * record events in that transaction and resolves to them with the Result. A refusal rolls the events
 * back with the rest, so the Result then carries none.
 */
export function inTransactionWithEvents<T>(db: Db, work: (tx: Tx, record: EventRecorder) => T | PromiseLike<T>): Promise<WithEvents<T>> {
  const recorded: RecordedEvent[] = [];
  return transact(db, (tx: Tx) => work(tx, (event) => void recorded.push(recordEvent(tx, event)))).then((result) => ({
    ...result,
    events: result.ok ? recorded : [],
  }));
}

/** A refusal before any transaction: the same shape, with no events. */
export function noEvents<T>(refused: Result<never>): WithEvents<T> {
  return { ...refused, events: [] };
}

