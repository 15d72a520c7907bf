import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { runDeliveryPass } from "@/lib/delivery/worker";
import { webhookDeliveries } from "@/lib/events/handlers/webhooks";
import { dispatchEvents } from "@/lib/events/dispatch";
import { inTransactionWithEvents } from "@/lib/events/outbox";
import type { NewEvent, RecordedEvent } from "@/lib/events/types";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { webhookSender } from "./send";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, replayDelivery, setWebhookActive } from "./webhooks";

process.env.FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK = "1";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver on loopback (port 0): answers each request with the next status of `script`, then 200. */
async function startReceiver(script: number[] = []): Promise<{ url: string; received: Received[]; server: Server; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      const status = script.shift() ?? 200;
      if (status === 0) return; // never answers
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/factdesk`,
    received,
    server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// A fresh database per test: the tests read every delivery and the dispatcher's cursor.
onEveryEngine("webhooks", (database) => {
  let db: Db;
  let admin: Actor;
  let closers: Array<() => Promise<void>>;

  beforeEach(async () => {
    db = database();
    admin = await createUserOn(db, "admin");
    closers = [];
  }, 60_000);
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  async function record(event: NewEvent): Promise<RecordedEvent> {
    const recorded = await inTransactionWithEvents(db, (_tx, recordIt) => recordIt(event));
    if (!recorded.ok) throw new Error(recorded.error.message);
    return recorded.events[0]!;
  }

  /** Every delivery, in the order they were recorded. */
  const allDeliveries = async () => {
    const { deliveries } = tablesOf(db);
    return db.select().from(deliveries).orderBy(deliveries.id);
  };

  const transitioned = (claimId: number): NewEvent => ({
    kind: "claim.transitioned",
    actorId: 1,
    claimId,
    articleId: null,
    version: 2,
    action: "review",
    from: "draft",
    to: "reviewed",
    round: 1,
    verdict: null,
  });

  async function hook(url: string, eventTypes: string[] = ["claim.transitioned"]) {
    const created = await createWebhook(db, admin, { url, eventTypes, description: "Chat" });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  const at = (iso: string) => () => new Date(iso);
  const backoff = { baseMs: 30_000, random: () => 0.5 };

  describe("registering webhooks", () => {
    it("is for admins, shows the secret once, and refuses URLs the policy does not allow with a field error", async () => {
      const editor = await createUserOn(db, "editor");
      expect(await createWebhook(db, editor, { url: "https://example.org/h", eventTypes: ["claim.submitted"] })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await listWebhooks(db, editor)).toMatchObject({ ok: false, error: { code: "forbidden" } });

      const created = await createWebhook(db, admin, { url: "https://example.org/h", eventTypes: ["claim.submitted"] });
      expect(created.ok && created.value.secret).toMatch(/^whsec_[\w-]{43}$/);
      const listed = await listWebhooks(db, admin);
      expect(listed.ok && listed.value).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain("whsec_");

      const refused = await createWebhook(db, admin, { url: "http://chat.example.org/h", eventTypes: ["claim.submitted"] });
      expect(refused).toMatchObject({ ok: false, error: { code: "invalid", fields: { url: [expect.stringMatching(/https/)] } } });
      expect(await createWebhook(db, admin, { url: "https://example.org/h", eventTypes: [] })).toMatchObject({ ok: false, error: { fields: { eventTypes: expect.any(Array) } } });
      expect(await createWebhook(db, admin, { url: "https://example.org/h", eventTypes: ["claim.nope"] })).toMatchObject({ ok: false, error: { code: "invalid" } });
    });
  });

  describe("the webhooks handler", () => {
    it("records one delivery per subscribed active hook and event, and nothing more when the batch is replayed", async () => {
      const a = await hook("https://a.example.org/h", ["claim.transitioned"]);
      await hook("https://b.example.org/h", ["summary.published"]);
      const paused = await createWebhook(db, admin, { url: "https://c.example.org/h", eventTypes: ["claim.transitioned"], active: false });
      expect(paused.ok).toBe(true);
      const events = [await record(transitioned(1)), await record(transitioned(2)), await record({ kind: "article.added", actorId: 1, articleId: 3, title: "T" })];
      await webhookDeliveries.handle(events, db);
      await webhookDeliveries.handle(events, db);
      await webhookDeliveries.handle(events.slice(1), db);
      const rows = await allDeliveries();
      expect(rows.map((row) => [row.webhookId, row.eventId])).toEqual([
        [a.id, events[0]!.id],
        [a.id, events[1]!.id],
      ]);
      expect(JSON.parse(rows[0]!.payload)).toEqual({
        id: events[0]!.id,
        type: "claim.transitioned",
        createdAt: events[0]!.at,
        data: { actorId: 1, claimId: 1, articleId: null, version: 2, action: "review", from: "draft", to: "reviewed", round: 1, verdict: null },
      });
    });

    it("starts after the newest event when it first runs (history: skip)", async () => {
      await hook("https://a.example.org/h");
      await record(transitioned(1));
      await dispatchEvents(db, [webhookDeliveries]);
      expect(await allDeliveries()).toHaveLength(0);
      await record(transitioned(2));
      await dispatchEvents(db, [webhookDeliveries]);
      await dispatchEvents(db, [webhookDeliveries]);
      expect(await allDeliveries()).toHaveLength(1);
    });
  });

  describe("delivering webhooks", () => {
    it("signs the body, sends the headers, and marks delivered only on a 2xx: a 503 is retried after the backoff", async () => {
      const receiver = await startReceiver([503]);
      closers.push(receiver.close);
      const created = await hook(receiver.url);
      await webhookDeliveries.handle([await record(transitioned(5))], db);
      const senders = { webhook: webhookSender(db, () => 1767323045) };

      const first = await runDeliveryPass(db, { senders, now: at("2030-01-01T00:00:00.000Z"), backoff });
      expect(first).toEqual({ attempted: 1, delivered: 0, failed: 1 });
      let [row] = await allDeliveries();
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503, nextAttemptAt: "2030-01-01T00:00:30.000Z", leasedUntil: null });
      expect(row!.lastError).toMatch(/answered 503: down for maintenance/);

      // Not due yet: nothing is sent.
      expect(await runDeliveryPass(db, { senders, now: at("2030-01-01T00:00:29.000Z"), backoff })).toMatchObject({ attempted: 0 });
      expect(await runDeliveryPass(db, { senders, now: at("2030-01-01T00:00:31.000Z"), backoff })).toEqual({ attempted: 1, delivered: 1, failed: 0 });
      [row] = await allDeliveries();
      expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200, lastError: null, deliveredAt: "2030-01-01T00:00:31.000Z" });

      expect(receiver.received).toHaveLength(2);
      const { headers, body } = receiver.received[1]!;
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["factdesk-event"]).toBe("claim.transitioned");
      expect(headers["factdesk-delivery"]).toBe(String(row!.id));
      const expected = createHmac("sha256", created.secret).update(`1767323045.${body}`).digest("hex");
      expect(headers["factdesk-signature"]).toBe(`t=1767323045,v1=${expected}`);
      expect(JSON.parse(body)).toMatchObject({ type: "claim.transitioned", data: { claimId: 5 } });

      const log = await listDeliveries(db, admin, created.id);
      expect(log.ok && log.value.data[0]!.log.map((entry) => [entry.ok, entry.status])).toEqual([
        [false, 503],
        [true, 200],
      ]);
    });

    it("retries a receiver that is not listening and one that does not answer in time, and gives up after the last attempt", async () => {
      const receiver = await startReceiver([0]);
      closers.push(receiver.close);
      const down = await startReceiver();
      const downUrl = down.url;
      await down.close();
      await hook(downUrl);
      const slow = await hook(receiver.url);
      await webhookDeliveries.handle([await record(transitioned(5))], db);
      const senders = { webhook: webhookSender(db) };

      await runDeliveryPass(db, { senders, now: at("2030-01-01T00:00:00.000Z"), backoff: { ...backoff, maxAttempts: 2 }, timeoutMs: 300 });
      const rows = await allDeliveries();
      const byHook = new Map(rows.map((row) => [row.webhookId, row]));
      expect(byHook.get(slow.id)).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: expect.stringMatching(/Timed out/) });
      const refused = rows.find((row) => row.webhookId !== slow.id)!;
      expect(refused).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/fetch failed|ECONNREFUSED/) });

      await runDeliveryPass(db, { senders, now: at("2030-01-01T00:01:00.000Z"), backoff: { ...backoff, maxAttempts: 2 }, timeoutMs: 300 });
      const after = await allDeliveries();
      expect(after.find((row) => row.id === refused.id)).toMatchObject({ status: "failed", attempts: 2 });
      expect(after.find((row) => row.webhookId === slow.id)).toMatchObject({ status: "delivered", attempts: 2 });

      // An admin's replay starts the schedule again; the receiver is back.
      const back = await startReceiver();
      closers.push(back.close);
      const { webhooks } = tablesOf(db);
      await db.update(webhooks).set({ url: back.url }).where(eq(webhooks.id, refused.webhookId!));
      const replayed = await replayDelivery(db, admin, refused.webhookId!, refused.id, new Date("2030-01-01T00:02:00.000Z"));
      expect(replayed).toMatchObject({ ok: true, value: { status: "pending", attempts: 0 } });
      await runDeliveryPass(db, { senders, now: at("2030-01-01T00:02:00.000Z"), backoff });
      expect((await allDeliveries()).find((row) => row.id === refused.id)).toMatchObject({ status: "delivered", attempts: 1 });
      expect(back.received).toHaveLength(1);
      const log = await listDeliveries(db, admin, refused.webhookId!);
      expect(log.ok && log.value.data[0]!.log.map((entry) => entry.ok)).toEqual([false, false, true]);
    });

    it("never sends one delivery twice from two loops running at once (the lease)", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      await hook(receiver.url);
      await webhookDeliveries.handle([await record(transitioned(1)), await record(transitioned(2)), await record(transitioned(3))], db);
      const senders = { webhook: webhookSender(db) };
      const now = at("2030-01-01T00:00:00.000Z");
      const reports = await Promise.all([runDeliveryPass(db, { senders, now, limit: 2 }), runDeliveryPass(db, { senders, now, limit: 2 })]);
      expect(reports.map((report) => report.attempted).sort()).toEqual([1, 2]);
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((request) => request.headers["factdesk-delivery"])).size).toBe(3);
      expect(await runDeliveryPass(db, { senders, now })).toMatchObject({ attempted: 0 });
    });

    it("stops sending to a deleted webhook (its deliveries go with it)", async () => {
      const created = await hook("https://a.example.org/h");
      await webhookDeliveries.handle([await record(transitioned(1))], db);
      expect((await deleteWebhook(db, admin, created.id)).ok).toBe(true);
      expect(await allDeliveries()).toHaveLength(0);
      expect(await deleteWebhook(db, admin, created.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    });
  });

  describe("pausing a webhook", () => {
    it("records nothing new for it and keeps its pending deliveries waiting until it is resumed", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const created = await hook(receiver.url);
      await webhookDeliveries.handle([await record(transitioned(1))], db);
      expect(await setWebhookActive(db, (await createUserOn(db, "editor")), created.id, false)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await setWebhookActive(db, admin, created.id, false)).toMatchObject({ ok: true, value: { active: false } });
      await webhookDeliveries.handle([await record(transitioned(2))], db);
      const senders = { webhook: webhookSender(db) };
      const now = at("2030-01-01T00:00:00.000Z");
      expect(await runDeliveryPass(db, { senders, now })).toMatchObject({ attempted: 0 });
      expect(await allDeliveries()).toMatchObject([{ status: "pending", attempts: 0 }]);

      expect((await setWebhookActive(db, admin, created.id, true)).ok).toBe(true);
      expect(await runDeliveryPass(db, { senders, now })).toEqual({ attempted: 1, delivered: 1, failed: 0 });
      expect(receiver.received.map((request) => (JSON.parse(request.body) as { data: { claimId: number } }).data.claimId)).toEqual([1]);
      expect(await setWebhookActive(db, admin, 999, true)).toMatchObject({ ok: false, error: { code: "not_found" } });
    });
  });
}, { freshEach: true });
