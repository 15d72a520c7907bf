import type { RecordedEvent } from "@/lib/events/types";

/**
 * What a receiver gets: `{id, type, createdAt, data}`, the event without the outbox's own fields.
 * `id` is the event's id (the same event replayed or retried has the same id: dedup by it).
 */
export function webhookBody(event: RecordedEvent): string {
  const { id, kind, at, ...data } = event;
  return JSON.stringify({ id, type: kind, createdAt: at, data });
}
