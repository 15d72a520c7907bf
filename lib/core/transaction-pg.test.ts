/**
 * transact on PostgreSQL: the behaviours lib/core/transaction.test.ts pins on SQLite, on PGlite in
 * process and on a real server (scripts/pg-cluster.sh run npx vitest run lib/core/transaction-pg.test.ts),
 * plus what only a server with a pool shows: clients always go back (100 failing transactions on a pool
 * of 2), a broken connection is destroyed, transactions run side by side, and a version-checked race
 * has exactly one winner. The real-server part is skipped, with a message, when FACTDESK_TEST_PG_URL is unset.
 */
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openPostgres, type PgDb } from "@/db/client-pg";
import { claims, users } from "@/db/schema-pg";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { expectVersion } from "@/lib/workflow/claim-store";
import { refuse } from "./result";
import { inTransact, setTransactionHook, sqlState, transact, TransactionAbortedError, TransactionEndedError, type PgConnected, type PgTx } from "./transaction";

if (!TEST_PG_URL) console.warn("lib/core/transaction-pg.test.ts: real-server tests skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

const notes = pgTable("seam_notes", {
  id: serial("id").primaryKey(),
  body: text("body").notNull(),
  version: integer("version").notNull().default(1),
  ref: integer("ref"),
});
const schema = { notes };

// `ref` is unique only at COMMIT, so a duplicate fails the COMMIT itself.
const DDL = `
  CREATE TABLE IF NOT EXISTS seam_notes (
    id serial PRIMARY KEY, body text NOT NULL, version integer NOT NULL DEFAULT 1,
    ref integer, CONSTRAINT seam_notes_ref UNIQUE (ref) DEFERRABLE INITIALLY DEFERRED
  )`;

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** PGlite's drizzle database has node-postgres' API (execute answers rows; rowCount is node-postgres' only): one type for both here. */
type TestDb = NodePgDatabase<typeof schema>;

interface Engine {
  db: TestDb;
  /** Bodies as committed, read outside any transaction. */
  bodies(): Promise<string[]>;
  reset(): Promise<void>;
}

afterEach(() => setTransactionHook(null));

/** The contract's behaviours, the same on every PostgreSQL connection kind. */
function behaviours(name: string, engine: () => Engine) {
  describe(`transact on ${name}`, () => {
    beforeEach(() => engine().reset());

    it("commits every statement of the work, run on the executor it was given", async () => {
      const { db, bodies } = engine();
      const result = await transact(db, async (tx) => {
        await tx.insert(notes).values({ body: "one" });
        await tick();
        await tx.execute(sql`INSERT INTO seam_notes (body) VALUES ('two')`);
        return (await tx.select().from(notes)).length;
      });
      expect(result).toEqual({ ok: true, value: 2 });
      expect(await bodies()).toEqual(["one", "two"]);
    });

    it("rolls back and rejects on an error, sync or after an await, and on a failed statement", async () => {
      const { db, bodies } = engine();
      await expect(
        transact(db, (tx) => {
          void tx;
          throw new Error("bug");
        }),
      ).rejects.toThrow("bug");
      await expect(
        transact(db, async (tx) => {
          await tx.insert(notes).values({ body: "lost" });
          await tick();
          throw new Error("async bug");
        }),
      ).rejects.toThrow("async bug");
      await expect(
        transact(db, async (tx) => {
          await tx.insert(notes).values({ body: "lost too" });
          await tx.execute(sql`SELECT * FROM no_such_table`);
        }),
      ).rejects.toThrow(/no_such_table/);
      expect(await bodies()).toEqual([]);
    });

    it("rolls back on a refusal and answers it as a failed Result", async () => {
      const { db, bodies } = engine();
      const refused = await transact(db, async (tx) => {
        await tx.insert(notes).values({ body: "lost" });
        refuse("conflict", "stale");
      });
      expect(refused).toEqual({ ok: false, error: { code: "conflict", message: "stale" } });
      expect(await bodies()).toEqual([]);
    });

    it("nests as savepoints on the same client: a refused nested call undoes only its own part", async () => {
      const { db, bodies } = engine();
      const outer = await transact(db, async (tx) => {
        await tx.insert(notes).values({ body: "outer" });
        expect(inTransact()).toBe(true);
        const inner = await transact(tx, async (inner) => {
          await tick();
          await inner.insert(notes).values({ body: "inner" });
          // The nested executor sees the enclosing transaction's uncommitted row: same client.
          return (await inner.select().from(notes)).map((note) => note.body);
        });
        const refused = await transact(tx, async (inner) => {
          await inner.insert(notes).values({ body: "refused" });
          refuse("conflict", "stale");
        });
        // Given the database again (a helper that does not know it is nested) it joins too.
        const viaDb = await transact(db, (again) => again.insert(notes).values({ body: "via db" }));
        const deeper = await transact(tx, (inner) => transact(inner, (deepest) => deepest.insert(notes).values({ body: "deeper" })));
        // drizzle's own nested API is the same savepoint.
        await tx.transaction(async (inner) => {
          await inner.insert(notes).values({ body: "drizzle" });
        });
        return { inner, refused: refused.ok, viaDb: viaDb.ok, deeper: deeper.ok && deeper.value.ok };
      });
      expect(outer).toEqual({ ok: true, value: { inner: { ok: true, value: ["outer", "inner"] }, refused: false, viaDb: true, deeper: true } });
      expect(await bodies()).toEqual(["outer", "inner", "via db", "deeper", "drizzle"]);
      expect(inTransact()).toBe(false);
    });

    it("rolls a nested transaction's writes back with the transaction it joined", async () => {
      const { db, bodies } = engine();
      const outer = await transact(db, async (tx) => {
        await transact(tx, (inner) => inner.insert(notes).values({ body: "inner" }));
        refuse("conflict", "after all");
      });
      expect(outer.ok).toBe(false);
      expect(await bodies()).toEqual([]);
    });

    it("lets sibling nested calls made at once take turns instead of undoing each other's savepoints", async () => {
      const { db, bodies } = engine();
      const outer = await transact(db, async (tx) => {
        const [kept, refused] = await Promise.all([
          transact(tx, async (inner) => {
            await inner.insert(notes).values({ body: "kept" });
            await tick(10);
            await inner.insert(notes).values({ body: "kept too" });
          }),
          transact(tx, async (inner) => {
            await inner.insert(notes).values({ body: "refused" });
            refuse("invalid", "no");
          }),
        ]);
        return [kept.ok, refused.ok];
      });
      expect(outer).toEqual({ ok: true, value: [true, false] });
      expect(await bodies()).toEqual(["kept", "kept too"]);
    });

    it("fails the transaction when its COMMIT fails (a deferred constraint), leaving nothing", async () => {
      const { db, bodies } = engine();
      await expect(
        transact(db, async (tx) => {
          await tx.insert(notes).values([
            { body: "a", ref: 1 },
            { body: "b", ref: 1 },
          ]);
        }),
      ).rejects.toThrow(/seam_notes_ref/);
      expect(await bodies()).toEqual([]);
      // The connection is fine afterwards.
      expect(await transact(db, (tx) => tx.insert(notes).values({ body: "after" }))).toMatchObject({ ok: true });
      expect(await bodies()).toEqual(["after"]);
    });

    it("does not commit work that swallowed a failed statement (COMMIT answers ROLLBACK)", async () => {
      const { db, bodies } = engine();
      const swallowing = transact(db, async (tx) => {
        await tx.insert(notes).values({ body: "lost" });
        await tx.execute(sql`SELECT 1 / 0`).catch(() => undefined);
        return "pretends all is well";
      });
      await expect(swallowing).rejects.toThrow();
      expect(await bodies()).toEqual([]);
    });

    it("refuses statements on an executor whose transaction ended, and does not nest a left-behind callback in it", async () => {
      const { db, bodies } = engine();
      let kept: PgConnected | undefined;
      let later: Promise<unknown> | undefined;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await transact(db, async (tx) => {
        kept = tx;
        await tx.insert(notes).values({ body: "committed" });
        later = gate.then(() => transact(db, (own) => own.insert(notes).values({ body: "later, its own transaction" })));
      });
      // drizzle wraps the driver's error as the cause of its own.
      const leftover = await kept!.insert(notes).values({ body: "leftover" }).then(() => "ran", (error: Error) => error.cause);
      expect(leftover).toBeInstanceOf(TransactionEndedError);
      await expect(transact(kept!, () => "joined")).rejects.toThrow(TransactionEndedError);
      release();
      await expect(later).resolves.toMatchObject({ ok: true });
      expect(await bodies()).toEqual(["committed", "later, its own transaction"]);
    });

    it("calls the hook around each transaction with the error it failed with", async () => {
      const { db } = engine();
      const ended: unknown[] = [];
      setTransactionHook(() => (error) => ended.push(error === undefined ? "ok" : error instanceof Error ? error.message : error));
      await transact(db, () => null);
      await transact(db, async () => refuse("conflict", "stale"));
      await transact(db, (tx) => transact(tx, () => null));
      await transact(db, () => {
        throw new Error("bug");
      }).catch(() => undefined);
      expect(ended).toEqual(["ok", "stale", "ok", "ok", "bug"]);
    });
  });
}

// ---- PGlite, in process ----

let pglite: PGlite | undefined;
const pgliteEngine: Engine = {
  db: undefined as unknown as TestDb,
  bodies: async () => (await pglite!.query<{ body: string }>("SELECT body FROM seam_notes ORDER BY id")).rows.map((row) => row.body),
  reset: async () => void (await pglite!.exec("TRUNCATE seam_notes RESTART IDENTITY")),
};

describe("PGlite", () => {
  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.exec(DDL);
    pgliteEngine.db = drizzlePglite(pglite, { schema }) as unknown as TestDb;
  }, 120_000);
  afterAll(async () => {
    await pglite?.close();
  });

  behaviours("PGlite", () => pgliteEngine);

  it("retries a lost race only when asked, a bounded number of times, then answers conflict", async () => {
    const { db, bodies, reset } = pgliteEngine;
    await reset();
    const lost = () => Object.assign(new Error("could not serialize access"), { code: "40001" });
    let runs = 0;
    const once = await transact(db, async (tx) => {
      runs++;
      await tx.insert(notes).values({ body: "lost" });
      throw lost();
    });
    expect([once, runs]).toEqual([{ ok: false, error: { code: "conflict", message: expect.any(String), details: { sqlState: "40001", attempts: 1 } } }, 1]);
    runs = 0;
    const retried: number[] = [];
    const exhausted = await transact(
      db,
      async (tx) => {
        runs++;
        await tx.insert(notes).values({ body: "lost again" });
        throw lost();
      },
      { retries: 2, onRetry: (attempt) => retried.push(attempt) },
    );
    expect([exhausted.ok, runs, retried]).toEqual([false, 3, [1, 2]]);
    runs = 0;
    const third = await transact(
      db,
      async (tx) => {
        await tx.insert(notes).values({ body: `attempt ${++runs}` });
        if (runs < 3) throw lost();
        return runs;
      },
      { retries: 5 },
    );
    expect(third).toEqual({ ok: true, value: 3 });
    // A nested call passes the race up; the whole transaction is what runs again.
    runs = 0;
    const whole = await transact(
      db,
      async (tx) => {
        runs++;
        await tx.insert(notes).values({ body: `outer ${runs}` });
        return transact(tx, async (inner) => {
          await inner.insert(notes).values({ body: `inner ${runs}` });
          if (runs === 1) throw lost();
        });
      },
      { retries: 1 },
    );
    expect(whole).toMatchObject({ ok: true, value: { ok: true } });
    // Other errors are never retried.
    runs = 0;
    await expect(transact(db, () => (runs++, Promise.reject(new Error("bug"))), { retries: 3 })).rejects.toThrow("bug");
    expect(runs).toBe(1);
    expect(await bodies()).toEqual(["attempt 3", "outer 2", "inner 2"]);
  });

  it("makes concurrent transactions on its one connection take turns", async () => {
    const { db, bodies, reset } = pgliteEngine;
    await reset();
    const log: string[] = [];
    const first = transact(db, async (tx) => {
      await tx.insert(notes).values({ body: "a1" });
      log.push("a1");
      await tick();
      await tx.insert(notes).values({ body: "a2" });
      log.push("a2");
    });
    const second = transact(db, async (tx) => {
      log.push(`b sees ${(await tx.select().from(notes)).map((note) => note.body).join(",")}`);
      await tx.insert(notes).values({ body: "b1" });
    });
    await Promise.all([first, second]);
    expect(log).toEqual(["a1", "a2", "b sees a1,a2"]);
    expect(await bodies()).toEqual(["a1", "a2", "b1"]);
  });
});

// ---- A real server, through a pg.Pool ----

let scratch: ScratchDatabase | undefined;
const pools: pg.Pool[] = [];
function pool(max: number): pg.Pool {
  const created = new pg.Pool({ connectionString: scratch!.url, max });
  created.on("error", () => {});
  pools.push(created);
  return created;
}
const serverEngine: Engine = {
  db: undefined as unknown as TestDb,
  bodies: async () => (await pools[0].query<{ body: string }>("SELECT body FROM seam_notes ORDER BY id")).rows.map((row) => row.body),
  reset: async () => void (await pools[0].query("TRUNCATE seam_notes RESTART IDENTITY")),
};

describe.skipIf(!TEST_PG_URL)("a real PostgreSQL server", () => {
  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_seam");
    const outside = pool(2);
    await outside.query(DDL);
    serverEngine.db = drizzlePg(pool(4), { schema });
  }, 60_000);
  afterAll(async () => {
    for (const created of pools) await created.end();
    await scratch?.drop();
  });

  behaviours("a pg.Pool", () => serverEngine);

  it("runs transactions side by side on their own clients, each invisible to the other until it commits", async () => {
    const { db, bodies, reset } = serverEngine;
    await reset();
    // All three inserted, then all three read, before any commits: only possible if they run at once.
    const barrier = (count: number) => {
      let arrived = 0;
      let open!: () => void;
      const all = new Promise<void>((resolve) => (open = resolve));
      return () => (++arrived === count && open(), all);
    };
    const inserted = barrier(3);
    const read = barrier(3);
    let inside = 0;
    let most = 0;
    const seen: string[][] = [];
    const runs = Array.from({ length: 3 }, (_, i) =>
      transact(db, async (tx) => {
        most = Math.max(most, ++inside);
        await tx.insert(notes).values({ body: `n${i}` });
        await inserted();
        seen.push((await tx.select().from(notes)).map((note) => note.body));
        await read();
        inside -= 1;
      }),
    );
    await Promise.all(runs);
    expect(most).toBe(3);
    // Each saw its own row and, read committed, none of the others' (all still open then).
    expect(seen.map((rows) => rows.length)).toEqual([1, 1, 1]);
    expect((await bodies()).sort()).toEqual(["n0", "n1", "n2"]);
  });

  it("always gives the client back: 100 failing transactions on a pool of 2 leave it whole", async () => {
    const small = pool(2);
    const db = drizzlePg(small, { schema });
    await pools[0].query("TRUNCATE seam_notes RESTART IDENTITY");
    const failures = Array.from({ length: 100 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return transact(db, async (tx) => {
            await tx.insert(notes).values({ body: "thrown" });
            throw new Error("bug");
          });
        case 1:
          return transact(db, async (tx) => {
            await tx.insert(notes).values({ body: "refused" });
            refuse("conflict", "stale");
          });
        case 2:
          return transact(db, (tx) => tx.execute(sql`SELECT * FROM no_such_table`));
        case 3:
          return transact(db, (tx) => tx.insert(notes).values([{ body: "x", ref: i }, { body: "y", ref: i }]));
        default:
          return transact(db, (tx) => tx.execute(sql`SELECT 1 / 0`).catch(() => "swallowed"));
      }
    });
    const outcomes = await Promise.allSettled(failures);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(80);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && !outcome.value.ok)).toHaveLength(20);
    expect(outcomes.some((outcome) => outcome.status === "rejected" && outcome.reason instanceof TransactionAbortedError)).toBe(true);
    expect([small.totalCount <= 2, small.idleCount, small.waitingCount]).toEqual([true, small.totalCount, 0]);
    expect(await transact(db, (tx) => tx.insert(notes).values({ body: "after" }))).toMatchObject({ ok: true });
    expect(await serverEngine.bodies()).toEqual(["after"]);
  });

  // Also: the checked-out client's "error" event is handled (without a listener it is an unhandled error, and this file fails).
  it("destroys a client whose connection died mid-transaction instead of handing it out again", async () => {
    const small = pool(1);
    const db = drizzlePg(small, { schema });
    const dying = transact(db, async (tx) => {
      const [{ pid }] = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows;
      await pools[0].query("SELECT pg_terminate_backend($1)", [pid]);
      await tick(50);
      await tx.insert(notes).values({ body: "never" });
    });
    await expect(dying).rejects.toThrow();
    // The one slot was freed and the next transaction gets a new, working connection.
    expect(await transact(db, (tx) => tx.execute(sql`SELECT 1`).then(() => "fine"))).toEqual({ ok: true, value: "fine" });
    expect(small.totalCount).toBe(1);
  });

  describe("lost races (serialization failures, deadlocks)", () => {
    beforeEach(async () => {
      await serverEngine.reset();
      await pools[0].query("INSERT INTO seam_notes (body) VALUES ('one'), ('two')");
    });

    /** Two serializable transactions that both read the chain's head before either appends: a write skew. */
    function appendRace(options: Parameters<typeof transact>[2]) {
      const { db } = serverEngine;
      let arrived = 0;
      let open!: () => void;
      const bothRead = new Promise<void>((resolve) => (open = resolve));
      const runs: string[] = [];
      const append = (who: string) =>
        transact(
          db,
          async (tx) => {
            runs.push(who);
            const [{ head }] = (await tx.execute<{ head: number }>(sql`SELECT max(id) AS head FROM seam_notes`)).rows;
            if (++arrived === 2) open();
            await Promise.race([bothRead, tick(500)]); // a retry runs alone
            await tx.insert(notes).values({ body: `${who} after ${head}` });
            return who;
          },
          { isolation: "serializable", ...options },
        );
      return { outcomes: Promise.all([append("a"), append("b")]), runs };
    }

    it("answers the loser of a serialization failure as a conflict by default, with nothing of it written", async () => {
      const { outcomes } = appendRace({});
      const [a, b] = await outcomes;
      expect([a, b].filter((outcome) => outcome.ok)).toHaveLength(1);
      expect([a, b].find((outcome) => !outcome.ok)).toMatchObject({ ok: false, error: { code: "conflict", details: { sqlState: "40001", attempts: 1 } } });
      expect(await serverEngine.bodies()).toHaveLength(3);
    });

    it("runs the loser again when the work may be retried, so both append to one linear chain", async () => {
      const retried: string[] = [];
      const { outcomes, runs } = appendRace({ retries: 3, onRetry: (attempt, error) => retried.push(`${attempt} ${sqlState(error)}`) });
      expect((await outcomes).map((outcome) => outcome.ok)).toEqual([true, true]);
      expect(retried).toEqual(["1 40001"]);
      expect(runs).toHaveLength(3);
      const bodies = await serverEngine.bodies();
      // The retry read the winner's row as the head: no two appends after the same head. (The winner's
      // id is 3 or 4: an identity value the aborted attempt drew is not given back.)
      const heads = bodies.slice(2).map((body) => Number(body.split(" after ")[1]));
      expect(heads).toHaveLength(2);
      expect(heads).toContain(2);
      expect(heads.find((head) => head !== 2)).toBeGreaterThan(2);
    });

    /** Two transactions locking rows 1 and 2 in opposite orders: the server picks one as the deadlock's victim. */
    function deadlock(options: Parameters<typeof transact>[2]) {
      const { db } = serverEngine;
      let arrived = 0;
      let open!: () => void;
      const bothLocked = new Promise<void>((resolve) => (open = resolve));
      const lock = (first: number, second: number) =>
        transact(
          db,
          async (tx) => {
            await tx.execute(sql`UPDATE seam_notes SET version = version + 1 WHERE id = ${first}`);
            if (++arrived === 2) open();
            await Promise.race([bothLocked, tick(500)]);
            await tx.execute(sql`UPDATE seam_notes SET version = version + 1 WHERE id = ${second}`);
          },
          options,
        );
      return Promise.all([lock(1, 2), lock(2, 1)]);
    }

    it("answers a deadlock's victim as a conflict, or retries it when allowed", async () => {
      const once = await deadlock({});
      expect(once.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(once.find((outcome) => !outcome.ok)).toMatchObject({ error: { code: "conflict", details: { sqlState: "40P01" } } });
      const retried = await deadlock({ retries: 2 });
      expect(retried.map((outcome) => outcome.ok)).toEqual([true, true]);
      // 1 (first round's winner) + 2 (both in the second round) updates of each row.
      expect((await pools[0].query("SELECT version FROM seam_notes ORDER BY id")).rows).toEqual([{ version: 4 }, { version: 4 }]);
    }, 30_000);
  });

  describe("racing on one row", () => {
    /** Two transactions that both read the row before either writes: a barrier between the read and the write. */
    function race(write: (tx: PgTx<TestDb>, seenVersion: number) => Promise<void>, lockOnRead = false) {
      const { db } = serverEngine;
      let arrived = 0;
      let open!: () => void;
      const barrier = new Promise<void>((resolve) => (open = resolve));
      const contender = (who: string) =>
        transact(db, async (tx) => {
          const read = lockOnRead ? sql`SELECT version FROM seam_notes WHERE id = 1 FOR UPDATE` : sql`SELECT version FROM seam_notes WHERE id = 1`;
          const pending = tx.execute<{ version: number }>(read);
          if (++arrived === 2) open();
          const [{ version }] = (await pending).rows;
          if (!lockOnRead) await barrier; // both have read version 1
          await write(tx, version);
          await tick(20);
          return who;
        });
      return Promise.all([contender("a"), contender("b")]);
    }

    beforeEach(async () => {
      await serverEngine.reset();
      await pools[0].query("INSERT INTO seam_notes (body) VALUES ('claim')");
    });

    it("a version-checked UPDATE has exactly one winner; the loser is refused as a conflict", async () => {
      const outcomes = await race(async (tx, seen) => {
        const updated = await tx.execute(sql`UPDATE seam_notes SET version = version + 1 WHERE id = 1 AND version = ${seen}`);
        if (updated.rowCount !== 1) refuse("conflict", "The claim changed since you loaded it.");
      });
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, error: { code: "conflict", message: "The claim changed since you loaded it." } }]);
      expect((await pools[0].query("SELECT version FROM seam_notes WHERE id = 1")).rows).toEqual([{ version: 2 }]);
    });

    it("SELECT … FOR UPDATE makes the second wait and then see the first's version", async () => {
      const seenVersions: number[] = [];
      const outcomes = await race(async (tx, seen) => {
        seenVersions.push(seen);
        if (seen !== 1) refuse("conflict", "stale");
        await tx.update(notes).set({ version: seen + 1 }).where(eq(notes.id, 1));
      }, true);
      expect(seenVersions).toEqual([1, 2]);
      expect(outcomes.map((outcome) => outcome.ok).sort()).toEqual([false, true]);
    });
  });
});

describe.skipIf(!TEST_PG_URL)("racing transitions on the desk's own schema (what #17 item 2 builds on)", () => {
  let desk: ScratchDatabase;
  let db: PgDb;
  beforeAll(async () => {
    desk = await scratchDatabase("factdesk_seam_desk");
    db = await openPostgres(desk.url, { max: 4 });
  }, 60_000);
  afterAll(async () => {
    await db?.$client.end();
    await desk?.drop();
  });

  it("reading the claim FOR UPDATE gives the loser SQLite's own answer: the stale-version 409 with the current version", async () => {
    const now = new Date().toISOString();
    const [user] = await db.insert(users).values({ email: "r@example.test", name: "R", role: "editor", passwordHash: "x", createdAt: now, updatedAt: now }).returning();
    const [claim] = await db.insert(claims).values({ text: "t", textHash: "h", submitterId: user.id, createdAt: now, updatedAt: now }).returning();
    // Both saw version 1; each transition locks the claim, expects the version it saw, then bumps it.
    const transition = (state: "reviewed" | "draft") =>
      transact(db, async (tx) => {
        const [current] = await tx.select().from(claims).where(eq(claims.id, claim.id)).for("update");
        expectVersion(current, 1);
        await tick(20);
        await tx.update(claims).set({ state, version: current.version + 1, updatedAt: new Date().toISOString() }).where(eq(claims.id, claim.id));
        return state;
      });
    const outcomes = await Promise.all([transition("reviewed"), transition("draft")]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const loser = outcomes.find((outcome) => !outcome.ok);
    expect(loser).toMatchObject({ ok: false, error: { code: "conflict", details: { currentVersion: 2 } } });
    expect(loser?.ok === false && loser.error.message).toMatch(/you saw version 1, it is now version 2/);
    const [after] = await db.select().from(claims).where(eq(claims.id, claim.id));
    expect(after.version).toBe(2);
  });
});
