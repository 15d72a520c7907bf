/**
 * `npx factdesk db:copy --from A --to B [--replace] [--batch N]`: one of A and B is a SQLite file (a path
 * or a file: URL), the other a postgres:// URL. Opens both, refuses bad input before writing anything,
 * copies (copy.ts) and compares. Engine-specific opening lives here so copy.ts also runs on PGlite.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { migratePostgres, openPostgres, type PgDb, type PgExecutor } from "@/db/client-pg";
import * as sqliteSchema from "@/db/schema";
import { databaseEngine, redactDatabaseUrl } from "@/lib/core/engine";
import { progressBar } from "@/lib/cli/progress";
import { compareDesks, copyRows, nonEmptyTables, pgSide, sqliteSide, type Comparison, type CopyOptions, type DeskSide } from "./copy";

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyRefused";
  }
}

/** A PostgreSQL desk already open (a pool, or PGlite in tests) and how to empty it for --replace. */
export interface PgEndpoint {
  kind: "postgres";
  db: PgExecutor;
  describe: string;
  /** Drops every table and migrates afresh (only with --replace). */
  reset(): Promise<void>;
}

export interface SqliteEndpoint {
  kind: "sqlite";
  file: string;
}

export interface DeskCopyOptions extends CopyOptions {
  /** Empty a non-empty target first instead of refusing. */
  replace?: boolean;
}

export interface DeskCopyReport {
  rows: number;
  tables: number;
  seconds: number;
  comparison: Comparison;
}

/** The SQLite file a --from/--to value names. */
export function sqliteFile(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith("file:")) return path.resolve(decodeURIComponent(trimmed.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0]));
  return path.resolve(trimmed);
}

function removeSqlite(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

/** A source SQLite desk, opened read-only: copying never migrates or otherwise touches the desk it reads. */
function openSqliteSource(file: string): Db {
  if (!existsSync(file)) throw new CopyRefused(`The source SQLite desk ${file} does not exist.`);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema: sqliteSchema }) as Db;
}

/**
 * Copies a SQLite desk to PostgreSQL or back, then compares them. Throws CopyRefused (nothing written)
 * for a non-empty target without `replace`; answers a report whose comparison says whether they agree.
 */
export async function copyDesk(from: SqliteEndpoint | PgEndpoint, to: SqliteEndpoint | PgEndpoint, options: DeskCopyOptions = {}): Promise<DeskCopyReport> {
  const started = performance.now();
  if (from.kind === "sqlite" && to.kind === "postgres") return sqliteToPg(from, to, options, started);
  if (from.kind === "postgres" && to.kind === "sqlite") return pgToSqlite(from, to, options, started);
  throw new CopyRefused("db:copy copies between SQLite and PostgreSQL: one of --from and --to must be a postgres:// URL, the other a SQLite file.");
}

async function refuseNonEmpty(side: DeskSide, replace: boolean | undefined): Promise<boolean> {
  const filled = await nonEmptyTables(side);
  if (filled.length === 0) return false;
  if (replace) return true;
  const list = filled.map((t) => `${t.table} (${t.target})`).join(", ");
  throw new CopyRefused(
    `The target ${side.describe} is not empty: ${list}. Nothing was copied. Pass --replace to delete everything in it and copy over it.`,
  );
}

async function sqliteToPg(from: SqliteEndpoint, to: PgEndpoint, options: DeskCopyOptions, started: number): Promise<DeskCopyReport> {
  const db = openSqliteSource(from.file);
  const source = sqliteSide(db, from.file);
  try {
    if (await refuseNonEmpty(pgSide(to.db, to.describe), options.replace)) await to.reset();
    source.snapshot();
    const copied = await to.db.transaction(async (tx) => copyRows(source, pgSide(tx, to.describe), options));
    // Still inside the source snapshot: the target is compared with exactly the state that was copied.
    const comparison = await compareDesks(source, pgSide(to.db, to.describe));
    return { ...copied, seconds: (performance.now() - started) / 1000, comparison };
  } finally {
    source.end(false);
    db.$client.close();
  }
}

async function pgToSqlite(from: PgEndpoint, to: SqliteEndpoint, options: DeskCopyOptions, started: number): Promise<DeskCopyReport> {
  const created = !existsSync(to.file);
  let db = openDatabase(to.file);
  let ok = false;
  try {
    let target = sqliteSide(db, to.file);
    if (await refuseNonEmpty(target, options.replace)) {
      db.$client.close();
      removeSqlite(to.file);
      db = openDatabase(to.file);
      target = sqliteSide(db, to.file);
    }
    const report = await from.db.transaction(
      async (tx) => {
        const source = pgSide(tx, from.describe);
        db.$client.exec("BEGIN IMMEDIATE");
        let copied;
        try {
          copied = await copyRows(source, target, options);
          db.$client.exec("COMMIT");
        } catch (error) {
          db.$client.exec("ROLLBACK");
          throw error;
        }
        const comparison = await compareDesks(source, target);
        return { ...copied, seconds: (performance.now() - started) / 1000, comparison };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    ok = true;
    return report;
  } finally {
    db.$client.close();
    // A desk file this command created and could not fill is removed again: a failed copy leaves nothing.
    if (!ok && created) removeSqlite(to.file);
  }
}

/** Opens a PostgreSQL URL as an endpoint (migrating it only when it is the target). */
async function openPgEndpoint(url: string, asTarget: boolean): Promise<{ endpoint: PgEndpoint; pool: PgDb }> {
  const pool = await openPostgres(url, { max: 2, migrate: asTarget });
  const endpoint: PgEndpoint = {
    kind: "postgres",
    db: pool,
    describe: redactDatabaseUrl(url),
    async reset() {
      await pool.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await pool.execute(sql`DROP SCHEMA public CASCADE`);
      await pool.execute(sql`CREATE SCHEMA public`);
      await migratePostgres(pool.$client);
    },
  };
  return { endpoint, pool };
}

export interface RunCopyOptions {
  from?: string;
  to?: string;
  replace?: boolean;
  batchSize?: number;
  stderr?: NodeJS.WriteStream;
}

/** The CLI's db:copy: validates, opens, copies with progress on stderr. Returns the exit code's report. */
export async function runDbCopy(options: RunCopyOptions): Promise<DeskCopyReport> {
  const { from, to } = options;
  if (!from || !to) throw new CopyRefused("db:copy needs --from and --to: a SQLite file and a postgres:// URL, either way round.");
  const fromPg = databaseEngine(from) === "postgres";
  const toPg = databaseEngine(to) === "postgres";
  if (from.trim() === to.trim() || (!fromPg && !toPg && sqliteFile(from) === sqliteFile(to))) {
    throw new CopyRefused(`--from and --to name the same database (${redactDatabaseUrl(from)}): nothing to copy.`);
  }
  if (fromPg === toPg) {
    throw new CopyRefused("db:copy copies between SQLite and PostgreSQL: one of --from and --to must be a postgres:// URL, the other a SQLite file.");
  }
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1 || options.batchSize > 5000)) {
    throw new CopyRefused("--batch takes a whole number of rows from 1 to 5000.");
  }
  if (!fromPg && !existsSync(sqliteFile(from))) throw new CopyRefused(`The source SQLite desk ${sqliteFile(from)} does not exist.`);
  const stream = options.stderr ?? process.stderr;
  const onTable: CopyOptions["onTable"] = (plan, total) => {
    const bar = progressBar(plan.name.padEnd(22), total, "rows", stream);
    bar.update(0);
    return bar;
  };
  const pgUrl = fromPg ? from : to;
  const { endpoint, pool } = await openPgEndpoint(pgUrl, toPg);
  try {
    const sqliteEnd: SqliteEndpoint = { kind: "sqlite", file: sqliteFile(fromPg ? to : from) };
    const copyOptions = { replace: options.replace, batchSize: options.batchSize, onTable };
    return fromPg ? await copyDesk(endpoint, sqliteEnd, copyOptions) : await copyDesk(sqliteEnd, endpoint, copyOptions);
  } finally {
    await pool.$client.end();
  }
}
