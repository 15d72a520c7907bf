import { and, asc, eq, gt, like, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { engineOf, tablesOf } from "@/db/tables";
import type { RecordedEvent } from "@/lib/events/types";
import { userNames } from "@/lib/live/payload";
import { changePhrase, changeSentence } from "@/lib/live/wording";

/** One change to a claim after a given version, worded for the person whose form went stale. */
export interface ClaimChange {
  eventId: number;
  kind: string;
  actorId: number;
  actorName: string | null;
  at: string;
  fromVersion: number;
  toVersion: number;
  /** "Elena Marsh reviewed this claim 2 minutes ago (version 3 → 4)". */
  text: string;
}

/** More than this and the list says how many more: a stale form needs the gist, not the whole history. */
export const MAX_CHANGES = 20;

/**
 * What changed on a claim since `sinceVersion`, oldest first, read from the claim's history in the
 * outbox (every change bumps the version by one and records an event with the version it made), with
 * who did it and when. Comments do not change the claim, so they are not listed.
 */
export async function changesSince(db: DbExecutor, claimId: number, sinceVersion: number, now: Date = new Date()): Promise<ClaimChange[]> {
  const { events } = tablesOf(db);
  // The payload is JSON text on both engines; each reads its version its own way.
  const version =
    engineOf(db) === "postgres" ? sql<number>`((${events.payload})::jsonb ->> 'version')::integer` : sql<number>`json_extract(${events.payload}, '$.version')`;
  const rows = await db
    .select({ id: events.id, kind: events.kind, actorId: events.actorId, at: events.at, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.claimId, claimId),
        like(events.kind, "claim.%"),
        gt(version, sinceVersion),
      ),
    )
    .orderBy(asc(events.id))
    .limit(MAX_CHANGES);
  const recorded = rows.map((row) => ({ id: row.id, kind: row.kind, actorId: row.actorId, at: row.at, ...(JSON.parse(row.payload) as object) }) as RecordedEvent & { version: number });
  const names = await userNames(db, recorded.flatMap((event) => [event.actorId, ...(event.kind === "claim.assigned" && event.assigneeId != null ? [event.assigneeId] : [])]));
  const nameOf = (id: number) => names.get(id) ?? null;
  return recorded.map((event) => {
    const actorName = nameOf(event.actorId);
    const fromVersion = event.version - 1;
    return {
      eventId: event.id,
      kind: event.kind,
      actorId: event.actorId,
      actorName,
      at: event.at,
      fromVersion,
      toVersion: event.version,
      text: `${changeSentence(actorName, changePhrase(event, nameOf), event.at, now)} (version ${fromVersion} → ${event.version})`,
    };
  });
}
