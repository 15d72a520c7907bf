import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { deliveryCounts, enqueueDeliveries, LEASE_MS, leaseDue, recordAttempt, requeueDelivery } from "./outbox";

const t0 = new Date("2030-01-01T00:00:00.000Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const row = (key: string) => ({ channel: "email" as const, dedupKey: key, payload: "{}" });

onEveryEngine(
  "the delivery outbox",
  (database) => {
  let db: Db;
  beforeEach(() => {
    db = database();
  });

  it("records a dedup key once", async () => {
    expect(await enqueueDeliveries(db, [row("a"), row("b"), row("a")], t0)).toBe(2);
    expect(await enqueueDeliveries(db, [row("a")], t0)).toBe(0);
    expect(await deliveryCounts(db, "email")).toEqual({ pending: 2 });
  });

  it("records a batch larger than one INSERT takes, once", async () => {
    const keys = Array.from({ length: 1201 }, (_, i) => row(`k${i}`));
    expect(await enqueueDeliveries(db, keys, t0)).toBe(1201);
    expect(await enqueueDeliveries(db, keys.slice(600, 700), t0)).toBe(0);
    expect(await deliveryCounts(db, "email")).toEqual({ pending: 1201 });
  });

  it("leases a row to one sender; a crashed sender's lease runs out and the row is taken again, and the stale sender's outcome is ignored", async () => {
    await enqueueDeliveries(db, [row("a")], t0);
    const [first] = await leaseDue(db, ["email"], 10, t0);
    expect(first).toBeDefined();
    expect(await leaseDue(db, ["email"], 10, later(LEASE_MS - 1))).toEqual([]);
    expect(await leaseDue(db, ["webhook"], 10, later(LEASE_MS + 1))).toEqual([]);

    const [second] = await leaseDue(db, ["email"], 10, later(LEASE_MS + 1));
    expect(second?.id).toBe(first!.id);
    // The first sender comes back late: its lease is gone, so it records nothing.
    expect(await recordAttempt(db, first!, { ok: true, durationMs: 5 }, later(LEASE_MS + 2))).toBeNull();
    expect(await recordAttempt(db, second!, { ok: false, error: "421 try later", durationMs: 5 }, later(LEASE_MS + 2), { baseMs: 1000, random: () => 0.5 })).toMatchObject({
      status: "pending",
      attempts: 1,
      leasedUntil: null,
      lastError: "421 try later",
    });
    expect(await db.select().from(tablesOf(db).deliveryAttempts)).toHaveLength(1);
  });

  it("gives up after the last attempt, and a replay starts the schedule again", async () => {
    await enqueueDeliveries(db, [row("a")], t0);
    let now = t0;
    let last;
    for (let i = 0; i < 3; i++) {
      const [leased] = await leaseDue(db, ["email"], 1, now);
      last = await recordAttempt(db, leased!, { ok: false, error: "down", durationMs: 1 }, now, { baseMs: 1000, maxAttempts: 3, random: () => 0.5 });
      now = new Date(Date.parse(last!.nextAttemptAt) + 1);
    }
    expect(last).toMatchObject({ status: "failed", attempts: 3 });
    expect(await leaseDue(db, ["email"], 1, later(86_400_000))).toEqual([]);
    expect(await requeueDelivery(db, last!.id, later(86_400_000))).toMatchObject({ status: "pending", attempts: 0 });
    expect(await leaseDue(db, ["email"], 1, later(86_400_000))).toHaveLength(1);
  });
  },
  { freshEach: true },
);
