/**
 * db:copy on PGlite (in-process PostgreSQL): the demo desk goes SQLite → PostgreSQL → SQLite and comes
 * back row for row with the same audit head; a non-empty target is refused; a write to the live source
 * during the copy stays out of it; tampering with the target makes the comparison fail.
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { postgresMigrationsFolder, type PgExecutor } from "@/db/client-pg";
import * as pgSchema from "@/db/schema-pg";
import { seedDemo } from "@/lib/demo/seed";
import { compareDesks, copyPlan, pgSide, sqliteSide } from "./copy";
import { copyDesk, CopyRefused, type PgEndpoint, type SqliteEndpoint } from "./run";

const dir = `/tmp/dbcopy/test-${randomBytes(4).toString("hex")}`;
const original = `${dir}/desk.db`;
let client: PGlite;
let pg: PgliteDatabase<typeof pgSchema>;
let endpoint: PgEndpoint;

async function freshPg() {
  client = new PGlite({ extensions: { unaccent } });
  pg = drizzle(client, { schema: pgSchema });
  await migrate(pg, { migrationsFolder: postgresMigrationsFolder() });
  endpoint = {
    kind: "postgres",
    db: pg as unknown as PgExecutor,
    describe: "pglite",
    async reset() {
      await pg.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await pg.execute(sql`DROP SCHEMA public CASCADE`);
      await pg.execute(sql`CREATE SCHEMA public`);
      await migrate(pg, { migrationsFolder: postgresMigrationsFolder() });
    },
  };
}

const file = (name: string): SqliteEndpoint => ({ kind: "sqlite", file: `${dir}/${name}` });

/** Every row of every table, in key order, and the id counters: what "the same desk" means. */
function dump(path: string) {
  const db = openDatabase(path);
  try {
    const tables: Record<string, unknown[]> = {};
    for (const plan of copyPlan()) {
      const columns = plan.key.map((k) => (plan.sqlite as unknown as Record<string, never>)[k]);
      tables[plan.name] = db.select().from(plan.sqlite).orderBy(...columns).all();
    }
    const sequences = db.$client.prepare("SELECT name, seq FROM sqlite_sequence ORDER BY name").all();
    return { tables, sequences };
  } finally {
    db.$client.close();
  }
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(original);
  await seedDemo(db);
  db.$client.close();
  await freshPg();
}, 120_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("db:copy SQLite → PostgreSQL → SQLite", () => {
  it("brings every row, id and audit head back unchanged", async () => {
    const there = await copyDesk(file("desk.db"), endpoint);
    expect(there.comparison.problems).toEqual([]);
    expect(there.comparison.ok).toBe(true);
    expect(there.rows).toBeGreaterThan(100);
    expect(there.comparison.source.count).toBeGreaterThan(10);

    const back = await copyDesk(endpoint, file("back.db"));
    expect(back.comparison.problems).toEqual([]);
    expect(back.comparison.target.headHash).toBe(there.comparison.source.headHash);

    const a = dump(original);
    const b = dump(`${dir}/back.db`);
    for (const name of Object.keys(a.tables)) expect(b.tables[name], name).toEqual(a.tables[name]);
    expect(b.sequences).toEqual(a.sequences);
    // Booleans, ids and JSON text survived as the schemas map them.
    expect(a.tables.users.length).toBeGreaterThan(0);
    expect(typeof (a.tables.users[0] as { disabled: unknown }).disabled).toBe("boolean");

    // The identity sequences continue after the copied ids: a new row on PostgreSQL does not collide.
    const [next] = (await pg.execute(sql`SELECT nextval(pg_get_serial_sequence('signoffs', 'id'))::int AS id`)).rows as Array<{ id: number }>;
    expect(next.id).toBe(there.comparison.source.count + 1);
  }, 120_000);

  it("refuses a non-empty target and writes nothing, unless --replace", async () => {
    const before = (await pg.execute(sql`SELECT count(*)::int AS n FROM claims`)).rows[0];
    await expect(copyDesk(file("desk.db"), endpoint)).rejects.toThrow(CopyRefused);
    await expect(copyDesk(file("desk.db"), endpoint)).rejects.toThrow(/not empty: .*claims \(\d+\).*--replace/);
    expect((await pg.execute(sql`SELECT count(*)::int AS n FROM claims`)).rows[0]).toEqual(before);
    await expect(copyDesk(endpoint, file("back.db"))).rejects.toThrow(/not empty/);

    const again = await copyDesk(file("desk.db"), endpoint, { replace: true });
    expect(again.comparison.ok).toBe(true);
    expect((await pg.execute(sql`SELECT count(*)::int AS n FROM claims`)).rows[0]).toEqual(before);
  }, 120_000);

  it("copies one consistent snapshot while the source desk keeps being written", async () => {
    await endpoint.reset();
    const writer = new Database(original);
    let written = 0;
    const report = await copyDesk(file("desk.db"), endpoint, {
      batchSize: 7,
      onTable: () => ({
        update() {
          writer.prepare("INSERT INTO login_attempts (email, succeeded, attempted_at) VALUES ('x@example.org', 0, '2026-01-01T00:00:00.000Z')").run();
          written += 1;
        },
        finish() {},
      }),
    });
    writer.close();
    expect(written).toBeGreaterThan(20);
    expect(report.comparison.problems).toEqual([]);
    const copied = (await pg.execute(sql`SELECT count(*)::int AS n FROM login_attempts WHERE email = 'x@example.org'`)).rows[0] as { n: number };
    expect(copied.n).toBe(0);
  }, 120_000);

  it("fails the comparison when the target was tampered with", async () => {
    const desk = openDatabase(original);
    desk.$client.prepare("DELETE FROM login_attempts WHERE email = 'x@example.org'").run();
    const source = sqliteSide(desk, original);
    // Sign-offs are append-only on PostgreSQL too; a claim's text is not.
    await pg.execute(sql`UPDATE claims SET text = text || ' (edited)' WHERE id = 1`);
    const tampered = await compareDesks(source, pgSide(pg as unknown as PgExecutor, "pglite"));
    expect(tampered.ok).toBe(false);
    expect(tampered.problems.join("\n")).toMatch(/audit:verify fails on the target \(pglite\): Claim #1 has text that does not match/);

    await pg.execute(sql`UPDATE claims SET text = left(text, length(text) - length(' (edited)')) WHERE id = 1`);
    expect((await compareDesks(source, pgSide(pg as unknown as PgExecutor, "pglite"))).problems).toEqual([]);
    await pg.execute(sql`INSERT INTO login_attempts (email, succeeded, attempted_at) VALUES ('y@example.org', false, '2026-01-01T00:00:00.000Z')`);
    const fewer = await compareDesks(source, pgSide(pg as unknown as PgExecutor, "pglite"));
    expect(fewer.problems).toEqual([expect.stringMatching(/^Table login_attempts has (\d+) rows on the source but \d+ on the target$/)]);
    desk.$client.close();
  }, 120_000);
});
