import { statSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
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

type Reader = Pick<DbExecutor, "all" | "get">;

export function eventConsumerStatus(db: Reader, names: readonly string[], now = new Date()): ConsumerStatus[] {
  const newest = db.get<{ id: number | null }>(sql`select max(id) as id from events`)?.id ?? 0;
  return names.map((name) => {
    const cursor = db.get<{ lastEventId: number; lastError: string | null } | undefined>(
      sql`select last_event_id as lastEventId, last_error as lastError from event_consumers where name = ${name}`,
    );
    // Not seen yet: registerHandlers gives it a cursor at start-up; until then it waits for nothing of its own.
    const after = cursor?.lastEventId ?? newest;
    const oldest = after < newest ? db.get<{ at: string } | undefined>(sql`select at from events where id > ${after} order by id limit 1`) : undefined;
    return {
      consumer: `events:${name}`,
      backlog: Math.min(newest - after, BACKLOG_CAP),
      capped: newest - after > BACKLOG_CAP,
      oldestAt: oldest?.at ?? null,
      oldestAgeSeconds: ageSeconds(oldest?.at, now),
      lastError: cursor?.lastError ?? null,
    };
  });
}

export function deliveryStatus(db: Reader, now = new Date()): ConsumerStatus[] {
  const at = now.toISOString();
  const counts = new Map(
    db
      .all<{ channel: DeliveryChannel; n: number }>(
        sql`select channel, count(*) as n from (select channel from deliveries where status = 'pending' and next_attempt_at <= ${at} limit ${BACKLOG_CAP + 1}) group by channel`,
      )
      .map((row) => [row.channel, row.n]),
  );
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  // A paused webhook's rows wait on purpose: they are backlog, but not a stuck sender.
  const oldest = new Map<DeliveryChannel, string>();
  for (const row of db.all<{ channel: DeliveryChannel; due: string }>(
    sql`select channel, next_attempt_at as due from deliveries
        where status = 'pending' and next_attempt_at <= ${at}
          and (webhook_id is null or webhook_id in (select id from webhooks where active = 1))
        order by next_attempt_at limit ${OLDEST_SCAN}`,
  )) {
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

/** The database file's size in bytes: its pages (cheap pragmas) plus the write-ahead log not yet checkpointed. */
export function databaseSizeBytes(db: { $client: { pragma(source: string, options: { simple: true }): unknown; name: string } }): number {
  const pageSize = Number(db.$client.pragma("page_size", { simple: true }));
  const pages = Number(db.$client.pragma("page_count", { simple: true }));
  const file = db.$client.name;
  return pageSize * pages + (file && file !== ":memory:" ? fileBytes(`${file}-wal`) : 0);
}
