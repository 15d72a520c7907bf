/**
 * The PostgreSQL connection (issue #17): a node-postgres pool from a `postgres://` / `postgresql://`
 * URL, drizzle's node-postgres driver over db/schema-pg.ts, and the migrations in drizzle/postgres
 * (generated ones and the hand-written triggers and search) applied when it opens. The app's domain
 * does not run on it yet (lib/core/engine.ts says so where SQLite code meets a PostgreSQL URL).
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import path from "node:path";
import pg from "pg";
import { databaseEngine, redactDatabaseUrl } from "@/lib/core/engine";
import * as schema from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** Any drizzle PostgreSQL database or transaction over this schema: node-postgres here, PGlite in tests. */
export type PgExecutor = PgDatabase<PgQueryResultHKT, typeof schema>;

export function postgresMigrationsFolder(): string {
  return path.resolve(process.env.FACTDESK_ROOT ?? process.cwd(), "drizzle", "postgres");
}

// Any fixed key: two app servers starting at once take turns to migrate instead of racing to create the same tables.
const MIGRATION_LOCK = 0x66616374; // "fact"

/** Applies drizzle/postgres on one pooled client, under a session advisory lock. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: postgresMigrationsFolder() });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export interface OpenPostgresOptions {
  /** Pool size (node-postgres' default is 10). */
  max?: number;
  /** false: connect only, leave the schema as it is. */
  migrate?: boolean;
}

/** Opens a pool on `url` and brings its schema up to date; close it with `db.$client.end()`. */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PgDb> {
  if (databaseEngine(url) !== "postgres") throw new Error(`Not a PostgreSQL URL: ${url} (expected postgres://… or postgresql://…).`);
  const pool = new pg.Pool({ connectionString: url.trim(), max: options.max ?? 10, application_name: "factdesk" });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  try {
    if (options.migrate !== false) await migratePostgres(pool);
    else await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open PostgreSQL at ${redactDatabaseUrl(url)}: ${reason}`, { cause: error });
  }
  return drizzle(pool, { schema }) as PgDb;
}

export { schema };
