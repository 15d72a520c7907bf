import { AsyncLocalStorage } from "node:async_hooks";
import { is } from "drizzle-orm";
import { PgDatabase, PgTransaction, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { fail, ok, Refusal, type Result } from "./result";

/*
 * The PostgreSQL side of the transaction seam (lib/core/transaction.ts states the contract; transact
 * dispatches here when it is given a drizzle PostgreSQL database or one of the executors below).
 *
 * node-postgres (a pg.Pool under drizzle): each top-level transaction checks a client out of the pool,
 * runs BEGIN … COMMIT on it and hands `work` a drizzle executor bound to that client alone, so every
 * statement of the work is inside the transaction while other requests run on other clients at the
 * same time: no process lock, the server isolates them (row locks, the isolation level asked for).
 * The client always goes back to the pool; it is destroyed instead when its state is unknown (the
 * connection failed, or BEGIN/COMMIT/ROLLBACK failed other than with an error the server reported).
 *
 * PGlite (one in-process connection, for tests): its own transaction() API, which also makes every
 * other query on that PGlite wait until the transaction is over, so concurrent transact calls take turns.
 *
 * Nested transact calls (given the executor, or the database again, directly or across awaits:
 * AsyncLocalStorage tracks the open scopes) become SAVEPOINT … RELEASE on the same client, a refusal
 * there rolls back to the savepoint only; sibling nested calls of one scope take turns, since two
 * savepoints open at once on one connection would undo each other's statements. An executor used
 * after its transaction or savepoint ended (work left a callback running) is refused instead of
 * running its statement outside the transaction, or inside another request's on a reused client.
 *
 * Inside work, every statement goes through the executor it was given: a statement on the pool itself
 * runs on another connection, outside the transaction (and can wait for a row lock the transaction
 * holds, forever); on PGlite it waits for the transaction to end, which is the same deadlock.
 *
 * Serialization failures and deadlocks (SQLSTATE 40001, 40P01) mean the transaction lost a race, not
 * that the work is wrong. transact cannot know whether the work may run twice (it may push to an
 * array, send a message), so by default the loser is answered as a `conflict` Result (HTTP 409) with
 * nothing written, like a stale version. Work that is a function of the database alone opts in with
 * `retries: n`: the whole transaction is rolled back and run again from BEGIN up to n more times
 * (after a short random pause, so the racers do not collide again in step), `onRetry` first, so a
 * caller can reset what it collected on the failed attempt; only then is it answered as a conflict.
 * Only the top-level transaction retries: a nested call rolls back to its savepoint and passes the
 * error up, since the snapshot that failed is the whole transaction's.
 */

export type Isolation = "read committed" | "repeatable read" | "serializable";

export interface TransactOptions {
  /** PostgreSQL's isolation level for a top-level transaction (default: the server's, read committed). SQLite is serializable anyway. */
  isolation?: Isolation;
  /** PostgreSQL: how many times to run the work again after a serialization failure or deadlock (default 0). Only for work that is a function of the database. */
  retries?: number;
  /** Called before each retry, with the attempt that failed (1 for the first) and its error. */
  onRetry?: (attempt: number, error: unknown) => void;
}

/** Starts a span (or other wrapper) around one transaction; returns the function that ends it, with the error when it failed. */
export type TransactionHook = () => (error?: unknown) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any PostgreSQL drizzle database, whatever its driver and schema
export type PgConnected = PgDatabase<PgQueryResultHKT, any, any>;

/** The executor work gets on PostgreSQL: a drizzle transaction of the same driver and schema as `D`. */
export type PgTx<D> = D extends PgDatabase<infer Q, infer F, infer S> ? PgTransaction<Q, F, S> : never;

export const SERIALIZATION_FAILURE = "40001";
export const DEADLOCK_DETECTED = "40P01";

/** The SQLSTATE the server answered with, when the error is the server's (drizzle wraps it as the cause of its own). */
export function sqlState(error: unknown): string | undefined {
  for (let at = error, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The server reported an error in a statement (an ErrorResponse with its severity) and the session goes
 * on: not a FATAL one, not a connection exception (08) or the backend being shut down (57).
 */
function serverAnswered(error: unknown): boolean {
  const severity = (error as { severity?: unknown } | null)?.severity;
  if (typeof severity !== "string" || severity === "FATAL" || severity === "PANIC") return false;
  return !/^(08|57)/.test(sqlState(error) ?? "");
}

/** A lost race: a serialization failure or a deadlock, after which running the work again may succeed. */
export function isRaceLost(error: unknown): boolean {
  const code = sqlState(error);
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
}

/** COMMIT answered ROLLBACK: a statement of the work failed and the work went on as if it had not. */
export class TransactionAbortedError extends Error {
  constructor() {
    super("COMMIT rolled back: a statement of this transaction had failed (its error was caught and not rethrown), so nothing of it was written.");
    this.name = "TransactionAbortedError";
  }
}

/** A statement through an executor whose transaction or savepoint is over. */
export class TransactionEndedError extends Error {
  constructor() {
    super("This transaction has ended: a statement was issued on its executor after it committed or rolled back (work left something running).");
    this.name = "TransactionEndedError";
  }
}

type Query = (...args: unknown[]) => Promise<unknown>;

/** What one top-level transaction's statements run on: a checked-out pool client, or PGlite's transaction. */
interface Connection {
  query: Query;
  exec(text: string): Promise<unknown>;
}

interface DrizzleSession {
  constructor: new (client: unknown, dialect: unknown, schema: unknown, options: unknown) => unknown;
  dialect: unknown;
  schema: unknown;
  options: unknown;
}

interface Top {
  root: object;
  connection: Connection;
  /** The database's own drizzle session: its class, dialect, schema and options make each scope's executor. */
  session: DrizzleSession;
  hook: TransactionHook | null;
  savepoints: number;
}

interface PgScope {
  top: Top;
  depth: number;
  parent: PgScope | undefined;
  open: boolean;
  tx: SeamTransaction;
  /** Nested calls made in this scope take turns on it. */
  turn: Promise<void>;
}

interface PgSeam {
  scope: AsyncLocalStorage<PgScope>;
  executors: WeakMap<object, PgScope>;
}

// On globalThis for the same reason as the SQLite seam: route bundles are separate module instances.
const global = globalThis as unknown as { factdeskPgTransactionSeam?: PgSeam };
const seam: PgSeam = (global.factdeskPgTransactionSeam ??= { scope: new AsyncLocalStorage<PgScope>(), executors: new WeakMap() });

/** The executor each scope's work gets: drizzle's transaction API on the scope's guarded connection. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one class serves every driver and schema
class SeamTransaction extends PgTransaction<any, any, any> {
  /** drizzle's own nested-transaction API, made the seam's savepoint (a refusal in it is rethrown). */
  override async transaction<T>(work: (tx: SeamTransaction) => Promise<T>): Promise<T> {
    const result = await transactPostgres(this, work, {}, seam.executors.get(this)?.top.hook ?? null);
    if (!result.ok) throw new Refusal(result.error);
    return result.value;
  }
}

/** Whether `db` is something transactPostgres takes: a drizzle PostgreSQL database or executor. */
export function isPostgres(db: unknown): db is PgConnected {
  return is(db, PgDatabase);
}

/** Whether the caller is inside a PostgreSQL transact call's work. */
export function inPgTransact(): boolean {
  return seam.scope.getStore()?.open === true;
}

function rootOf(db: PgConnected): object {
  return (db as unknown as { $client?: object }).$client ?? db;
}

function isPool(client: object): client is { connect(): Promise<PoolClient> } {
  return typeof (client as { connect?: unknown }).connect === "function" && "totalCount" in client;
}

function isPglite(client: object): client is { transaction<T>(work: (tx: Connection) => Promise<T>): Promise<T> } {
  return typeof (client as { transaction?: unknown }).transaction === "function" && typeof (client as { exec?: unknown }).exec === "function";
}

interface PoolClient {
  query: Query;
  on(event: "error", listener: (error: Error) => void): unknown;
  off(event: "error", listener: (error: Error) => void): unknown;
  release(destroy?: boolean | Error): void;
}

/** The scope `db` should join: the innermost open one of the same transaction in this async context. */
function enclosing(db: PgConnected): PgScope | undefined {
  const own = seam.executors.get(db);
  if (own && !own.open) throw new TransactionEndedError();
  const root = own ? own.top.root : rootOf(db);
  for (let at = seam.scope.getStore(); at; at = at.parent) {
    if (at.open && at.top.root === root && (!own || at.top === own.top)) return at;
  }
  return own;
}

function executor(top: Top, depth: number, parent: PgScope | undefined): PgScope {
  const scope = { top, depth, parent, open: true, turn: Promise.resolve() } as PgScope;
  const { connection, session } = top;
  const guarded = { query: (...args: unknown[]) => (scope.open ? connection.query(...args) : Promise.reject(new TransactionEndedError())) };
  const Session = session.constructor;
  const bound = new Session(guarded, session.dialect, session.schema, session.options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle's constructor types are internal
  scope.tx = new SeamTransaction(session.dialect as any, bound as any, session.schema as any, depth);
  seam.executors.set(scope.tx, scope);
  return scope;
}

function runWork<T>(scope: PgScope, work: (tx: never) => T | PromiseLike<T>): Promise<T> {
  return seam.scope.run(scope, async () => await work(scope.tx as never));
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** attempt)));

const BEGIN: Record<Isolation, string> = {
  "read committed": "BEGIN ISOLATION LEVEL READ COMMITTED",
  "repeatable read": "BEGIN ISOLATION LEVEL REPEATABLE READ",
  serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE",
};

/**
 * transact on PostgreSQL (see the contract in transaction.ts and above): resolves to the work's value,
 * or a failed Result when it refused or lost a race it was not allowed to retry; rejects on any other error.
 */
export async function transactPostgres<T>(
  db: PgConnected,
  work: (tx: never) => T | PromiseLike<T>,
  options: TransactOptions,
  hook: TransactionHook | null,
): Promise<Result<T>> {
  const parent = enclosing(db);
  if (parent) return nested(parent, work);
  if (options.isolation !== undefined && !(options.isolation in BEGIN)) throw new TypeError(`Unknown isolation level: ${String(options.isolation)}`);
  const root = rootOf(db);
  const session = (db as unknown as { _: { session: DrizzleSession } })._.session;
  const end = hook?.();
  const retries = Math.max(0, Math.floor(options.retries ?? 0));
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await attemptOnce(root, session, hook, work, options.isolation);
      end?.();
      return ok(value);
    } catch (error) {
      if (error instanceof Refusal) {
        end?.(error);
        return { ok: false, error: error.error };
      }
      if (isRaceLost(error) && attempt <= retries) {
        try {
          options.onRetry?.(attempt, error);
        } catch (thrown) {
          end?.(thrown);
          throw thrown;
        }
        await pause(attempt);
        continue;
      }
      end?.(error);
      if (isRaceLost(error)) {
        return fail("conflict", "This change collided with a concurrent one and was not applied; try again.", {
          details: { sqlState: sqlState(error), attempts: attempt },
        });
      }
      throw error;
    }
  }
}

async function attemptOnce<T>(root: object, session: DrizzleSession, hook: TransactionHook | null, work: (tx: never) => T | PromiseLike<T>, isolation: Isolation | undefined): Promise<T> {
  if (isPglite(root)) {
    return root.transaction(async (transaction) => {
      if (isolation) await transaction.exec(`SET TRANSACTION ISOLATION LEVEL ${isolation.toUpperCase()}`);
      const scope = executor({ root, connection: transaction, session, hook, savepoints: 0 }, 0, undefined);
      try {
        return await runWork(scope, work);
      } finally {
        scope.open = false;
      }
    });
  }
  if (!isPool(root)) throw new TypeError("transact on PostgreSQL needs a drizzle database over a pg.Pool or a PGlite.");

  const client = await root.connect();
  let broken: unknown;
  const onError = (error: Error) => (broken ??= error);
  client.on("error", onError);
  // The server answered (an SQLSTATE): the connection is fine and its transaction over; anything else leaves it unknown.
  const control = async (text: string) => {
    try {
      return (await client.query(text)) as { command?: string };
    } catch (error) {
      if (!serverAnswered(error)) broken ??= error;
      throw error;
    }
  };
  const connection: Connection = { query: (...args) => client.query(...args), exec: (text) => client.query(text) };
  try {
    await control(isolation ? BEGIN[isolation] : "BEGIN");
    const scope = executor({ root, connection, session, hook, savepoints: 0 }, 0, undefined);
    let value: T;
    try {
      value = await runWork(scope, work);
    } catch (error) {
      scope.open = false;
      try {
        await control("ROLLBACK");
      } catch (rollbackError) {
        broken ??= rollbackError; // the work's error is the one to report
      }
      throw error;
    }
    scope.open = false;
    const committed = await control("COMMIT");
    if (committed.command === "ROLLBACK") throw new TransactionAbortedError();
    return value;
  } finally {
    client.off("error", onError);
    client.release(broken === undefined ? undefined : broken instanceof Error ? broken : true);
  }
}

async function nested<T>(parent: PgScope, work: (tx: never) => T | PromiseLike<T>): Promise<Result<T>> {
  const { top } = parent;
  let done!: () => void;
  const previous = parent.turn;
  parent.turn = new Promise<void>((resolve) => (done = resolve));
  await previous;
  const end = top.hook?.();
  const name = `factdesk_${++top.savepoints}`;
  try {
    await top.connection.exec(`SAVEPOINT ${name}`);
    const scope = executor(top, parent.depth + 1, parent);
    try {
      const value = await runWork(scope, work);
      scope.open = false;
      await top.connection.exec(`RELEASE SAVEPOINT ${name}`);
      end?.();
      return ok(value);
    } catch (error) {
      scope.open = false;
      try {
        await top.connection.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
      } catch {
        // The transaction itself failed (the connection went): the work's error is the one to report.
      }
      throw error;
    }
  } catch (error) {
    end?.(error);
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  } finally {
    done();
  }
}
