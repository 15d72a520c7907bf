import Database from "better-sqlite3";
import type { RunResult } from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseEngine, postgresEnabled, PostgresNotYetSupportedError, redactDatabaseUrl } from "@/lib/core/engine";
import { resolveDatabasePath } from "./path";
import * as schema from "./schema";

export { resolveDatabasePath };

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Either the database or a transaction on it: read helpers accept both so mutations can return fresh state. */
export type DbExecutor = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

/**
 * Statements prepared once per connection: `statements(executor)` answers the same prepared set for
 * the database and every transaction on it (drizzle keeps the session internal; they share it).
 */
export function preparedPerConnection<T>(prepare: (executor: DbExecutor) => T): (executor: DbExecutor) => T {
  const cache = new WeakMap<object, T>();
  return (executor) => {
    const session = (executor as unknown as { session: object }).session;
    let prepared = cache.get(session);
    if (prepared === undefined) {
      prepared = prepare(executor);
      cache.set(session, prepared);
    }
    return prepared;
  };
}

export function migrationsFolder(): string {
  return path.resolve(process.env.FACTDESK_ROOT ?? process.cwd(), "drizzle");
}

/** Opens (creating if needed) a database file and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

const globalForDb = globalThis as unknown as { factdeskDb?: { url: string; db: Db; close(): Promise<void> } };

/** DATABASE_URL as given (trimmed), or "" for the default SQLite file. */
function configuredUrl(): string {
  return process.env.DATABASE_URL?.trim() ?? "";
}

/**
 * Opens the process-wide database named by DATABASE_URL, once: SQLite from a path or `file:` URL
 * (or data/factdesk.db), PostgreSQL from a `postgres://` URL (a pool, migrated under an advisory lock).
 * PostgreSQL can only be opened asynchronously, so every entry point awaits this before it serves
 * (instrumentation.ts for the server, scripts/cli.ts and scripts/start.ts); after that getDb() answers
 * the same database synchronously everywhere (route bundles share globalThis).
 */
export async function openAppDatabase(): Promise<Db> {
  const url = configuredUrl();
  if (databaseEngine(url) !== "postgres") return getDb();
  const cached = globalForDb.factdeskDb;
  if (cached && cached.url === url) return cached.db;
  if (!postgresEnabled()) throw new PostgresNotYetSupportedError(url);
  const { openPostgres } = await import("./client-pg");
  const pool = await openPostgres(url);
  // db/tables.ts: the domain sees a PostgreSQL database typed as its SQLite twin.
  const db = pool as unknown as Db;
  globalForDb.factdeskDb = { url, db, close: () => pool.$client.end() };
  return db;
}

/** The process-wide database (see openAppDatabase), cached on globalThis so dev reloads do not leak handles. */
export function getDb(): Db {
  const url = configuredUrl();
  const cached = globalForDb.factdeskDb;
  if (databaseEngine(url) === "postgres") {
    if (cached && cached.url === url) return cached.db;
    if (!postgresEnabled()) throw new PostgresNotYetSupportedError(url);
    throw new Error(`The PostgreSQL database (DATABASE_URL=${redactDatabaseUrl(url)}) is opened at startup: await openAppDatabase() before getDb().`);
  }
  const file = resolveDatabasePath(url);
  if (cached && cached.url === file) return cached.db;
  const db = openDatabase(file);
  globalForDb.factdeskDb = {
    url: file,
    db,
    close: async () => {
      db.$client.close();
    },
  };
  return db;
}

/** Closes the process-wide database (the CLI, when its command is done); the next open starts afresh. */
export async function closeAppDatabase(): Promise<void> {
  const cached = globalForDb.factdeskDb;
  globalForDb.factdeskDb = undefined;
  await cached?.close();
}

export { schema };
