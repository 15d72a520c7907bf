import { asc, gt, inArray, sql } from "drizzle-orm";
import pg from "pg";
import type { PgExecutor } from "@/db/client-pg";
import { events } from "@/db/schema-pg";
import { decodeIds as decodeIdRanges, encodeIds as encodeIdRanges } from "@/lib/core/id-ranges";

/*
 * Fan-out of committed events between app servers on one PostgreSQL (issue #17 item 5), with the
 * outbox staying the source of truth: a transaction that records events also queues a NOTIFY carrying
 * only their ids (pg_notify inside the transaction is delivered when it commits, and never when it
 * rolls back), and every process keeps one dedicated LISTEN connection whose notifications make it
 * read those rows from the table and hand them on. NOTIFY payloads are limited to 8000 bytes, so ids
 * are sent as ranges ("12-40,45") split over as many notifications as they need; rows never travel
 * in a payload.
 *
 * Notifications are lost while the listener is disconnected. It reconnects by itself (backing off up
 * to maxDelayMs) and then catches up from the table: every row after the last id it handed on. Ids are
 * taken at INSERT but become visible at COMMIT, so a row can commit after a higher one was already seen
 * (two transactions committing in the other order); its own notification still brings it. Only one that
 * commits while the listener is down and more than `rewind` ids behind the newest seen would be missed
 * by this path (a stream resuming with Last-Event-ID still reads it from the table). Rows are handed on
 * once each (a window of the ids already handed on), in id order within each batch.
 */

export const EVENTS_CHANNEL = "factdesk_events";
/** PostgreSQL's limit is 8000 bytes; a little kept back. */
const PAYLOAD_BYTES = 7900;

/** The ids as ranges, in as few payloads of at most PAYLOAD_BYTES as they fit in. */
export function encodeIds(ids: readonly number[], limit = PAYLOAD_BYTES): string[] {
  return encodeIdRanges(ids, limit);
}

/** The ids of a payload; anything that is not a list of ids and ranges gives none. */
export function decodeIds(payload: string): number[] {
  return decodeIdRanges(payload);
}

/**
 * Queues notifications of these ids on `channel`, sent when the transaction `tx` runs in commits (or
 * at once outside a transaction). Call it in the transaction that wrote the rows.
 */
export async function notifyIds(tx: PgExecutor, ids: readonly number[], channel = EVENTS_CHANNEL): Promise<void> {
  for (const payload of encodeIds(ids)) await tx.execute(sql`SELECT pg_notify(${channel}, ${payload})`);
}

export interface ListenerOptions<Row extends { id: number }> {
  /** A PostgreSQL URL: the listener opens its own connection (not a pooled one: LISTEN belongs to a session). */
  url: string;
  channel?: string;
  /** Reads the rows of these ids, committed by the time their notification arrives. */
  readIds(ids: readonly number[]): Promise<Row[]>;
  /** The newest id now (0 when none): where a listener started without `after` begins. */
  newestId(): Promise<number>;
  /** Reads up to `limit` rows after `after`, oldest first: the catch-up after a reconnect. */
  readAfter(after: number, limit: number): Promise<Row[]>;
  /** Rows handed on, each once, in id order within a call. A listener that throws does not stop the others. */
  onRows(rows: Row[]): void;
  /** The last id already handed on before this listener started (catch-up starts after it); default: the newest at start. */
  after?: number;
  /** How far behind the newest id seen a catch-up looks for rows that committed late (default 1000 ids). */
  rewind?: number;
  /** Reconnect delays: from minDelayMs, doubling, up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each lost connection and failed reconnect (default: console.warn). */
  onError?(error: unknown): void;
}

const CATCH_UP_PAGE = 500;

/**
 * One process's LISTEN connection on one channel, reconnecting and catching up on its own. `start()`
 * resolves once it listens (and has caught up); `stop()` closes it for good.
 */
export class PgListener<Row extends { id: number }> {
  private client: pg.Client | undefined;
  private stopped = false;
  private lastSeen = 0;
  /** Where this listener began: rows up to here are the past, never handed on (a catch-up does not rewind past it). */
  private origin = 0;
  private readonly handed = new Set<number>();
  /** Notifications and catch-ups handled one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private readonly channel: string;
  /** How many times the connection was (re)established: 1 after start. */
  connections = 0;

  constructor(private readonly options: ListenerOptions<Row>) {
    this.channel = options.channel ?? EVENTS_CHANNEL;
    this.delay = options.minDelayMs ?? 100;
    if (!/^[a-z_][a-z0-9_]*$/.test(this.channel)) throw new Error(`Not a channel name: ${this.channel}`);
  }

  /** The last id handed on. */
  get position(): number {
    return this.lastSeen;
  }

  /** The backend process id of the listening connection (for tests and diagnostics). */
  get backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  async start(): Promise<void> {
    if (this.options.after !== undefined) this.lastSeen = this.origin = this.options.after;
    await this.connect(this.options.after === undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
    await this.queue;
  }

  private async connect(fromNow: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: "factdesk-listener" });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("the listening connection ended")));
    client.on("notification", (message) => {
      if (message.channel !== this.channel || client !== this.client) return;
      const ids = decodeIds(message.payload ?? "");
      // enqueue never rejects (each step's failure goes to onError), so nothing here is left floating.
      void this.enqueue(async () => this.hand(await this.options.readIds(ids.filter((id) => !this.handed.has(id)))));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.connections++;
    this.delay = this.options.minDelayMs ?? 100;
    if (fromNow) {
      // Listening already: whatever commits from here on is notified; the newest row now is where "now" is.
      this.lastSeen = this.origin = Math.max(this.lastSeen, await this.options.newestId());
    } else {
      await this.enqueue(() => this.catchUp());
    }
  }

  private async catchUp(): Promise<void> {
    let after = Math.max(this.origin, this.lastSeen - (this.options.rewind ?? 1000));
    for (;;) {
      const page = await this.options.readAfter(after, CATCH_UP_PAGE);
      this.hand(page.filter((row) => !this.handed.has(row.id)));
      if (page.length < CATCH_UP_PAGE) return;
      after = page[page.length - 1].id;
    }
  }

  private hand(rows: Row[]): void {
    if (rows.length === 0) return;
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) {
      this.handed.add(row.id);
      if (row.id > this.lastSeen) this.lastSeen = row.id;
    }
    // Only the rewind window needs remembering.
    const floor = this.lastSeen - (this.options.rewind ?? 1000);
    if (this.handed.size > 2 * (this.options.rewind ?? 1000)) for (const id of this.handed) if (id <= floor) this.handed.delete(id);
    try {
      this.options.onRows(rows);
    } catch (error) {
      (this.options.onError ?? console.warn)(error);
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => (this.options.onError ?? console.warn)(error));
    this.queue = next;
    return next;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client || this.stopped) return;
    this.client = undefined;
    client.end().catch(() => {});
    (this.options.onError ?? ((reason: unknown) => console.warn("[pg-listen] connection lost, reconnecting:", reason instanceof Error ? reason.message : reason)))(error);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.retry) return;
    const wait = this.delay;
    this.delay = Math.min(this.options.maxDelayMs ?? 5000, this.delay * 2);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect(false).catch((error: unknown) => {
        (this.options.onError ?? console.warn)(error);
        this.schedule();
      });
    }, wait);
    this.retry.unref?.();
  }
}

export type EventRow = typeof events.$inferSelect;

/** A listener for the events table (the outbox): committed events of any server, read by id from `db`. */
export function listenForEvents(url: string, db: PgExecutor, onEvents: (rows: EventRow[]) => void, options: Partial<ListenerOptions<EventRow>> = {}): PgListener<EventRow> {
  return new PgListener<EventRow>({
    url,
    readIds: (ids) => (ids.length === 0 ? Promise.resolve([]) : db.select().from(events).where(inArray(events.id, [...ids])).orderBy(asc(events.id))),
    newestId: async () => (await db.select({ id: sql<number | null>`max(${events.id})` }).from(events))[0]?.id ?? 0,
    readAfter: (after, limit) => db.select().from(events).where(gt(events.id, after)).orderBy(asc(events.id)).limit(limit),
    onRows: onEvents,
    ...options,
  });
}

const GLOBAL_KEY = Symbol.for("factdesk.pgEventListener");
interface Shared {
  url: string;
  listener: PgListener<EventRow>;
  subscribers: Set<(rows: EventRow[]) => void>;
  started: Promise<void>;
}
type WithListener = typeof globalThis & { [GLOBAL_KEY]?: Shared };

/**
 * The process's one events listener (kept on globalThis: route bundles are separate module instances),
 * started on first use; each subscriber gets every batch. Resolves, once it listens, to the function
 * that unsubscribes.
 */
export async function subscribeToEvents(url: string, db: PgExecutor, subscriber: (rows: EventRow[]) => void): Promise<() => void> {
  const holder = globalThis as WithListener;
  let shared = holder[GLOBAL_KEY];
  if (!shared) {
    const subscribers = new Set<(rows: EventRow[]) => void>();
    const listener = listenForEvents(url, db, (rows) => {
      for (const each of [...subscribers]) {
        try {
          each(rows);
        } catch (error) {
          console.warn("[pg-listen] a subscriber failed", error);
        }
      }
    });
    shared = holder[GLOBAL_KEY] = { url, listener, subscribers, started: listener.start() };
    shared.started.catch(() => {
      if (holder[GLOBAL_KEY] === shared) delete holder[GLOBAL_KEY]; // the next subscriber tries again
    });
  } else if (shared.url !== url) {
    throw new Error("This process already listens to another PostgreSQL database.");
  }
  await shared.started;
  const { subscribers } = shared;
  subscribers.add(subscriber);
  return () => void subscribers.delete(subscriber);
}

/** Stops the process's events listener (tests, shutdown). */
export async function stopEventsListener(): Promise<void> {
  const holder = globalThis as WithListener;
  const shared = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  await shared?.listener.stop();
}
