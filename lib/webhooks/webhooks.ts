import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import type { Delivery, DeliveryAttempt, Webhook } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { hasRole, type Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { fail, ok, type Result } from "@/lib/core/result";
import { requeueDelivery } from "@/lib/delivery/outbox";
import type { DeliveryStatus } from "@/lib/delivery/vocabulary";
import { EVENT_KINDS, type EventKind } from "@/lib/events/kinds";
import { createWebhookSchema } from "./schema";
import { checkWebhookUrl } from "./url-policy";

/*
 * Webhooks for newsroom tools: admins register an endpoint and the event kinds it gets; every such
 * event becomes a signed delivery (lib/events/handlers/webhooks.ts → lib/delivery), kept in a log
 * the admin can read and replay. Admins only, on the server, whatever the screen shows.
 */

const SECRET_PREFIX = "whsec_";

export { createWebhookSchema, type CreateWebhookInput } from "./schema";

/** A webhook as admins and the API see it: never its secret, which is shown once, on creation. */
export interface WebhookSummary {
  id: number;
  url: string;
  description: string;
  eventTypes: EventKind[];
  active: boolean;
  createdAt: string;
  createdById: number | null;
  deliveries: Record<DeliveryStatus, number>;
}

export interface DeliverySummary {
  id: number;
  webhookId: number;
  eventId: number | null;
  eventType: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
  log: Array<Pick<DeliveryAttempt, "at" | "ok" | "status" | "error" | "durationMs">>;
}

const onlyAdmins = (actor: Actor, what: string): Result<never> | null =>
  hasRole(actor, "admin") ? null : fail("forbidden", `Only admins can ${what}; you are ${actor.role === "editor" ? "an" : "a"} ${actor.role}.`);

function eventTypesOf(row: Pick<Webhook, "eventKinds">): EventKind[] {
  const kinds = JSON.parse(row.eventKinds) as string[];
  return kinds.filter((kind): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind));
}

async function countsByHook(db: DbExecutor, webhookId?: number): Promise<Map<number, Record<DeliveryStatus, number>>> {
  const { deliveries } = tablesOf(db);
  const rows = await db
    .select({ webhookId: deliveries.webhookId, status: deliveries.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(deliveries)
    .where(webhookId === undefined ? eq(deliveries.channel, "webhook") : eq(deliveries.webhookId, webhookId))
    .groupBy(deliveries.webhookId, deliveries.status);
  const counts = new Map<number, Record<DeliveryStatus, number>>();
  for (const row of rows) {
    if (row.webhookId === null) continue;
    const entry = counts.get(row.webhookId) ?? { pending: 0, delivered: 0, failed: 0 };
    entry[row.status] = row.n;
    counts.set(row.webhookId, entry);
  }
  return counts;
}

function summarise(row: Webhook, counts: Map<number, Record<DeliveryStatus, number>>): WebhookSummary {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: eventTypesOf(row),
    active: row.active,
    createdAt: row.createdAt,
    createdById: row.createdById,
    deliveries: counts.get(row.id) ?? { pending: 0, delivered: 0, failed: 0 },
  };
}

/** Registers a webhook; the answer carries its signing secret, the only time it is shown. */
export async function createWebhook(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<Result<WebhookSummary & { secret: string }>> {
  const refused = onlyAdmins(actor, "register webhooks");
  if (refused) return refused;
  const parsed = parseInput(createWebhookSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const url = checkWebhookUrl(parsed.value.url);
  if (!url.ok) return url;
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const eventTypes = EVENT_KINDS.filter((kind) => parsed.value.eventTypes.includes(kind));
  const { webhooks } = tablesOf(db);
  const [row] = await db
    .insert(webhooks)
    .values({
      url: url.value,
      description: parsed.value.description,
      eventKinds: JSON.stringify(eventTypes),
      secret,
      active: parsed.value.active,
      createdById: actor.id,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  return ok({ ...summarise(row, new Map()), secret });
}

export async function listWebhooks(db: Db, actor: Actor): Promise<Result<WebhookSummary[]>> {
  const refused = onlyAdmins(actor, "see webhooks");
  if (refused) return refused;
  const { webhooks } = tablesOf(db);
  const counts = await countsByHook(db);
  const rows = await db.select().from(webhooks).orderBy(desc(webhooks.id));
  return ok(rows.map((row) => summarise(row, counts)));
}

export async function getWebhook(db: Db, actor: Actor, id: number): Promise<Result<WebhookSummary>> {
  const refused = onlyAdmins(actor, "see webhooks");
  if (refused) return refused;
  const { webhooks } = tablesOf(db);
  const row = await firstRow(db.select().from(webhooks).where(eq(webhooks.id, id)));
  return row ? ok(summarise(row, await countsByHook(db, id))) : fail("not_found", `There is no webhook ${id}.`);
}

/**
 * Pauses or resumes a webhook. While paused, its new events are not recorded for it and its pending
 * deliveries wait (they are sent once it is resumed, with the attempts they had).
 */
export async function setWebhookActive(db: Db, actor: Actor, id: number, active: boolean, now = new Date()): Promise<Result<WebhookSummary>> {
  const refused = onlyAdmins(actor, "pause or resume webhooks");
  if (refused) return refused;
  const { webhooks } = tablesOf(db);
  const [row] = await db.update(webhooks).set({ active, updatedAt: now.toISOString() }).where(eq(webhooks.id, id)).returning();
  return row ? ok(summarise(row, await countsByHook(db, id))) : fail("not_found", `There is no webhook ${id}.`);
}

/** Deletes a webhook with its deliveries and their log: nothing more is sent to it. */
export async function deleteWebhook(db: Db, actor: Actor, id: number): Promise<Result<WebhookSummary>> {
  const found = await getWebhook(db, actor, id);
  if (!found.ok) return found;
  const { webhooks } = tablesOf(db);
  await db.delete(webhooks).where(eq(webhooks.id, id));
  return found;
}

export const DELIVERY_PAGE_SIZE = 50;

/** A webhook's deliveries, newest first, each with its attempts (the delivery log). */
export async function listDeliveries(
  db: Db,
  actor: Actor,
  webhookId: number,
  options: { before?: number; limit?: number } = {},
): Promise<Result<{ data: DeliverySummary[]; nextCursor: string | null }>> {
  const hook = await getWebhook(db, actor, webhookId);
  if (!hook.ok) return hook;
  const { deliveries } = tablesOf(db);
  const limit = options.limit ?? DELIVERY_PAGE_SIZE;
  const rows = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.webhookId, webhookId), options.before ? lt(deliveries.id, options.before) : undefined))
    .orderBy(desc(deliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const logs = await attemptsOf(db, page.map((row) => row.id));
  return ok({
    data: page.map((row) => deliverySummary(row, logs.get(row.id) ?? [])),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  });
}

async function attemptsOf(db: DbExecutor, ids: number[]): Promise<Map<number, DeliverySummary["log"]>> {
  const logs = new Map<number, DeliverySummary["log"]>();
  if (ids.length === 0) return logs;
  const { deliveryAttempts } = tablesOf(db);
  const rows = await db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, ids)).orderBy(asc(deliveryAttempts.id));
  for (const row of rows) {
    const log = logs.get(row.deliveryId) ?? [];
    log.push({ at: row.at, ok: row.ok, status: row.status, error: row.error, durationMs: row.durationMs });
    logs.set(row.deliveryId, log);
  }
  return logs;
}

function deliverySummary(row: Delivery, log: DeliverySummary["log"]): DeliverySummary {
  let eventType: string | null = null;
  try {
    eventType = (JSON.parse(row.payload) as { type?: string }).type ?? null;
  } catch {
    // A payload that is not JSON has no type to show.
  }
  return {
    id: row.id,
    webhookId: row.webhookId!,
    eventId: row.eventId,
    eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    lastError: row.lastError,
    lastStatus: row.lastStatus,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    log,
  };
}

/** Sends a delivery again now (the same body, so receivers can dedup it by its event id and delivery id). */
export async function replayDelivery(db: Db, actor: Actor, webhookId: number, deliveryId: number, now = new Date()): Promise<Result<DeliverySummary>> {
  const hook = await getWebhook(db, actor, webhookId);
  if (!hook.ok) return hook;
  const { deliveries } = tablesOf(db);
  const row = await firstRow(db.select().from(deliveries).where(and(eq(deliveries.id, deliveryId), eq(deliveries.webhookId, webhookId))));
  if (!row) return fail("not_found", `Webhook ${webhookId} has no delivery ${deliveryId}.`);
  const requeued = await requeueDelivery(db, deliveryId, now);
  if (!requeued) return fail("conflict", "That delivery is being sent right now; replay it once this attempt is logged.");
  return ok(deliverySummary(requeued, (await attemptsOf(db, [deliveryId])).get(deliveryId) ?? []));
}
