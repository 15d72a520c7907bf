import { inArray } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { RecordedEvent } from "@/lib/events/types";
import { changePhrase } from "./wording";

/**
 * An outbox event as the streams send it: the event's own fields (lib/events/types.ts) plus the
 * actor's name and a phrase saying what they did, resolved here on the server so no client needs a
 * user lookup ("Elena Marsh" + "verified this claim").
 */
export type LiveEvent = RecordedEvent & {
  actorName: string | null;
  /** What the actor did, after their name: "verified this claim". */
  description: string;
};

/** The people an event names: its actor, and for an assignment the assignees. */
function peopleOf(event: RecordedEvent): number[] {
  const ids = [event.actorId];
  if (event.kind === "claim.assigned") {
    if (event.assigneeId != null) ids.push(event.assigneeId);
    if (event.previous != null) ids.push(event.previous);
  }
  return ids;
}

/** Names of users by id, in one query. */
export async function userNames(db: DbExecutor, ids: Iterable<number>): Promise<Map<number, string>> {
  const { users } = tablesOf(db);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Events as the streams send them, names resolved in one query. */
export async function toLiveEvents(db: DbExecutor, events: readonly RecordedEvent[]): Promise<LiveEvent[]> {
  if (events.length === 0) return [];
  const names = await userNames(db, events.flatMap(peopleOf));
  const nameOf = (id: number) => names.get(id) ?? null;
  return events.map((event) => ({ ...event, actorName: nameOf(event.actorId), description: changePhrase(event as never, nameOf) }));
}
