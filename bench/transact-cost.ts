/**
 * What one transaction costs on each engine, in one run: a one-insert transact() on SQLite (a WAL file,
 * the app's pragmas), on PGlite (in process) and, when FACTDESK_TEST_PG_URL is set, on a real server
 * through a pool, each beside the same insert without a transaction, and a transaction of 10 inserts.
 *
 *   npm run bench -- transact-cost                              SQLite and PGlite; the server rows are skipped
 *   scripts/pg-cluster.sh run npm run bench -- transact-cost    the same plus a real server (throwaway loopback cluster)
 *
 * BENCH_SECONDS per measurement, default 2. A measurement, not a test: compare within one run (the
 * ratios printed at the end); the absolute times move with the machine's load.
 */
import { PGlite } from "@electric-sql/pglite";
import { integer, pgTable, serial, text, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from "drizzle-orm/sqlite-core";
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { transact } from "@/lib/core/transaction";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const pgNotes = pgTable("cost_notes", { id: serial("id").primaryKey(), body: text("body").notNull(), n: integer("n").notNull() });
const sqliteNotes = sqliteTable("cost_notes", { id: sqliteInteger("id").primaryKey(), body: sqliteText("body").notNull(), n: sqliteInteger("n").notNull() });
const DDL_PG = "CREATE TABLE IF NOT EXISTS cost_notes (id serial PRIMARY KEY, body text NOT NULL, n integer NOT NULL)";

async function rate(label: string, step: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 100; i++) await step(i);
  let i = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) await step(i++);
  const micros = ((performance.now() - started) * 1000) / i;
  console.log(`${label.padEnd(52)} ${micros.toFixed(0).padStart(7)} µs`);
  return micros;
}

/** Autocommit, a one-insert transact and a ten-insert transact on one PostgreSQL engine. */
async function measurePostgres(label: string, db: PgDatabase<PgQueryResultHKT>, key = label.toLowerCase()): Promise<Record<string, number>> {
  return {
    [`${key}Auto`]: await rate(`${label}: one insert, autocommit`, (i) => db.insert(pgNotes).values({ body: "x", n: i })),
    [key]: await rate(`${label}: transact, one insert`, (i) => transact(db, (tx) => tx.insert(pgNotes).values({ body: "x", n: i }))),
    [`${key}10`]: await rate(`${label}: transact, ten inserts`, (i) =>
      transact(db, async (tx) => {
        for (let k = 0; k < 10; k++) await tx.insert(pgNotes).values({ body: "x", n: i });
      }),
    ),
  };
}

async function main() {
  const results: Record<string, number> = {};
  const dir = mkdtempSync(path.join(os.tmpdir(), "factdesk-transact-cost-"));
  const client = new Database(path.join(dir, "cost.db"));
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  client.exec("CREATE TABLE cost_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, n INTEGER NOT NULL)");
  const sqlite = drizzleSqlite(client);
  console.log(`One transaction, ${seconds}s per measurement (mean time per call)\n`);
  results.sqliteAuto = await rate("SQLite: one insert, autocommit", (i) => sqlite.insert(sqliteNotes).values({ body: "x", n: i }).run());
  results.sqlite = await rate("SQLite: transact, one insert", (i) => transact(sqlite, (tx) => tx.insert(sqliteNotes).values({ body: "x", n: i }).run()));
  results.sqlite10 = await rate("SQLite: transact, ten inserts", (i) =>
    transact(sqlite, (tx) => {
      for (let k = 0; k < 10; k++) tx.insert(sqliteNotes).values({ body: "x", n: i }).run();
    }),
  );
  client.close();

  const lite = new PGlite();
  await lite.exec(DDL_PG);
  Object.assign(results, await measurePostgres("PGlite", drizzlePglite(lite)));
  await lite.close();

  const url = process.env.FACTDESK_TEST_PG_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    await pool.query(DDL_PG);
    const server = drizzlePg(pool);
    Object.assign(results, await measurePostgres("PostgreSQL server", server, "server"));
    // Four at once: the pool's clients work side by side (no process lock).
    const four = await rate("PostgreSQL server: 4 concurrent transacts, one insert", (i) =>
      Promise.all([0, 1, 2, 3].map((k) => transact(server, (tx) => tx.insert(pgNotes).values({ body: "x", n: i * 4 + k })))),
    );
    results.serverPer4 = four / 4;
    await pool.query("DROP TABLE cost_notes");
    await pool.end();
  } else {
    console.log("PostgreSQL server rows skipped: FACTDESK_TEST_PG_URL is not set (run under scripts/pg-cluster.sh run npm run bench -- transact-cost).");
  }
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log("\nRatios (this run):");
  console.log(`  SQLite: transact / autocommit insert            ${ratio(results.sqlite, results.sqliteAuto)}`);
  console.log(`  PGlite transact / SQLite transact               ${ratio(results.pglite, results.sqlite)}`);
  if (results.server) {
    console.log(`  server: transact / autocommit insert            ${ratio(results.server, results.serverAuto)}`);
    console.log(`  server transact / SQLite transact               ${ratio(results.server, results.sqlite)}`);
    console.log(`  server, 4 at once: per transaction / one alone  ${ratio(results.serverPer4, results.server)}`);
    console.log(`  ten inserts, server / SQLite                    ${ratio(results.server10, results.sqlite10)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
