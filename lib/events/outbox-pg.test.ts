/**
 * inTransactionWithEvents on PostgreSQL, on the migrated schema: in process on PGlite, and on a real
 * server (scripts/pg-cluster.sh run npx vitest run lib/events/outbox-pg.test.ts), where the events also
 * reach another connection's listener through NOTIFY at commit, and a deadlock is retried with only the
 * winning attempt's events recorded. The real-server part is skipped, with a message, when
 * FACTDESK_TEST_PG_URL is unset. The SQLite behaviour is pinned by the domain tests that use it.
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { asc, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, postgresMigrationsFolder, type PgDb } from "@/db/client-pg";
import * as schema from "@/db/schema-pg";
import { events } from "@/db/schema-pg";
import { refuse } from "@/lib/core/result";
import { listenForEvents, type PgListener } from "@/lib/pg/notify";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { inTransactionWithEvents } from "./outbox";
import type { NewEvent, RecordedEvent } from "./types";

if (!TEST_PG_URL) console.warn("lib/events/outbox-pg.test.ts: real-server tests skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

const edited = (claimId: number): NewEvent => ({ kind: "claim.edited", actorId: 1, claimId, articleId: null, version: 2 });
const claimOf = (event: RecordedEvent) => ("claimId" in event ? event.claimId : null);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same checks on any drizzle PostgreSQL database with the migrated schema. */
function recordsEvents(name: string, database: () => PgDb) {
  describe(`inTransactionWithEvents on ${name}`, () => {
    const rows = async () => (await database().select().from(events).orderBy(asc(events.id))).map((row) => [row.id, row.kind, row.claimId]);

    it("inserts the recorded events in the order recorded and resolves to them, with their ids, once committed", async () => {
      const before = await rows();
      const result = await inTransactionWithEvents(database(), async (_tx, record) => {
        record(edited(11));
        await tick(1);
        record(edited(12));
        record(edited(13));
        return "done";
      });
      expect(result.ok && result.value).toBe("done");
      expect(result.events.map(claimOf)).toEqual([11, 12, 13]);
      const ids = result.events.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect((await rows()).slice(before.length)).toEqual(result.events.map((event) => [event.id, "claim.edited", claimOf(event)]));
    });

    it("records nothing when the work refuses: the events roll back with the rest, and the Result carries none", async () => {
      const before = await rows();
      const result = await inTransactionWithEvents(database(), async (_tx, record) => {
        record(edited(21));
        await tick(1);
        refuse("conflict", "changed meanwhile");
      });
      expect(result.ok).toBe(false);
      expect(result.events).toEqual([]);
      expect(await rows()).toEqual(before);
    });
  });
}

let pglite: PGlite;
let pgliteDb: PgDb;
beforeAll(async () => {
  pglite = new PGlite({ extensions: { unaccent } });
  const db = drizzle(pglite, { schema });
  await migrate(db, { migrationsFolder: postgresMigrationsFolder() });
  pgliteDb = db as unknown as PgDb;
}, 120_000);
afterAll(async () => {
  await pglite?.close();
});

recordsEvents("PGlite", () => pgliteDb);

describe.skipIf(!TEST_PG_URL)("on a real server", () => {
  let scratch: ScratchDatabase;
  let db: PgDb;
  let listener: PgListener<typeof events.$inferSelect> | undefined;
  const heard: number[] = [];
  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_outbox");
    db = await openPostgres(scratch.url, { max: 4 });
    await db.execute(sql`CREATE TABLE outbox_locks (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0)`);
    await db.execute(sql`INSERT INTO outbox_locks (id) VALUES (1), (2)`);
    listener = listenForEvents(scratch.url, db, (rows) => heard.push(...rows.map((row) => row.id)), { onError: () => {} });
    await listener.start();
  }, 60_000);
  afterAll(async () => {
    await listener?.stop();
    await db?.$client.end();
    await scratch?.drop();
  });

  recordsEvents("a real server", () => db);

  it("notifies the ids at commit: another connection's listener reads exactly the committed events, and none of a refused one", async () => {
    // The events the other tests committed may still be arriving: only what comes after them counts.
    const [{ newest }] = await db.select({ newest: sql<number>`coalesce(max(${events.id}), 0)` }).from(events);
    const heardNow = () => heard.filter((id) => id > newest);
    const refused = await inTransactionWithEvents(db, async (_tx, record) => {
      record(edited(31));
      await tick(1);
      refuse("conflict", "no");
    });
    expect(refused.ok).toBe(false);
    const committed = await inTransactionWithEvents(db, (_tx, record) => {
      record(edited(32));
      record(edited(33));
    });
    const ids = committed.events.map((event) => event.id);
    await expect.poll(heardNow, { timeout: 10_000 }).toEqual(ids);
    await tick(200);
    expect(heardNow()).toEqual(ids); // the refused transaction's notification was never sent
  });

  it("runs the work again after a deadlock, and resolves to (and keeps) only the events of the attempt that committed", async () => {
    const before = (await db.select().from(events)).length;
    let attempts = 0;
    let arrived = 0;
    let bothIn!: () => void;
    const together = new Promise<void>((resolve) => (bothIn = resolve));
    // Two transactions lock the two rows in opposite orders: the server aborts one with 40P01.
    const lockBoth = (first: number, second: number, claimId: number) =>
      inTransactionWithEvents(db, async (tx, record) => {
        const attempt = ++attempts;
        record(edited(claimId * 10 + attempt));
        await tx.execute(sql`UPDATE outbox_locks SET n = n + 1 WHERE id = ${first}`);
        if (++arrived === 2) bothIn();
        await Promise.race([together, tick(2000)]);
        await tx.execute(sql`UPDATE outbox_locks SET n = n + 1 WHERE id = ${second}`);
        record(edited(claimId * 10 + attempt));
        return attempt;
      });
    const [a, b] = await Promise.all([lockBoth(1, 2, 4), lockBoth(2, 1, 5)]);
    expect(a.ok && b.ok).toBe(true);
    expect(attempts).toBe(3); // one of them ran twice
    for (const result of [a, b]) {
      expect(result.events).toHaveLength(2);
      // Both events carry the committing attempt's number: what a failed attempt recorded was forgotten.
      expect(new Set(result.events.map(claimOf)).size).toBe(1);
    }
    const all = await db.select().from(events);
    expect(all.length - before).toBe(4);
  }, 30_000);
});
