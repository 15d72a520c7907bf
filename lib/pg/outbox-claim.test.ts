/**
 * claimDueDeliveries: which rows it claims (in process on PGlite, the migrated PostgreSQL schema), and
 * on a real server (scripts/pg-cluster.sh run npx vitest run lib/pg/outbox-claim.test.ts) that two
 * workers on two pools claiming at once never get the same row: 200 deliveries, claimed in batches
 * inside transactions that hold their rows a while, come out as two disjoint sets whose union is all.
 * The real-server part is skipped, with a message, when FACTDESK_TEST_PG_URL is unset.
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, postgresMigrationsFolder, type PgDb, type PgExecutor } from "@/db/client-pg";
import * as schema from "@/db/schema-pg";
import { deliveries, webhooks } from "@/db/schema-pg";
import { LEASE_MS } from "@/lib/delivery/outbox";
import { transact } from "@/lib/core/transaction";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { claimDueDeliveries } from "./outbox-claim";

if (!TEST_PG_URL) console.warn("lib/pg/outbox-claim.test.ts: real-server test skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

const t0 = new Date("2030-01-01T00:00:00.000Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pending(key: string, nextAttemptAt = t0, extra: Partial<typeof deliveries.$inferInsert> = {}): typeof deliveries.$inferInsert {
  return { channel: "email", dedupKey: key, payload: "{}", nextAttemptAt: nextAttemptAt.toISOString(), createdAt: t0.toISOString(), ...extra };
}

describe("claimDueDeliveries on PGlite", () => {
  let client: PGlite;
  let db: PgExecutor;
  beforeAll(async () => {
    client = new PGlite({ extensions: { unaccent } });
    const pglite = drizzle(client, { schema });
    await migrate(pglite, { migrationsFolder: postgresMigrationsFolder() });
    db = pglite as unknown as PgExecutor;
  }, 120_000);
  afterAll(async () => {
    await client?.close();
  });

  it("claims what leaseDue would: due, pending, unleased, of the channels, not a paused webhook's, oldest due first", async () => {
    const [active, paused] = await db
      .insert(webhooks)
      .values([true, false].map((on) => ({ url: "https://example.test/h", eventKinds: "[]", secret: "s", active: on, createdAt: t0.toISOString(), updatedAt: t0.toISOString() })))
      .returning();
    await db.insert(deliveries).values([
      pending("late", later(-1000)),
      pending("now"),
      pending("future", later(60_000)),
      pending("delivered", t0, { status: "delivered" }),
      pending("leased", t0, { leasedUntil: later(1000).toISOString() }),
      pending("lease ran out", t0, { leasedUntil: later(-1).toISOString() }),
      pending("other channel", t0, { channel: "digest" }),
      pending("active hook", t0, { channel: "webhook", webhookId: active.id }),
      pending("paused hook", t0, { channel: "webhook", webhookId: paused.id }),
    ]);
    const claimed = await claimDueDeliveries(db, ["email", "webhook"], 10, t0);
    expect(claimed.map((row) => row.dedupKey)).toEqual(["late", "now", "lease ran out", "active hook"]);
    expect(new Set(claimed.map((row) => row.leasedUntil))).toEqual(new Set([later(LEASE_MS).toISOString()]));
    // Leased now: nothing again until the lease runs out.
    expect(await claimDueDeliveries(db, ["email", "webhook"], 10, later(1))).toEqual([]);
    expect((await claimDueDeliveries(db, ["email"], 2, later(LEASE_MS + 1))).map((row) => row.dedupKey)).toEqual(["late", "now"]);
    expect(await claimDueDeliveries(db, [], 10, t0)).toEqual([]);
  });
});

describe.skipIf(!TEST_PG_URL)("claimDueDeliveries on a real PostgreSQL server", () => {
  let scratch: ScratchDatabase;
  const opened: PgDb[] = [];
  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_claim");
    // Two pools, as two app servers would have.
    opened.push(...(await Promise.all([openPostgres(scratch.url, { max: 3 }), openPostgres(scratch.url, { max: 3 })])));
  }, 60_000);
  afterAll(async () => {
    for (const db of opened) await db.$client.end();
    await scratch?.drop();
  });

  it("never gives two workers on two pools the same delivery: 200 rows, disjoint batches, all claimed", async () => {
    const [one, two] = opened;
    await one.execute(sql`TRUNCATE deliveries RESTART IDENTITY CASCADE`);
    await one.insert(deliveries).values(Array.from({ length: 200 }, (_, i) => pending(`d${i}`, later(i))));
    const now = later(1000);

    /** A worker: claims batches in transactions that hold their rows a moment (as a slow claim would), until nothing is left for it. */
    const worker = async (db: PgDb, batch: number) => {
      const mine: number[] = [];
      let batches = 0;
      for (;;) {
        const result = await transact(db, async (tx) => {
          const claimed = await claimDueDeliveries(tx, ["email"], batch, now);
          await tick(3);
          return claimed.map((row) => row.id);
        });
        if (!result.ok) throw new Error(result.error.message);
        if (result.value.length === 0) return { mine, batches };
        mine.push(...result.value);
        batches++;
      }
    };
    // Two workers on each pool: four claimers at once, two processes' worth of connections.
    const workers = await Promise.all([worker(one, 7), worker(two, 5), worker(one, 11), worker(two, 3)]);
    const all = workers.flatMap((w) => w.mine);
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    // Everyone got a share: they really ran side by side, skipping each other's locked rows.
    for (const w of workers) expect(w.batches).toBeGreaterThan(0);
    const [{ leased }] = (await one.execute<{ leased: number }>(sql`SELECT count(*)::int AS leased FROM deliveries WHERE leased_until IS NOT NULL`)).rows;
    expect(leased).toBe(200);
  }, 60_000);

  it("skips the rows another worker's open claim holds instead of waiting for it", async () => {
    const [one, two] = opened;
    await one.execute(sql`TRUNCATE deliveries RESTART IDENTITY CASCADE`);
    await one.insert(deliveries).values(Array.from({ length: 10 }, (_, i) => pending(`s${i}`, later(i))));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first: number[] = [];
    let claimedFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const holder = transact(one, async (tx) => {
      first = (await claimDueDeliveries(tx, ["email"], 5, later(1000))).map((row) => row.id);
      claimedFirst();
      await held; // still open: its five rows are locked
    });
    await firstClaimed;
    // Answers while the first transaction is still open (without SKIP LOCKED it would wait, then find those rows leased).
    const claiming = claimDueDeliveries(two, ["email"], 5, later(1000)).then((rows) => rows.map((row) => row.id));
    const second = await Promise.race([claiming, tick(5000).then(() => "still waiting after 5 s")]);
    release();
    await Promise.all([holder, claiming]);
    expect(first).toEqual([1, 2, 3, 4, 5]);
    expect(second).toEqual([6, 7, 8, 9, 10]);
  }, 60_000);
});
