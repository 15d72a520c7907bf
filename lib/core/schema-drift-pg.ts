/**
 * Compares the SQLite schema (db/schema.ts) with the PostgreSQL one (db/schema-pg.ts), table by table:
 * property names and column names, types (through the mapping below), nullability, defaults, primary
 * keys, unique constraints, indexes (name, columns or expressions, partial WHERE) and foreign keys.
 * schema-drift-pg.test.ts fails on any difference not listed as intended here.
 *
 * What neither drizzle schema holds is out of its reach on purpose: the hand-written SQL of both sides'
 * migrations (triggers, FTS5 tables, GIN indexes). migrations-pg.test.ts checks those on PGlite.
 */
import { Column, getTableColumns, getTableName, is, SQL, StringChunk, Table } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, IndexedColumn, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";

export interface ColumnShape {
  /** The TypeScript property (camelCase), as queries and API answers see it. */
  key: string;
  name: string;
  /** The SQLite type, with PostgreSQL's mapped back onto it (see TYPE_PAIRS). */
  type: string;
  notNull: boolean;
  /** Literal defaults as JSON, SQL ones as SQLite text (PostgreSQL's mapped back, SQL_DEFAULTS). */
  default: string | null;
  /** Ids the database hands out: AUTOINCREMENT on SQLite, an identity on PostgreSQL. */
  generated: boolean;
  enumValues: readonly string[] | null;
}

export interface IndexShape {
  name: string;
  unique: boolean;
  /** Column names, or an expression's SQL text. */
  columns: string[];
  where: string | null;
}

export interface ForeignKeyShape {
  name: string;
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  /** The export's name in the schema module. */
  exportName: string;
  name: string;
  columns: ColumnShape[];
  primaryKey: string[];
  uniques: Array<{ name: string; columns: string[] }>;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

/**
 * Intended differences, and only these. A PostgreSQL column type is accepted for a SQLite one when the
 * pair is listed; `bigint` (read as a number) only for the columns named in WIDE_INTEGERS.
 */
const TYPE_PAIRS: Record<string, string> = {
  PgInteger: "SQLiteInteger",
  PgBoolean: "SQLiteBoolean", // integer 0/1 with mode "boolean" on SQLite: true/false from drizzle on both
  PgText: "SQLiteText",
};
/** SQLite integers are 64-bit; these are the PostgreSQL columns that need more than 32 bits. */
const WIDE_INTEGERS = new Set(["backups.bytes"]);
/**
 * SQLite's INTEGER PRIMARY KEY without AUTOINCREMENT is the rowid, filled in when an insert leaves it
 * out (drizzle counts that as a default). The desk always gives these keys (a one-row table's id 1, a
 * key that is another table's id), so PostgreSQL requires them rather than handing out numbers.
 */
const ROWID_KEYS = new Set(["article_fact_sets.article_id", "notification_preferences.user_id", "deadline_settings.id"]);
/** SQL defaults that render the same value: PostgreSQL's text → SQLite's. */
const SQL_DEFAULTS: Record<string, string> = {
  // The ISO-8601 instant with milliseconds and a Z, as every time in the schema is stored.
  [`to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`]: "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
};
/**
 * Full-text search, hand-written on both sides and so in neither schema (migrations-pg.test.ts checks
 * them): each FTS5 virtual table, with the triggers that keep it, is a GIN expression index.
 */
export const RAW_SEARCH_EQUIVALENTS = [
  { sqliteTable: "claims_fts", sqliteMigration: "drizzle/0007", postgresIndex: "claims_search" },
  { sqliteTable: "factchecks_fts", sqliteMigration: "drizzle/0018", postgresIndex: "factchecks_search" },
] as const;

/** An SQL fragment as text: the column names it names, its literal parts as written. */
function sqlText(chunk: unknown): string {
  if (is(chunk, SQL)) return chunk.queryChunks.map(sqlText).join("");
  if (is(chunk, StringChunk)) return chunk.value.join("");
  if (is(chunk, Column)) return chunk.name;
  if (is(chunk, IndexedColumn)) return chunk.name ?? "?";
  return String(chunk);
}

function normalizedSql(chunk: unknown): string {
  return sqlText(chunk).replace(/\s+/g, " ").trim();
}

function tablesOf<T extends Table>(schema: Record<string, unknown>, kind: typeof SQLiteTable | typeof PgTable): Array<[string, T]> {
  return Object.entries(schema).filter((entry): entry is [string, T] => is(entry[1], kind));
}

function defaultOf(column: Column, tableName: string, dialect: "sqlite" | "postgres"): string | null {
  if (dialect === "sqlite" && ROWID_KEYS.has(`${tableName}.${column.name}`) && column.default === undefined) return null;
  if (!column.hasDefault || column.default === undefined) return column.hasDefault ? "(runtime default)" : null;
  if (is(column.default, SQL)) {
    const text = normalizedSql(column.default);
    return dialect === "postgres" ? (SQL_DEFAULTS[text] ?? `(unmapped PostgreSQL default) ${text}`) : text;
  }
  return JSON.stringify(column.default);
}

function typeOf(column: Column, tableName: string, dialect: "sqlite" | "postgres"): string {
  if (dialect === "sqlite") return column.columnType;
  if (column.columnType === "PgBigInt53" && WIDE_INTEGERS.has(`${tableName}.${column.name}`)) return "SQLiteInteger";
  return TYPE_PAIRS[column.columnType] ?? `(unmapped PostgreSQL type) ${column.columnType}`;
}

function columnShapes(table: Table, dialect: "sqlite" | "postgres"): ColumnShape[] {
  const tableName = getTableName(table);
  return Object.entries(getTableColumns(table)).map(([key, column]) => ({
    key,
    name: column.name,
    type: typeOf(column, tableName, dialect),
    notNull: column.notNull,
    default: defaultOf(column, tableName, dialect),
    generated: dialect === "sqlite" ? Boolean((column as Column & { autoIncrement?: boolean }).autoIncrement) : column.generatedIdentity !== undefined,
    enumValues: column.enumValues ?? null,
  }));
}

function primaryKeyOf(columns: Column[], composite: Array<{ columns: Column[] }>): string[] {
  const single = columns.filter((column) => column.primary).map((column) => column.name);
  return [...single, ...composite.flatMap((pk) => pk.columns.map((column) => column.name))];
}

function uniquesOf(columns: Column[], constraints: Array<{ getName(): string | undefined; columns: Column[] }>): TableShape["uniques"] {
  return [
    ...columns.filter((column) => column.isUnique).map((column) => ({ name: column.uniqueName ?? "?", columns: [column.name] })),
    ...constraints.map((constraint) => ({ name: constraint.getName() ?? "?", columns: constraint.columns.map((column) => column.name) })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

function foreignKeysOf(foreignKeys: Array<{ getName(): string; reference(): { columns: Column[]; foreignTable: Table; foreignColumns: Column[] }; onDelete?: string; onUpdate?: string }>): ForeignKeyShape[] {
  return foreignKeys
    .map((fk) => {
      const reference = fk.reference();
      return {
        name: fk.getName(),
        columns: reference.columns.map((column) => column.name),
        foreignTable: getTableName(reference.foreignTable),
        foreignColumns: reference.foreignColumns.map((column) => column.name),
        onDelete: fk.onDelete ?? "no action",
        onUpdate: fk.onUpdate ?? "no action",
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** The SQLite schema module's tables, described. */
export function describeSqliteSchema(schema: Record<string, unknown>): TableShape[] {
  return tablesOf<SQLiteTable>(schema, SQLiteTable).map(([exportName, table]) => {
    const config = getSqliteTableConfig(table);
    return {
      exportName,
      name: config.name,
      columns: columnShapes(table, "sqlite"),
      primaryKey: primaryKeyOf(config.columns, config.primaryKeys),
      uniques: uniquesOf(config.columns, config.uniqueConstraints),
      indexes: byName(
        config.indexes.map(({ config: index }) => ({
          name: index.name,
          unique: index.unique,
          columns: index.columns.map(normalizedSql),
          where: index.where ? normalizedSql(index.where) : null,
        })),
      ),
      foreignKeys: foreignKeysOf(config.foreignKeys),
    };
  });
}

/** The PostgreSQL schema module's tables, described in SQLite's terms (see the mappings above). */
export function describePgSchema(schema: Record<string, unknown>): TableShape[] {
  return tablesOf<PgTable>(schema, PgTable).map(([exportName, table]) => {
    const config = getPgTableConfig(table);
    return {
      exportName,
      name: config.name,
      columns: columnShapes(table, "postgres"),
      primaryKey: primaryKeyOf(config.columns, config.primaryKeys),
      uniques: uniquesOf(config.columns, config.uniqueConstraints),
      indexes: byName(
        config.indexes.map(({ config: index }) => ({
          // Only plain b-tree indexes have a SQLite counterpart; GIN search indexes are raw SQL (RAW_SEARCH_EQUIVALENTS).
          name: index.method && index.method !== "btree" ? `${index.name ?? "?"} (using ${index.method})` : (index.name ?? "?"),
          unique: index.unique,
          columns: index.columns.map(normalizedSql),
          where: index.where ? normalizedSql(index.where) : null,
        })),
      ),
      foreignKeys: foreignKeysOf(config.foreignKeys),
    };
  });
}

function describeDifference(label: string, sqlite: unknown, postgres: unknown): string[] {
  const a = JSON.stringify(sqlite);
  const b = JSON.stringify(postgres);
  return a === b ? [] : [`${label}: SQLite ${a}, PostgreSQL ${b}`];
}

function compareNamed<T extends { name: string }>(label: string, sqlite: T[], postgres: T[]): string[] {
  const differences: string[] = [];
  const pgByName = new Map(postgres.map((item) => [item.name, item]));
  const sqliteNames = new Set(sqlite.map((item) => item.name));
  for (const item of sqlite) {
    const other = pgByName.get(item.name);
    if (!other) differences.push(`${label} ${item.name} missing on PostgreSQL`);
    else differences.push(...describeDifference(`${label} ${item.name}`, item, other));
  }
  for (const item of postgres) if (!sqliteNames.has(item.name)) differences.push(`${label} ${item.name} only on PostgreSQL`);
  return differences;
}

/** Every difference between the two described schemas, one readable line each; empty when they agree. */
export function schemaDifferences(sqlite: TableShape[], postgres: TableShape[]): string[] {
  const differences: string[] = [];
  const pgByName = new Map(postgres.map((table) => [table.name, table]));
  for (const table of sqlite) {
    const other = pgByName.get(table.name);
    if (!other) {
      differences.push(`table ${table.name} missing on PostgreSQL`);
      continue;
    }
    const t = table.name;
    differences.push(...describeDifference(`${t}: export name`, table.exportName, other.exportName));
    differences.push(...compareNamed(`${t}: column`, table.columns, other.columns));
    differences.push(...describeDifference(`${t}: primary key`, table.primaryKey, other.primaryKey));
    differences.push(...compareNamed(`${t}: unique`, table.uniques, other.uniques));
    differences.push(...compareNamed(`${t}: index`, table.indexes, other.indexes));
    differences.push(...compareNamed(`${t}: foreign key`, table.foreignKeys, other.foreignKeys));
  }
  const sqliteNames = new Set(sqlite.map((table) => table.name));
  for (const table of postgres) if (!sqliteNames.has(table.name)) differences.push(`table ${table.name} only on PostgreSQL`);
  return differences;
}
