import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { is, Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "@/db/schema";

/*
 * The domain runs on SQLite and PostgreSQL from one source (#17, item 1): queries are awaited drizzle
 * builders over `tablesOf(db)` (db/tables.ts says why and how). This test reads lib/ and app/ and fails
 * on code that can only run on SQLite: better-sqlite3's synchronous `.all()`, `.get()`, `.run()`,
 * prepared statements or the raw connection, and SQLite's table objects imported as values (drizzle's
 * PostgreSQL dialect cannot render them).
 *
 * A line that is SQLite's side of an `engineOf(db)` branch (a pragma, a prepared fast path) says so
 * with a trailing `// sqlite-branch` comment and is not counted.
 *
 * NOT_YET lists the files still written for SQLite alone. It only shrinks: an entry whose file has
 * become engine-neutral fails too, so whoever moves a file deletes its line.
 */
const NOT_YET = new Set<string>([
  "lib/factchecks/import.ts",
  "lib/factchecks/queries.ts",
  "lib/match/archive-index.ts",
  "lib/match/claim-matches.ts",
  "lib/match/matcher.ts",
]);

/** Engine-specific by design: the connections, the seam, PostgreSQL's own modules, moving a desk, test helpers. */
const ENGINE_SPECIFIC = /^(lib\/core\/(transaction[\w.-]*|search-pg|schema-drift-pg|search-cases-pg)\.ts|lib\/pg\/.*|lib\/dbcopy\/.*|lib\/testing\/.*|lib\/core\/engine-neutral\.test\.ts)$/;

const SQLITE_ONLY = [
  { pattern: /\.(all|get|run)\(\s*\)/, what: "a synchronous .all()/.get()/.run() (await the builder; firstRow(query) for one row)" },
  { pattern: /\.prepare\s*\(|\bpreparedPerConnection\b/, what: "a prepared statement" },
  { pattern: /\$client\b/, what: "the raw better-sqlite3 connection" },
  { pattern: /\b(?:db|tx|executor|database|sqlite)\.(?:get|all|run|values)\s*[<(]/, what: "SQLite's db.get/all/run/values(sql`…`) (PostgreSQL has none: await a builder, or db.execute inside an engineOf branch)" },
  { pattern: /\b(?:statements\([^)]*\)|prepared)\.\w+\.(?:get|all|run|iterate)\(/, what: "a prepared statement's .get/.all/.run(...)" },
];

const TABLE_NAMES = new Set(Object.entries(sqliteSchema).filter(([, value]) => is(value, Table)).map(([name]) => name));
const SCHEMA_IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+["'](?:@\/db\/schema|\.\.?\/(?:\.\.\/)*db\/schema)["']/g;

const ROOT = path.resolve(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sources(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** What ties `text` to SQLite, one entry a finding. */
export function sqliteOnly(text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, index) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments describe, they do not run
    if (line.includes("// sqlite-branch")) return; // SQLite's side of an engineOf(db) branch, marked as such
    for (const { pattern, what } of SQLITE_ONLY) if (pattern.test(line)) found.push(`${index + 1}: ${what}: ${line.trim()}`);
  });
  for (const match of text.matchAll(SCHEMA_IMPORT)) {
    if (match[1]) continue; // import type { ... }
    const tables = match[2].split(",").map((name) => name.trim()).filter((name) => name && !name.startsWith("type ")).map((name) => name.split(/\s+as\s+/)[0]).filter((name) => TABLE_NAMES.has(name));
    if (tables.length > 0) found.push(`imports the SQLite table(s) ${tables.join(", ")} from db/schema (take them from tablesOf(db))`);
  }
  return found;
}

function findings(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sources("lib"), ...sources("app")].filter((file) => !ENGINE_SPECIFIC.test(file))) {
    const lines = sqliteOnly(readFileSync(path.join(ROOT, file), "utf8"));
    if (lines.length > 0) found.set(file, lines.map((line) => `${file}:${line}`));
  }
  return found;
}

describe("the domain is written once for both engines", () => {
  const found = findings();

  it("has no SQLite-only code in lib/ or app/ outside the files not yet moved", () => {
    const offending = [...found].filter(([file]) => !NOT_YET.has(file)).flatMap(([, lines]) => lines);
    expect(offending, "Write it engine-neutral (db/tables.ts: tablesOf(db), awaited builders, firstRow):\n" + offending.join("\n")).toEqual([]);
  });

  it("lists only files that still need moving (delete an entry once its file is engine-neutral)", () => {
    const moved = [...NOT_YET].filter((file) => !found.has(file));
    expect(moved, `These files are engine-neutral now; remove them from NOT_YET: ${moved.join(", ")}`).toEqual([]);
  });

  it("finds what it looks for", () => {
    expect(sqliteOnly("const row = db.select().from(t).get();")).toHaveLength(1);
    expect(sqliteOnly("db.delete(t).where(x).run();")).toHaveLength(1);
    expect(sqliteOnly("const s = db.$client.prepare('SELECT 1');")).toHaveLength(2);
    expect(sqliteOnly('import { claims, type Claim } from "@/db/schema";')).toHaveLength(1);
    expect(sqliteOnly('import type { Claim } from "@/db/schema";\nimport { FACT_KINDS, type Claim } from "@/db/schema";')).toEqual([]);
    expect(sqliteOnly("const size = db.$client.pragma('page_size'); // sqlite-branch")).toEqual([]);
    expect(sqliteOnly("const rows = await db.select().from(claims);\nconst v = map.get(key);\nawait Promise.all(jobs);")).toEqual([]);
    expect(sqliteOnly("db.get(sql`select 1`);")).toHaveLength(1);
    expect(sqliteOnly("const rows = tx.all<{ id: number }>(query);")).toHaveLength(1);
    expect(sqliteOnly("const claim = statements(tx).claimForChange.get({ id });")).toHaveLength(1);
    expect(sqliteOnly("prepared.insertSignoffCitation.run({ signoffId });")).toHaveLength(1);
    expect(sqliteOnly("await db.insert(t).values({ a: 1 });\nconst seen = this.cache.get(id);")).toEqual([]);
  });
});
