import { AsyncLocalStorage } from "node:async_hooks";
import type BetterSqlite3 from "better-sqlite3";

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;
import { Refusal, ok, type Result } from "./result";
import { inPgTransact, isPostgres, transactPostgres, type PgConnected, type PgTx, type TransactionHook, type TransactOptions } from "./transaction-pg";

export type { Isolation, PgConnected, PgTx, TransactionHook, TransactOptions } from "./transaction-pg";
export { isRaceLost, sqlState, TransactionAbortedError, TransactionEndedError } from "./transaction-pg";

/*
 * The transaction seam (issue #17, item 4): one asynchronous contract for every domain transaction,
 * whichever engine runs it.
 *
 *   const result = await transact(db, (tx) => { ...statements on tx...; return value; });
 *
 * - `work` gets the executor to run its statements on and may be synchronous or async. Everything it
 *   does commits together or not at all.
 * - `refuse(...)` thrown inside (a Refusal) rolls everything back and resolves to a failed Result;
 *   any other error rolls back and rejects (it is a bug, not an answer).
 * - Two requests cannot both read version N and both write N+1; the loser of a race sees the winner's
 *   commit. SQLite takes the write lock up front (BEGIN IMMEDIATE); on PostgreSQL transactions run at
 *   once, so work reads the row it will change with SELECT … FOR UPDATE (the loser waits, then reads
 *   the winner's version), or changes it with a version-checked UPDATE.
 * - `options` (PostgreSQL): `isolation`, and `retries` / `onRetry` for work that may run again after a
 *   serialization failure or deadlock, which is otherwise answered as a `conflict` Result.
 * - A transact call inside another one's work (directly or through any awaits) joins it as a nested
 *   savepoint: a refusal there undoes only the nested part, and it never waits for the lock its own
 *   enclosing transaction holds.
 *
 * SQLite (better-sqlite3, one connection per process): a transaction is BEGIN IMMEDIATE … COMMIT on
 * that connection, under one process-wide async lock (kept on globalThis, since route bundles are
 * separate module instances), so while a transaction awaits between statements no other request's
 * transaction can start on the connection and mix its statements in. Uncontended, the lock is taken
 * at once; the domain's work awaits its (synchronously executed) builders, so a transaction runs from
 * BEGIN to COMMIT within one macrotask, across a few microtask turns and with no I/O wait. A raw transaction already open on the connection (a seed or bench wrapping
 * many domain calls in one BEGIN) is joined as a savepoint, as better-sqlite3's own nested
 * transactions were.
 *
 * Plain statements outside transact share the connection. While a transaction's work is suspended at
 * an await, a plain statement made by another request would run inside that open transaction (see its
 * uncommitted rows, and commit or roll back with it). Since the domain's work awaits its builders (one
 * source for both engines), another request's continuation can run between two of its statements, so
 * every write goes through transact (lib/core/no-sync-transactions.test.ts and the writers below); a
 * plain read made in that window can see the open transaction's uncommitted rows (a read that must not
 * goes through transact too: a one-statement transact costs about what SQLite's autocommit of that
 * statement does; lib/core/transaction.test.ts shows both). The domain mutations (lib/events'
 * inTransactionWithEvents) and the other writers (idempotency, lockout, notifications, deliveries,
 * users, articles) run on transact; what still opens a synchronous transaction is listed, with the
 * reason, in lib/core/no-sync-transactions.test.ts, which fails on any new one. (The synchronous
 * inTransaction seam is gone: nothing used it any more.)
 *
 * PostgreSQL (lib/core/transaction-pg.ts): the same contract on a pooled client per transaction
 * (BEGIN … COMMIT on a client checked out of the pool, released after, work given a drizzle executor
 * bound to that client), with no process lock: the server isolates them; PGlite (tests) through its
 * own transaction API. Nesting is SAVEPOINT on the same client. There a lost race (serialization
 * failure, deadlock) answers `conflict`, or is retried when the options say the work may run again.
 * transact picks the engine from the database it is given: a better-sqlite3 connection under
 * drizzle is SQLite, a drizzle PostgreSQL database (or an executor transact gave) is PostgreSQL.
 */

/** What transact needs of a SQLite database: the better-sqlite3 connection under drizzle. */
export interface SqliteConnected {
  $client: Database;
}

interface Scope {
  client: Database;
  /** 0 for BEGIN … COMMIT, n > 0 for the nth nested savepoint on the same connection. */
  depth: number;
  parent: Scope | undefined;
  /** False once the transaction ended: a callback it left behind must not believe it is still inside. */
  open: boolean;
}

interface Seam {
  hook: TransactionHook | null;
  /** The process-wide lock: true while a top-level transaction runs (or has just been handed it). */
  held: boolean;
  waiters: Array<() => void>;
  scope: AsyncLocalStorage<Scope>;
  statements: WeakMap<Database, { begin: Statement; commit: Statement; rollback: Statement }>;
}

// On globalThis: the instrumentation hook that installs the hook and the routes that run transactions are separate bundles.
const global = globalThis as unknown as { factdeskTransactionSeam?: Seam };
const seam: Seam = (global.factdeskTransactionSeam ??= {
  hook: null,
  held: false,
  waiters: [],
  scope: new AsyncLocalStorage<Scope>(),
  statements: new WeakMap(),
});

/** Installs (or, with null, removes) the transaction hook. */
export function setTransactionHook(hook: TransactionHook | null): void {
  seam.hook = hook;
}

/**
 * Runs `work` in one transaction (see the contract above): resolves to its value as an ok Result, or
 * to a failed Result when it refused; rejects on any other error. Either way nothing partial remains.
 */
export function transact<D extends SqliteConnected, T>(db: D, work: (tx: D) => T | PromiseLike<T>, options?: TransactOptions): Promise<Result<T>>;
export function transact<D extends PgConnected, T>(db: D, work: (tx: PgTx<D>) => T | PromiseLike<T>, options?: TransactOptions): Promise<Result<T>>;
export function transact<T>(db: SqliteConnected | PgConnected, work: (tx: never) => T | PromiseLike<T>, options: TransactOptions = {}): Promise<Result<T>> {
  if (runsOnPostgres(db)) return transactPostgres(db, work, options, seam.hook);
  const sqlite = db as SqliteConnected;
  const sqliteWork = work as (tx: SqliteConnected) => T | PromiseLike<T>;
  const scope = seam.scope.getStore();
  if (scope?.open) return run(sqlite, sqliteWork, scope, false);
  if (!seam.held) {
    seam.held = true;
    return run(sqlite, sqliteWork, undefined, true);
  }
  return new Promise<void>((resolve) => seam.waiters.push(resolve)).then(() => run(sqlite, sqliteWork, undefined, true));
}

/** Which engine transact runs `db` on: better-sqlite3's connection says whether it is in a transaction, PostgreSQL's clients do not. */
export function runsOnPostgres(db: SqliteConnected | PgConnected): db is PgConnected {
  return typeof (db as { $client?: { inTransaction?: unknown } }).$client?.inTransaction !== "boolean" && isPostgres(db);
}

/** Whether the caller is inside a transact call's work (on any connection, either engine). */
export function inTransact(): boolean {
  return seam.scope.getStore()?.open === true || inPgTransact();
}

function release(): void {
  const next = seam.waiters.shift();
  if (next) next(); // handed over: `held` stays true, so a newcomer queues behind the waiters
  else seam.held = false;
}

function prepared(client: Database) {
  let statements = seam.statements.get(client);
  if (statements === undefined) {
    statements = { begin: client.prepare("BEGIN IMMEDIATE"), commit: client.prepare("COMMIT"), rollback: client.prepare("ROLLBACK") };
    seam.statements.set(client, statements);
  }
  return statements;
}

function enclosingOn(scope: Scope | undefined, client: Database): Scope | undefined {
  for (let at = scope; at; at = at.parent) if (at.open && at.client === client) return at;
  return undefined;
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function run<D extends SqliteConnected, T>(db: D, work: (tx: D) => T | PromiseLike<T>, parent: Scope | undefined, releases: boolean): Promise<Result<T>> {
  const client = db.$client;
  let scope: Scope;
  let end: ((error?: unknown) => void) | undefined;
  try {
    const enclosing = enclosingOn(parent, client);
    // Nested in ours, or in a raw transaction someone opened on the connection: a savepoint.
    const depth = enclosing ? enclosing.depth + 1 : client.inTransaction ? 1 : 0;
    scope = { client, depth, parent, open: true };
    end = seam.hook?.();
    if (depth === 0) prepared(client).begin.run();
    else client.exec(`SAVEPOINT factdesk_${depth}`);
  } catch (error) {
    end?.(error);
    if (releases) release();
    return Promise.reject(error);
  }

  const finish = (failed: boolean, outcome: unknown): Result<T> => {
    scope.open = false;
    try {
      if (failed) rollback(client, scope.depth);
      else if (scope.depth === 0) prepared(client).commit.run();
      else client.exec(`RELEASE factdesk_${scope.depth}`);
    } catch (error) {
      // A COMMIT that failed (a deferred constraint, a full disk) leaves nothing behind either.
      if (!failed) rollbackQuietly(client, scope.depth);
      end?.(error);
      if (releases) release();
      throw error;
    }
    end?.(failed ? outcome : undefined);
    if (releases) release();
    if (!failed) return ok(outcome as T);
    if (outcome instanceof Refusal) return { ok: false, error: outcome.error };
    throw outcome;
  };

  let value: T | PromiseLike<T>;
  try {
    value = seam.scope.run(scope, work, db);
  } catch (error) {
    try {
      return Promise.resolve(finish(true, error));
    } catch (thrown) {
      return Promise.reject(thrown);
    }
  }
  if (isThenable(value)) {
    return Promise.resolve(value).then(
      (resolved) => finish(false, resolved),
      (error: unknown) => finish(true, error),
    );
  }
  try {
    return Promise.resolve(finish(false, value));
  } catch (error) {
    return Promise.reject(error);
  }
}

function rollback(client: Database, depth: number): void {
  if (depth === 0) {
    // SQLite may already have rolled back on its own (SQLITE_FULL, an interrupted statement).
    if (client.inTransaction) prepared(client).rollback.run();
  } else if (client.inTransaction) {
    client.exec(`ROLLBACK TO factdesk_${depth}; RELEASE factdesk_${depth}`);
  }
}

function rollbackQuietly(client: Database, depth: number): void {
  try {
    rollback(client, depth);
  } catch {
    // The commit's own error is the one to report.
  }
}

export const nowIso = (): string => new Date().toISOString();
