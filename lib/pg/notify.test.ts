/**
 * LISTEN/NOTIFY fan-out: ids in payloads under PostgreSQL's 8000 bytes, and on a real server
 * (scripts/pg-cluster.sh run npx vitest run lib/pg/notify.test.ts) events committed through one pool
 * reach a listener reading through another, a rolled-back transaction notifies nobody, a row that
 * commits after a higher one still arrives, and a listener whose connection is killed reconnects and
 * catches up from the table with each event handed on once. The real-server part is skipped, with a
 * message, when FACTDESK_TEST_PG_URL is unset.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type PgDb } from "@/db/client-pg";
import { events } from "@/db/schema-pg";
import { refuse } from "@/lib/core/result";
import { transact, type PgTx } from "@/lib/core/transaction";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { decodeIds, encodeIds, listenForEvents, notifyIds, stopEventsListener, subscribeToEvents, type EventRow, type PgListener } from "./notify";

if (!TEST_PG_URL) console.warn("lib/pg/notify.test.ts: real-server tests skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

describe("notification payloads", () => {
  it("carry ids as ranges and split them under the 8000-byte limit", () => {
    expect(encodeIds([5, 3, 4, 9, 12, 11, 3])).toEqual(["3-5,9,11-12"]);
    expect(decodeIds("3-5,9,11-12")).toEqual([3, 4, 5, 9, 11, 12]);
    expect(encodeIds([])).toEqual([]);
    // 5,000 scattered ids (every other one, so no ranges): several payloads, each small enough, all ids kept.
    const scattered = Array.from({ length: 5000 }, (_, i) => 1_000_000 + 2 * i);
    const payloads = encodeIds(scattered);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7900);
    expect(payloads.flatMap(decodeIds)).toEqual(scattered);
    expect(decodeIds("1,two")).toEqual([]);
    expect(decodeIds("9-3")).toEqual([]);
  });
});

describe.skipIf(!TEST_PG_URL)("LISTEN/NOTIFY between two pools on a real server", () => {
  let scratch: ScratchDatabase;
  let publisher: PgDb;
  let reader: PgDb;
  const listeners: PgListener<EventRow>[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_notify");
    // Two pools, as two app servers have: one writes, the other's listener reads.
    [publisher, reader] = await Promise.all([openPostgres(scratch.url, { max: 4 }), openPostgres(scratch.url, { max: 2 })]);
  }, 60_000);
  afterAll(async () => {
    for (const listener of listeners) await listener.stop();
    await publisher?.$client.end();
    await reader?.$client.end();
    await scratch?.drop();
  });

  /** A listener on the reader's side that collects what it is handed, and waits for ids. */
  async function listen(options: Parameters<typeof listenForEvents>[3] = {}) {
    const received: number[] = [];
    const waiting: Array<() => void> = [];
    const listener = listenForEvents(
      scratch.url,
      reader,
      (rows) => {
        received.push(...rows.map((row) => row.id));
        for (const wake of waiting.splice(0)) wake();
      },
      { onError: () => {}, ...options },
    );
    listeners.push(listener);
    await listener.start();
    const until = async (ids: readonly number[], ms = 10_000) => {
      const deadline = Date.now() + ms;
      while (!ids.every((id) => received.includes(id))) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${ids.join(",")}; received ${received.join(",")}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    };
    return { listener, received, until };
  }

  const record = async (tx: PgTx<PgDb>, n: number) => {
    const rows = await tx
      .insert(events)
      .values(Array.from({ length: n }, () => ({ kind: "claim.edited" as const, actorId: 1, payload: "{}", at: new Date().toISOString() })))
      .returning({ id: events.id });
    return rows.map((row) => row.id);
  };

  /** What a domain transaction does: record events and notify their ids, committed together. */
  const publish = async (n = 1) => {
    const result = await transact(publisher, async (tx) => {
      const ids = await record(tx, n);
      await notifyIds(tx, ids);
      return ids;
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  /** A transaction that has recorded (and notified) one event, its id taken, and commits only when told: a slow writer. */
  const recordAndHold = async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const taken = new Promise<void>((resolve) => (recorded = resolve));
    const pending = transact(publisher, async (tx) => {
      const ids = await record(tx, 1);
      await notifyIds(tx, ids);
      recorded();
      await held;
      return ids;
    });
    await taken;
    return {
      async commit() {
        release();
        const result = await pending;
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      },
    };
  };

  it("hands events committed through one pool to the other's listener, read from the table; a rollback notifies nobody", async () => {
    const { received, until } = await listen();
    const first = await publish(3);
    await until(first);
    const refused = await transact(publisher, async (tx) => {
      await notifyIds(tx, await record(tx, 1));
      refuse("conflict", "stale");
    });
    expect(refused.ok).toBe(false);
    const second = await publish(2000); // several ranges' worth would still be one small payload
    await until(second);
    expect(received).toEqual([...first, ...second]);
  });

  it("still hands on an event that commits after a higher one was seen", async () => {
    const { received, until } = await listen();
    const slow = await recordAndHold();
    const fast = await publish(1);
    await until(fast);
    const low = await slow.commit();
    expect(low[0]).toBeLessThan(fast[0]);
    await until(low);
    expect(received).toEqual([...fast, ...low]);
  });

  it("reconnects after its connection is killed and catches up from the last id it handed on, each event once", async () => {
    const { listener, received, until } = await listen({ minDelayMs: 300 });
    const before = await publish(2);
    await until(before);
    const pid = listener.backendPid;
    expect(pid).toBeTypeOf("number");
    await publisher.$client.query("SELECT pg_terminate_backend($1)", [pid]);
    // Committed while nobody listens: their notifications are lost, the table still has them.
    const whileDown = [...(await publish(3)), ...(await publish(1))];
    await until(whileDown);
    expect(listener.connections).toBe(2);
    expect(listener.backendPid).not.toBe(pid);
    const after = await publish(1);
    await until(after);
    expect(received).toEqual([...before, ...whileDown, ...after]);
    expect(listener.position).toBe(after[0]);
  }, 30_000);

  it("catches up, after a reconnect, an event that committed behind a higher id while nobody listened", async () => {
    const { listener, received, until } = await listen({ minDelayMs: 300 });
    const slow = await recordAndHold();
    const high = await publish(1);
    await until(high);
    await publisher.$client.query("SELECT pg_terminate_backend($1)", [listener.backendPid]);
    const low = await slow.commit(); // its notification goes to nobody
    expect(low[0]).toBeLessThan(high[0]);
    await until(low);
    expect(listener.connections).toBe(2);
    expect(received).toEqual([...high, ...low]);
  }, 30_000);

  it("shares one listening connection among a process's subscribers", async () => {
    const a: number[] = [];
    const b: number[] = [];
    const [offA, offB] = await Promise.all([
      subscribeToEvents(scratch.url, reader, (rows) => a.push(...rows.map((row) => row.id))),
      subscribeToEvents(scratch.url, reader, (rows) => b.push(...rows.map((row) => row.id))),
    ]);
    const listening = async () => (await publisher.$client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'factdesk-listener' AND datname = current_database()")).rows[0].n;
    const shared = await listening();
    const first = await publish(2);
    const settle = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    await settle(() => a.length === 2 && b.length === 2);
    offB();
    const second = await publish(1);
    await settle(() => a.length === 3);
    offA();
    await stopEventsListener();
    expect([a, b]).toEqual([[...first, ...second], first]);
    // The test file's own listeners are still open; the shared one added exactly one.
    expect(shared).toBe(listeners.length + 1);
  });
});
