/**
 * db:copy (issue #17 item 6): moves a whole desk between SQLite and PostgreSQL, either way.
 *
 * - Tables go in foreign-key order (parents first, worked out from db/schema.ts), rows in primary-key
 *   order, in batches: neither side ever holds more than one batch in memory.
 * - The source is read from one snapshot: a SQLite read transaction on a connection of our own (WAL:
 *   writers carry on, we keep seeing the desk as it was at the first read), or a PostgreSQL REPEATABLE
 *   READ, READ ONLY transaction. The target is written in one transaction: a failed copy leaves nothing.
 * - Values go through drizzle's columns on both sides, so the type mapping is db/schema-pg.ts's
 *   (booleans, bigint as number, times and JSON as the same text); ids are written as they are, and the
 *   id counters (sqlite_sequence / identity sequences) are carried over, never below the highest id.
 * - claim_state_counts is kept by triggers on both engines from the claims themselves, so it is not
 *   copied; it is compared afterwards like every other table.
 * - Afterwards both sides' audit chains are verified with the same rules (verifyAuditRows) and their
 *   head hashes, chain lengths and every table's row count must agree.
 */
import { asc, getTableName, gt, is, sql, type SQL } from "drizzle-orm";
import { getTableConfig as sqliteTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { readAuditRows, verifyAuditRows, type AuditChainReport } from "@/lib/workflow/audit";
import { readPgAuditRows } from "./pg-audit";

/** Tables that triggers keep from other tables' rows: compared, never copied. */
export const DERIVED_TABLES = new Set(["claim_state_counts"]);

export interface TablePlan {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** Primary-key property names (drizzle keys), in order. */
  key: string[];
  /** The single integer id column with an id counter, when there is one. */
  identity: string | null;
}

/** Every table of the desk, parents before children. */
export function copyPlan(): TablePlan[] {
  const pgByName = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema)) if (is(value, PgTable)) pgByName.set(getTableName(value), value);
  const tables = new Map<string, { table: SQLiteTable; parents: Set<string> }>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteTableConfig(value);
    const parents = new Set(config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)).filter((parent) => parent !== config.name));
    tables.set(config.name, { table: value, parents });
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    if (visiting.has(name)) throw new Error(`Foreign keys form a cycle through ${name}: db:copy cannot order the tables`);
    visiting.add(name);
    const entry = tables.get(name)!;
    for (const parent of [...entry.parents].sort()) place(parent);
    visiting.delete(name);
    placed.add(name);
    const pg = pgByName.get(name);
    if (!pg) throw new Error(`Table ${name} is in db/schema.ts but not in db/schema-pg.ts`);
    ordered.push({ name, sqlite: entry.table, pg, ...keyOf(entry.table) });
  };
  for (const name of [...tables.keys()].sort()) place(name);
  return ordered;
}

function keyOf(table: SQLiteTable): { key: string[]; identity: string | null } {
  const config = sqliteTableConfig(table);
  const columns = Object.entries(table as unknown as Record<string, SQLiteColumn>).filter(([, column]) => config.columns.includes(column));
  const propertyOf = (column: SQLiteColumn) => columns.find(([, c]) => c === column)![0];
  const single = config.columns.filter((column) => column.primary);
  if (single.length === 1) {
    const column = single[0];
    const identity = column.columnType === "SQLiteInteger" && (column as unknown as { autoIncrement?: boolean }).autoIncrement ? propertyOf(column) : null;
    return { key: [propertyOf(column)], identity };
  }
  const composite = config.primaryKeys[0];
  if (composite) return { key: composite.columns.map(propertyOf), identity: null };
  // No declared key: every column, so the order is still total.
  return { key: config.columns.map(propertyOf), identity: null };
}

type Row = Record<string, unknown>;

/** One end of a copy: the same operations on either engine. */
export interface DeskSide {
  describe: string;
  count(plan: TablePlan): Promise<number>;
  /** Rows after `after` (the last row of the previous batch) in key order. */
  readBatch(plan: TablePlan, after: Row | null, limit: number): Promise<Row[]>;
  insertBatch(plan: TablePlan, rows: Row[]): Promise<void>;
  /** The id counter's value (highest id ever handed out), null when the table has none or it was never used. */
  idCounter(plan: TablePlan): Promise<number | null>;
  setIdCounter(plan: TablePlan, value: number): Promise<void>;
  audit(): Promise<AuditChainReport>;
}

function afterCondition(columns: Array<SQLiteColumn | PgColumn>, key: string[], after: Row): SQL {
  // Row-value comparison (a, b) > (x, y): both engines have it, and it pages a composite key exactly.
  const left = sql.join(columns.map((column) => sql`${column}`), sql`, `);
  const right = sql.join(key.map((property) => sql`${after[property]}`), sql`, `);
  return columns.length === 1 ? gt(columns[0], after[key[0]]) : sql`(${left}) > (${right})`;
}

const columnsOf = <T>(table: unknown, key: string[]) => key.map((property) => (table as Record<string, T>)[property]);

/** A SQLite desk. Call `snapshot()` before reading so every read sees one state. */
export function sqliteSide(db: Db, describe: string): DeskSide & { snapshot(): void; end(commit: boolean): void } {
  const sqlite = db.$client;
  return {
    describe,
    snapshot() {
      sqlite.exec("BEGIN");
      // A deferred transaction takes its snapshot at its first read: take it now.
      sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    },
    end(commit) {
      if (sqlite.inTransaction) sqlite.exec(commit ? "COMMIT" : "ROLLBACK");
    },
    async count(plan) {
      return db.select({ n: sql<number>`count(*)` }).from(plan.sqlite).get()!.n;
    },
    async readBatch(plan, after, limit) {
      const columns = columnsOf<SQLiteColumn>(plan.sqlite, plan.key);
      const query = db.select().from(plan.sqlite);
      const filtered = after ? query.where(afterCondition(columns, plan.key, after)) : query;
      return filtered.orderBy(...columns.map((column) => asc(column))).limit(limit).all() as Row[];
    },
    async insertBatch(plan, rows) {
      db.insert(plan.sqlite).values(rows as never).run();
    },
    async idCounter(plan) {
      if (!plan.identity) return null;
      const row = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?").get(plan.name) as { seq: number } | undefined;
      return row?.seq ?? null;
    },
    async setIdCounter(plan, value) {
      if (!plan.identity) return;
      const updated = sqlite.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?").run(value, plan.name);
      if (updated.changes === 0) sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)").run(plan.name, value);
    },
    async audit() {
      return verifyAuditRows(await readAuditRows(db));
    },
  };
}

/** A PostgreSQL desk (node-postgres or PGlite), inside the transaction `tx`. */
export function pgSide(tx: PgExecutor, describe: string): DeskSide {
  const sequenceOf = (plan: TablePlan) => {
    const column = (plan.pg as unknown as Record<string, PgColumn>)[plan.identity!].name;
    return sql`pg_get_serial_sequence(${plan.name}, ${column})`;
  };
  return {
    describe,
    async count(plan) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(plan.pg);
      return row.n;
    },
    async readBatch(plan, after, limit) {
      const columns = columnsOf<PgColumn>(plan.pg, plan.key);
      const query = tx.select().from(plan.pg).$dynamic();
      const filtered = after ? query.where(afterCondition(columns, plan.key, after)) : query;
      return (await filtered.orderBy(...columns.map((column) => asc(column))).limit(limit)) as Row[];
    },
    async insertBatch(plan, rows) {
      await tx.insert(plan.pg).values(rows as never);
    },
    async idCounter(plan) {
      if (!plan.identity) return null;
      const [named] = rowsOf<{ seq: string | null }>(await tx.execute(sql`SELECT ${sequenceOf(plan)} AS seq`));
      if (!named?.seq) return null;
      // The name comes from the server, already quoted as an identifier.
      const rows = await tx.execute(sql.raw(`SELECT CASE WHEN is_called THEN last_value ELSE NULL END::int AS value FROM ${named.seq}`));
      return rowsOf<{ value: number | null }>(rows)[0]?.value ?? null;
    },
    async setIdCounter(plan, value) {
      if (!plan.identity || value < 1) return;
      await tx.execute(sql`SELECT setval(${sequenceOf(plan)}, ${value}, true)`);
    },
    async audit() {
      return verifyAuditRows(await readPgAuditRows(tx));
    },
  };
}

/** node-postgres answers { rows }, PGlite too; drizzle passes either through. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface CopyOptions {
  batchSize?: number;
  /** Called once per table before its rows, then after every batch. */
  onTable?: (plan: TablePlan, total: number) => { update(done: number): void; finish(message?: string): void };
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

/** Tables of `side` holding rows (derived tables excepted): a copy refuses such a target. */
export async function nonEmptyTables(side: DeskSide, plans = copyPlan()): Promise<TableCount[]> {
  const found: TableCount[] = [];
  for (const plan of plans) {
    if (DERIVED_TABLES.has(plan.name)) continue;
    const n = await side.count(plan);
    if (n > 0) found.push({ table: plan.name, source: 0, target: n });
  }
  return found;
}

/** Copies every table's rows from `source` to `target` (which must be empty and migrated). */
export async function copyRows(source: DeskSide, target: DeskSide, options: CopyOptions = {}): Promise<{ rows: number; tables: number }> {
  const batchSize = options.batchSize ?? 500;
  let rows = 0;
  const plans = copyPlan();
  for (const plan of plans) {
    if (DERIVED_TABLES.has(plan.name)) continue;
    const total = await source.count(plan);
    const progress = options.onTable?.(plan, total);
    let after: Row | null = null;
    let done = 0;
    for (;;) {
      const batch = await source.readBatch(plan, after, batchSize);
      if (batch.length === 0) break;
      await target.insertBatch(plan, batch);
      done += batch.length;
      after = batch[batch.length - 1];
      progress?.update(done);
      if (batch.length < batchSize) break;
    }
    progress?.finish();
    rows += done;
    if (plan.identity) {
      const counter = Math.max(done > 0 ? Number(after![plan.identity]) : 0, (await source.idCounter(plan)) ?? 0);
      if (counter > 0) await target.setIdCounter(plan, counter);
    }
  }
  return { rows, tables: plans.length };
}

export interface Comparison {
  ok: boolean;
  problems: string[];
  source: AuditChainReport;
  target: AuditChainReport;
  tables: TableCount[];
}

/** Verifies both audit chains and compares heads, chain lengths and every table's row count. */
export async function compareDesks(source: DeskSide, target: DeskSide): Promise<Comparison> {
  const problems: string[] = [];
  const [sourceAudit, targetAudit] = [await source.audit(), await target.audit()];
  if (!sourceAudit.ok) problems.push(`audit:verify fails on the source (${source.describe}): ${sourceAudit.reason}`);
  if (!targetAudit.ok) problems.push(`audit:verify fails on the target (${target.describe}): ${targetAudit.reason}`);
  if (sourceAudit.headHash !== targetAudit.headHash) {
    problems.push(`Audit head hashes differ: source ${sourceAudit.headHash}, target ${targetAudit.headHash}`);
  }
  if (sourceAudit.count !== targetAudit.count) problems.push(`Sign-off counts differ: source ${sourceAudit.count}, target ${targetAudit.count}`);
  const tables: TableCount[] = [];
  for (const plan of copyPlan()) {
    const counts = { table: plan.name, source: await source.count(plan), target: await target.count(plan) };
    tables.push(counts);
    if (counts.source !== counts.target) problems.push(`Table ${plan.name} has ${counts.source} rows on the source but ${counts.target} on the target`);
  }
  return { ok: problems.length === 0, problems, source: sourceAudit, target: targetAudit, tables };
}
