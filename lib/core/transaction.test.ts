import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { refuse } from "./result";
import { inTransact, setTransactionHook, transact } from "./transaction";

/** A connection like the app's (WAL on a file, so a second connection can look from outside) with one table. */
function open(file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-seam-")), "seam.db")) {
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("busy_timeout = 5000");
  client.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const db = { $client: client };
  const insert = (body: string) => client.prepare("INSERT INTO notes (body) VALUES (?)").run(body);
  const bodies = (from: Database.Database = client) => (from.prepare("SELECT body FROM notes ORDER BY id").pluck().all() as string[]);
  return { db, client, file, insert, bodies };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => setTransactionHook(null));

describe("transact on SQLite", () => {
  it("keeps two concurrent transactions apart even when their work awaits between statements", async () => {
    const { db, client, file, insert, bodies } = open();
    const outside = new Database(file, { readonly: true });
    const log: string[] = [];
    const first = transact(db, async () => {
      insert("a1");
      log.push("a1");
      await tick();
      // Another connection sees nothing of an open transaction.
      expect(bodies(outside)).toEqual([]);
      insert("a2");
      log.push("a2");
      await tick();
      return "a";
    });
    const second = transact(db, async () => {
      // Started only after the first committed: it sees both of its rows.
      log.push(`b sees ${bodies().join(",")}`);
      await tick();
      insert("b1");
      log.push("b1");
      return "b";
    });
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, value: "a" },
      { ok: true, value: "b" },
    ]);
    expect(log).toEqual(["a1", "a2", "b sees a1,a2", "b1"]);
    expect(bodies(outside)).toEqual(["a1", "a2", "b1"]);
    expect(client.inTransaction).toBe(false);
  });

  it("serves many contending callers in order, one at a time", async () => {
    const { db, insert, bodies } = open();
    let inside = 0;
    let most = 0;
    const runs = Array.from({ length: 20 }, (_, i) =>
      transact(db, async () => {
        most = Math.max(most, ++inside);
        insert(`n${i}`);
        await tick(1);
        inside -= 1;
        return i;
      }),
    );
    expect((await Promise.all(runs)).map((result) => result.ok && result.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(1);
    expect(bodies()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  });

  it("commits synchronous work in the same tick when nothing contends (no await before the rows are there)", () => {
    const { db, client, insert, bodies } = open();
    const pending = transact(db, () => insert("now"));
    expect(client.inTransaction).toBe(false);
    expect(bodies()).toEqual(["now"]);
    return expect(pending).resolves.toMatchObject({ ok: true });
  });

  it("rolls back and rejects on an error, sync or after an await", async () => {
    const { db, client, insert, bodies } = open();
    await expect(
      transact(db, () => {
        insert("lost");
        throw new Error("bug");
      }),
    ).rejects.toThrow("bug");
    await expect(
      transact(db, async () => {
        insert("lost too");
        await tick();
        throw new Error("async bug");
      }),
    ).rejects.toThrow("async bug");
    expect(bodies()).toEqual([]);
    expect(client.inTransaction).toBe(false);
  });

  it("rolls back on a refusal and answers it as a failed Result", async () => {
    const { db, insert, bodies } = open();
    const refused = await transact(db, () => {
      insert("lost");
      refuse("conflict", "stale");
    });
    expect(refused).toEqual({ ok: false, error: { code: "conflict", message: "stale" } });
    const refusedLater = await transact(db, async () => {
      insert("lost too");
      await tick();
      return refuse("forbidden", "not yours");
    });
    expect(refusedLater).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(bodies()).toEqual([]);
  });

  it("releases the lock after an error, a refusal or a BEGIN that failed, so the callers queued behind still run", async () => {
    const { db, insert, bodies } = open();
    const failing = transact(db, async () => {
      insert("x");
      await tick();
      throw new Error("bug");
    });
    const refusing = transact(db, async () => {
      await tick();
      refuse("invalid", "no");
    });
    // BEGIN on a closed connection fails before the work runs.
    const closed = new Database(":memory:");
    closed.close();
    const unopened = transact({ $client: closed }, () => "never");
    const after = transact(db, () => insert("after"));
    await expect(failing).rejects.toThrow("bug");
    await expect(refusing).resolves.toMatchObject({ ok: false });
    await expect(unopened).rejects.toThrow();
    await expect(after).resolves.toMatchObject({ ok: true });
    expect(bodies()).toEqual(["after"]);
  });

  it("joins a transaction it is nested in instead of waiting for its lock, as a savepoint", async () => {
    const { db, client, insert, bodies } = open();
    const outer = await transact(db, async (tx) => {
      insert("outer");
      expect(inTransact()).toBe(true);
      const inner = await transact(tx, async () => {
        await tick();
        insert("inner");
        return "inner";
      });
      // A refused nested call undoes only its own part.
      const refused = await transact(tx, () => {
        insert("refused");
        refuse("conflict", "stale");
      });
      const deeper = await transact(tx, () => transact(tx, () => insert("deeper")));
      return { inner, refused: refused.ok, deeper: deeper.ok && deeper.value.ok };
    });
    expect(outer).toEqual({ ok: true, value: { inner: { ok: true, value: "inner" }, refused: false, deeper: true } });
    expect(bodies()).toEqual(["outer", "inner", "deeper"]);
    expect(client.inTransaction).toBe(false);
    expect(inTransact()).toBe(false);
  });

  it("rolls a nested transaction's writes back with the transaction it joined", async () => {
    const { db, bodies, insert } = open();
    const outer = await transact(db, async (tx) => {
      await transact(tx, () => insert("inner"));
      refuse("conflict", "after all");
    });
    expect(outer.ok).toBe(false);
    expect(bodies()).toEqual([]);
  });

  it("joins a raw transaction already open on the connection (a seed's BEGIN) as a savepoint", async () => {
    const { db, client, insert, bodies } = open();
    client.exec("BEGIN IMMEDIATE");
    const kept = await transact(db, () => insert("kept"));
    const refused = await transact(db, () => {
      insert("refused");
      refuse("invalid", "no");
    });
    expect([kept.ok, refused.ok]).toEqual([true, false]);
    expect(client.inTransaction).toBe(true);
    client.exec("COMMIT");
    expect(bodies()).toEqual(["kept"]);
  });

  it("does not treat a callback left behind by a finished transaction as nested in it", async () => {
    const { db, insert, bodies } = open();
    let later: Promise<unknown> | undefined;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await transact(db, () => {
      later = gate.then(() => transact(db, () => insert("later")));
    });
    // Someone else holds the lock when the left-behind callback runs: it must wait its turn, not barge in.
    const holder = transact(db, async () => {
      release();
      await tick();
      insert("holder");
    });
    await Promise.all([holder, later]);
    expect(bodies()).toEqual(["holder", "later"]);
  });

  it("shows why plain writes must go through transact once work awaits: they would join the open transaction", async () => {
    const { db, insert, bodies } = open();
    let plainWrite!: () => void;
    const written = new Promise<void>((resolve) => (plainWrite = resolve));
    const refused = transact(db, async () => {
      insert("in the transaction");
      await written;
      refuse("conflict", "stale");
    });
    // Another request's plain statement while the work is suspended: on the same connection, inside it.
    insert("plain, rolled back with it");
    plainWrite();
    await refused;
    expect(bodies()).toEqual([]);
    // Through transact it waits for the lock instead, and survives the other's rollback.
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const refusedAgain = transact(db, async () => {
      insert("in the transaction");
      await resumed;
      refuse("conflict", "stale");
    });
    const routed = transact(db, () => insert("routed through the lock"));
    resume();
    await Promise.all([refusedAgain, routed]);
    expect(bodies()).toEqual(["routed through the lock"]);
  });

  it("calls the hook around each transaction with the error it failed with", async () => {
    const { db } = open();
    const ended: unknown[] = [];
    setTransactionHook(() => (error) => ended.push(error === undefined ? "ok" : error instanceof Error ? error.message : error));
    await transact(db, () => null);
    await transact(db, async () => refuse("conflict", "stale"));
    await transact(db, () => transact(db, () => null));
    expect(ended).toEqual(["ok", "stale", "ok", "ok"]);
  });
});
