import { statSync } from "node:fs";
import { and, asc, count, eq, gt, inArray, isNull, lte, max, or, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { DELIVERY_CHANNELS, type DeliveryChannel } from "@/lib/delivery/vocabulary";

/*
 * How far behind each outbox consumer is, read cheaply enough for every metrics scrape and readiness
 * probe: primary-key and index lookups only, never a count over the whole table. The events outbox's
 * consumers are behind by the ids after their cursor (the newest id minus the cursor, exact when no
 * insert rolled back); the delivery outbox's channels by their due pending rows, counted up to
 * BACKLOG_CAP so a backlog of 100,000 costs what one of 10,000 does.
 */

export const BACKLOG_CAP = 10_000;
/** Due pending deliveries looked at to find each channel's oldest (ordered by the deliveries_due index). */
const OLDEST_SCAN = 500;

export interface ConsumerStatus {
  /** `events:<handler>` for the events outbox, `deliveries:<channel>` for the delivery outbox. */
  consumer: string;
  /** Items it has not handled yet (deliveries: due now; capped at BACKLOG_CAP, `capped` then true). */
  backlog: number;
  capped: boolean;
  /** When the oldest item waiting for it was recorded (events) or became due (deliveries); null when nothing waits. */
  oldestAt: string | null;
  oldestAgeSeconds: number;
  /** The consumer's last recorded failure, if it has not succeeded since (events consumers). */
  lastError: string | null;
}

export async function eventConsumerStatus(db: DbExecutor, names: readonly string[], now = new Date()): Promise<ConsumerStatus[]> {
  const { eventConsumers, events } = tablesOf(db);
  const newest = (await firstRow(db.select({ id: max(events.id) }).from(events)))?.id ?? 0;
  const statuses: ConsumerStatus[] = [];
  for (const name of names) {
    const cursor = await firstRow(db.select({ lastEventId: eventConsumers.lastEventId, lastError: eventConsumers.lastError }).from(eventConsumers).where(eq(eventConsumers.name, name)));
    // Not seen yet: registerHandlers gives it a cursor at start-up; until then it waits for nothing of its own.
    const after = cursor?.lastEventId ?? newest;
    const oldest = after < newest ? await firstRow(db.select({ at: events.at }).from(events).where(gt(events.id, after)).orderBy(asc(events.id)).limit(1)) : undefined;
    statuses.push({
      consumer: `events:${name}`,
      backlog: Math.min(newest - after, BACKLOG_CAP),
      capped: newest - after > BACKLOG_CAP,
      oldestAt: oldest?.at ?? null,
      oldestAgeSeconds: ageSeconds(oldest?.at, now),
      lastError: cursor?.lastError ?? null,
    });
  }
  return statuses;
}

export async function deliveryStatus(db: DbExecutor, now = new Date()): Promise<ConsumerStatus[]> {
  const { deliveries, webhooks } = tablesOf(db);
  const at = now.toISOString();
  const due = and(eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, at));
  // Counted over at most BACKLOG_CAP + 1 due rows, so a huge backlog costs what a capped one does.
  const capped = db.select({ channel: deliveries.channel }).from(deliveries).where(due).limit(BACKLOG_CAP + 1).as("due");
  const counts = new Map((await db.select({ channel: capped.channel, n: count() }).from(capped).groupBy(capped.channel)).map((row) => [row.channel, row.n]));
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  // A paused webhook's rows wait on purpose: they are backlog, but not a stuck sender.
  const oldest = new Map<DeliveryChannel, string>();
  const active = db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.active, true));
  const rows = await db
    .select({ channel: deliveries.channel, due: deliveries.nextAttemptAt })
    .from(deliveries)
    .where(and(due, or(isNull(deliveries.webhookId), inArray(deliveries.webhookId, active))))
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(OLDEST_SCAN);
  for (const row of rows) {
    if (!oldest.has(row.channel)) oldest.set(row.channel, row.due);
  }
  return DELIVERY_CHANNELS.map((channel) => ({
    consumer: `deliveries:${channel}`,
    backlog: Math.min(counts.get(channel) ?? 0, BACKLOG_CAP),
    capped: total > BACKLOG_CAP,
    oldestAt: oldest.get(channel) ?? null,
    oldestAgeSeconds: ageSeconds(oldest.get(channel), now),
    lastError: null,
  }));
}

function ageSeconds(iso: string | undefined | null, now: Date): number {
  if (!iso) return 0;
  return Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
}

/** The size of a file, 0 when there is none (a WAL checkpointed away). */
function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The database's size in bytes. SQLite: its pages (cheap pragmas) plus the write-ahead log not yet
 * checkpointed. PostgreSQL: pg_database_size, the server's own figure for the whole database.
 */
export async function databaseSizeBytes(db: DbExecutor): Promise<number> {
  if (engineOf(db) === "postgres") {
    const result = (await (db as unknown as PgExecutor).execute(sql`select pg_database_size(current_database()) as bytes`)) as unknown as { rows: Array<{ bytes: string }> };
    return Number(result.rows[0]?.bytes ?? 0);
  }
  const sqlite = (db as unknown as { $client: { pragma(source: string, options: { simple: true }): unknown; name: string } }).$client; // sqlite-branch
  const pageSize = Number(sqlite.pragma("page_size", { simple: true }));
  const pages = Number(sqlite.pragma("page_count", { simple: true }));
  const file = sqlite.name;
  return pageSize * pages + (file && file !== ":memory:" ? fileBytes(`${file}-wal`) : 0);
}
