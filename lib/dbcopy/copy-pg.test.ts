/**
 * db:copy against a real PostgreSQL server (scripts/pg-cluster.sh run npx vitest run lib/dbcopy): the
 * demo desk goes SQLite → PostgreSQL → SQLite through runDbCopy (pool, migrations, snapshot
 * transactions), comes back row for row, and tampering on the server fails the comparison.
 * Skipped, with a message, when FACTDESK_TEST_PG_URL is not set.
 */
import { mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { copyPlan } from "./copy";
import { runDbCopy } from "./run";

if (!TEST_PG_URL) console.warn("lib/dbcopy/copy-pg.test.ts skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

const dir = `/tmp/dbcopy/pg-${randomBytes(4).toString("hex")}`;
const scratches: ScratchDatabase[] = [];
const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream;

afterAll(async () => {
  for (const scratch of scratches) await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

function dump(file: string) {
  const db = openDatabase(file);
  try {
    return copyPlan().map((plan) => db.select().from(plan.sqlite).orderBy(...plan.key.map((k) => (plan.sqlite as unknown as Record<string, never>)[k])).all());
  } finally {
    db.$client.close();
  }
}

describe.skipIf(!TEST_PG_URL)("db:copy on a real PostgreSQL server", () => {
  it("round-trips the demo desk and notices tampering", async () => {
    mkdirSync(dir, { recursive: true });
    const desk = `${dir}/desk.db`;
    const db = openDatabase(desk);
    await seedDemo(db);
    db.$client.close();
    const scratch = await scratchDatabase("factdesk_dbcopy");
    scratches.push(scratch);

    const there = await runDbCopy({ from: desk, to: scratch.url, stderr: quiet });
    expect(there.comparison.problems).toEqual([]);
    const back = await runDbCopy({ from: scratch.url, to: `${dir}/back.db`, stderr: quiet });
    expect(back.comparison.problems).toEqual([]);
    expect(back.comparison.target.headHash).toBe(there.comparison.source.headHash);
    expect(dump(`${dir}/back.db`)).toEqual(dump(desk));

    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await client.query("UPDATE citations SET title = title || ' (retitled)' WHERE id = (SELECT min(id) FROM citations)");
    } finally {
      await client.end();
    }
    const tampered = await runDbCopy({ from: scratch.url, to: `${dir}/tampered.db`, stderr: quiet });
    expect(tampered.comparison.ok).toBe(false);
    expect(tampered.comparison.problems.join("\n")).toMatch(/audit:verify fails on the source .*: Sign-off #\d+ rests on citation #\d+, which was changed/);
  }, 180_000);
});
