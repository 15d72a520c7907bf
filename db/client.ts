import Database from "better-sqlite3";
import type { RunResult } from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
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

const globalForDb = globalThis as unknown as { factdeskDb?: { path: string; db: Db } };

/** The process-wide connection, cached on globalThis so dev reloads do not leak handles. */
export function getDb(): Db {
  const file = resolveDatabasePath();
  const cached = globalForDb.factdeskDb;
  if (cached && cached.path === file) return cached.db;
  const db = openDatabase(file);
  globalForDb.factdeskDb = { path: file, db };
  return db;
}

export { schema };
