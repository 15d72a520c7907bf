import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { enqueueDeliveries } from "@/lib/delivery/outbox";
import { DELIVERY_CHANNELS } from "@/lib/delivery/vocabulary";
import { createTestDb } from "@/lib/testing/db";
import { onEveryEngine } from "@/lib/testing/engines";
import { databaseSizeBytes, deliveryStatus } from "./outbox";
import { checkReady, type ReadyOptions } from "./ready";

const NOW = new Date("2026-03-02T12:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const CONSUMERS = ["revalidate", "notifications"];

function options(overrides: Partial<ReadyOptions> = {}): ReadyOptions {
  return { consumers: CONSUMERS, emailEnabled: false, deliveryTickAt: NOW.getTime() - 1000, now: NOW, stuckAfterMinutes: 5, minFreeBytes: 100 * 1024 * 1024, freeBytes: () => 50 * 1024 ** 3, ...overrides };
}

function addEvent(db: Db, at: string): number {
  return Number(db.$client.prepare("INSERT INTO events (kind, actor_id, payload, at) VALUES ('article.added', 1, '{}', ?)").run(at).lastInsertRowid);
}

function setCursor(db: Db, name: string, lastEventId: number): void {
  db.$client
    .prepare("INSERT INTO event_consumers (name, last_event_id, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_event_id = excluded.last_event_id")
    .run(name, lastEventId, NOW.toISOString());
}

const failing = (readiness: Awaited<ReturnType<typeof checkReady>>) => readiness.checks.filter((check) => !check.ok).map((check) => check.name);

describe("checkReady", () => {
  it("is ready on a healthy desk: writable, migrated, consumers caught up, loop ticking, disk free", async () => {
    const db = createTestDb();
    const handled = addEvent(db, minutesAgo(60));
    for (const name of CONSUMERS) setCursor(db, name, handled);
    const readiness = await checkReady(db, options());
    expect(failing(readiness)).toEqual([]);
    expect(readiness.status).toBe("ready");
    expect(readiness.checks.map((check) => check.name)).toEqual([
      "database",
      "migrations",
      "outbox events:revalidate",
      "outbox events:notifications",
      "outbox deliveries:webhook",
      "delivery loop",
      "disk",
    ]);
  });

  it("is unready when the database refuses writes (read-only file)", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-ready-")), "desk.db");
    openDatabase(file).$client.close();
    const readOnly = openDatabase(file);
    readOnly.$client.pragma("query_only = ON");
    const readiness = await checkReady(readOnly, options());
    expect(readiness.status).toBe("unready");
    expect(failing(readiness)).toEqual(["database"]);
    expect(readiness.checks[0].detail).toContain("SQLITE_READONLY");
  });

  it("names an events consumer that has not handled an event for longer than the limit, and only that one", async () => {
    const db = createTestDb();
    const old = addEvent(db, minutesAgo(9));
    setCursor(db, "revalidate", old);
    setCursor(db, "notifications", old - 1); // stopped before the 9-minute-old event
    const readiness = await checkReady(db, options());
    expect(readiness.status).toBe("unready");
    expect(failing(readiness)).toEqual(["outbox events:notifications"]);
    expect(readiness.checks.find((check) => check.name === "outbox events:notifications")?.detail).toMatch(/Stuck: 1 waiting, oldest 540 s/);

    // A consumer that is merely behind by a fresh event is fine.
    setCursor(db, "notifications", old);
    addEvent(db, minutesAgo(1));
    expect((await checkReady(db, options())).status).toBe("ready");
  });

  it("names the delivery channel whose due rows wait too long, but not a paused webhook's", async () => {
    const db = createTestDb();
    const hook = (active: number) =>
      Number(
        db.$client
          .prepare("INSERT INTO webhooks (url, event_kinds, secret, active, created_at, updated_at) VALUES ('https://hooks.example/x', '[]', 'whsec_x', ?, ?, ?)")
          .run(active, NOW.toISOString(), NOW.toISOString()).lastInsertRowid,
      );
    const deliver = (webhookId: number, due: string, key: string) =>
      db.$client
        .prepare("INSERT INTO deliveries (channel, dedup_key, webhook_id, payload, status, attempts, next_attempt_at, created_at) VALUES ('webhook', ?, ?, '{}', 'pending', 0, ?, ?)")
        .run(key, webhookId, due, due);
    deliver(hook(0), minutesAgo(30), "paused");
    expect((await checkReady(db, options())).status).toBe("ready");
    deliver(hook(1), minutesAgo(7), "active");
    const readiness = await checkReady(db, options());
    expect(failing(readiness)).toEqual(["outbox deliveries:webhook"]);
    // Email rows wait on purpose while email is off; with it on, the channels are checked too.
    expect((await checkReady(db, options({ emailEnabled: true }))).checks.map((check) => check.name)).toContain("outbox deliveries:email");
  });

  it("is unready when the delivery loop has not ticked, the disk is nearly full, or migrations are missing", async () => {
    const db = createTestDb();
    expect(failing(await checkReady(db, options({ deliveryTickAt: NOW.getTime() - 6 * 60_000 })))).toEqual(["delivery loop"]);
    const full = await checkReady(db, options({ freeBytes: () => 20 * 1024 * 1024 }));
    expect(failing(full)).toEqual(["disk"]);
    expect(full.checks.at(-1)?.detail).toBe("Only 20 MB free on the database's disk; at least 100 MB needed");
    db.$client.exec("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)");
    const behind = await checkReady(db, options());
    expect(failing(behind)).toEqual(["migrations"]);
    expect(behind.checks[1].detail).toMatch(/^1 migration\(s\) not applied/);
  });
});

describe("GET /api/v1/ready", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(async () => {
    process.env.DATABASE_URL = saved;
  });

  it("answers 200 when ready and 503 with what is wrong when the database is read-only or a consumer has stopped", async () => {
    process.env.DATABASE_URL = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-ready-route-")), "desk.db");
    const { getDb } = await import("@/db/client");
    const { GET } = await import("@/app/api/v1/ready/route");
    const { APP_HANDLER_NAMES } = await import("@/lib/events/effects");
    const call = async () => {
      const response = await GET(new Request("http://localhost/api/v1/ready"), { params: Promise.resolve({}) });
      return { status: response.status, body: (await response.json()) as { status: string; checks: Array<{ name: string; ok: boolean; detail: string }> } };
    };
    const db = getDb();
    for (const name of APP_HANDLER_NAMES) setCursor(db, name, 0);
    const ready = await call();
    expect(ready).toMatchObject({ status: 200, body: { status: "ready" } });

    db.$client.pragma("query_only = ON");
    const readOnly = await call();
    expect(readOnly.status).toBe(503);
    expect(readOnly.body.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(["database"]);
    db.$client.pragma("query_only = OFF");

    // Every consumer but one moves on; the one left behind has an event older than five minutes.
    const id = addEvent(db, new Date(Date.now() - 6 * 60_000).toISOString());
    for (const name of APP_HANDLER_NAMES) if (name !== "webhooks") setCursor(db, name, id);
    const stuck = await call();
    expect(stuck.status).toBe(503);
    expect(stuck.body).toMatchObject({ status: "unready" });
    expect(stuck.body.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(["outbox events:webhooks"]);
  });
});

onEveryEngine("checkReady", (database) => {
  it("reads the same checks on every engine: writes taken and rolled back, this build's migrations, a stuck consumer, due deliveries", async () => {
    const db = database();
    const { eventConsumers, events } = tablesOf(db);
    const fresh = await checkReady(db, options({ consumers: ["pages"] }));
    expect(failing(fresh)).toEqual([]);
    expect(fresh.checks.find((check) => check.name === "migrations")?.detail).toMatch(/^Current \(/);
    // The write probe left nothing behind.
    expect(await db.select().from(eventConsumers)).toEqual([]);

    const [old] = await db.insert(events).values({ kind: "article.added", actorId: 1, payload: "{}", at: minutesAgo(60) }).returning({ id: events.id });
    await db.insert(eventConsumers).values({ name: "pages", lastEventId: old!.id - 1, updatedAt: NOW.toISOString() });
    const stuck = await checkReady(db, options({ consumers: ["pages"] }));
    expect(failing(stuck)).toEqual(["outbox events:pages"]);
    expect(stuck.checks.find((check) => check.name === "outbox events:pages")?.detail).toMatch(/^Stuck: 1 waiting, oldest 3600 s/);

    const status = await deliveryStatus(db, NOW);
    expect(status.map((entry) => [entry.consumer, entry.backlog])).toEqual(DELIVERY_CHANNELS.map((channel) => [`deliveries:${channel}`, 0]));
    await enqueueDeliveries(db, [{ channel: "webhook", dedupKey: "w1", payload: "{}" }, { channel: "webhook", dedupKey: "w2", payload: "{}" }], new Date(NOW.getTime() - 120_000));
    const due = await deliveryStatus(db, NOW);
    expect(due.find((entry) => entry.consumer === "deliveries:webhook")).toMatchObject({ backlog: 2, capped: false, oldestAgeSeconds: 120 });
    expect(await databaseSizeBytes(db)).toBeGreaterThan(0);
  });
});
