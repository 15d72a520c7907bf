/**
 * The domain's tables on whichever engine a database runs (issue #17, item 1).
 *
 * The two schemas (db/schema.ts for SQLite, db/schema-pg.ts for PostgreSQL) describe the same tables
 * with the same properties, column names and JavaScript values (lib/core/schema-drift-pg.test.ts fails
 * when they drift apart). Engine-neutral domain code therefore writes its queries once, against the
 * SQLite types, and takes the table objects from the database it was given:
 *
 *   export async function savedViewsOf(db: DbExecutor, userId: number) {
 *     const { savedViews } = tablesOf(db);
 *     return db.select().from(savedViews).where(eq(savedViews.userId, userId));
 *   }
 *
 * The rules that make that one query run on both engines (lib/core/engine-neutral.test.ts checks the
 * mechanical ones for every module listed there):
 * - Tables come from `tablesOf(db)`, never as values from "@/db/schema" (types are fine): drizzle's
 *   PostgreSQL dialect renders only its own table objects correctly (aliases, parameter encoders).
 * - Queries are awaited builders. `.all()`, `.get()`, `.run()`, `.values()`, `.prepare()` and `$client`
 *   exist on SQLite only; `firstRow(query)` replaces `.get()`, `.returning()` replaces `.run().changes`.
 * - SQL that differs between the engines (json_each, FTS5, strftime, rowid) goes through a function
 *   that asks `engineOf(db)` and has a test on both (lib/testing/engines.ts runs one on each).
 * - A transaction is `transact(db, work)`; on PostgreSQL the row it will change is read FOR UPDATE or
 *   changed by a version-checked UPDATE, so racing requests still have exactly one winner.
 *
 * The cast below is the one place the types bend: at run time a PostgreSQL database and its tables are
 * drizzle's pg-core objects, typed as their SQLite twins. Only the builder methods both dialects share
 * are used on them, which is what the rules above guarantee.
 */
import { is } from "drizzle-orm";
import { PgDatabase } from "drizzle-orm/pg-core";
import * as sqlite from "./schema";
import * as postgres from "./schema-pg";

type Schema = typeof sqlite;
/** Every table of the schema (the module also exports constants and types). */
export type Tables = { [K in keyof Schema & keyof typeof postgres]: Schema[K] };

export type Engine = "sqlite" | "postgres";

/** The engine a drizzle database or transaction runs on. */
export function engineOf(db: object): Engine {
  return is(db, PgDatabase) ? "postgres" : "sqlite";
}

/** The tables of `db`'s engine, typed as the SQLite schema's (see the module comment). */
export function tablesOf(db: object): Tables {
  return (engineOf(db) === "postgres" ? postgres : sqlite) as unknown as Tables;
}

/** The first row of a query, or undefined: what SQLite's `.get()` answers, on both engines. */
export async function firstRow<T>(query: PromiseLike<readonly T[]>): Promise<T | undefined> {
  const rows = await query;
  return rows[0];
}
