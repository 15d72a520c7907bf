import { asc, eq, gt, sql } from "drizzle-orm";
import { preparedPerConnection, type DbExecutor } from "@/db/client";
import { eventConsumers, events } from "@/db/schema";

/*
 * The outbox's statements, prepared once per connection as lib/workflow/statements.ts does (a
 * connection and its transactions share one drizzle session): recording is one more prepared INSERT
 * on the write path, and a dispatch with nothing new is two prepared reads per consumer.
 */

const p = sql.placeholder;

function prepare(db: DbExecutor) {
  return {
    insert: db
      .insert(events)
      .values({
        kind: p("kind"),
        claimId: p("claimId"),
        articleId: p("articleId"),
        summaryId: p("summaryId"),
        actorId: p("actorId"),
        payload: p("payload"),
        at: p("at"),
        requestId: p("requestId"),
      })
      .returning({ id: events.id })
      .prepare(),
    after: db.select().from(events).where(gt(events.id, p("after"))).orderBy(asc(events.id)).limit(p("limit")).prepare(),
    lastId: db.select({ id: sql<number>`coalesce(max(${events.id}), 0)` }).from(events).prepare(),
    consumer: db
      .select({ lastEventId: eventConsumers.lastEventId, attempts: eventConsumers.attempts })
      .from(eventConsumers)
      .where(eq(eventConsumers.name, p("name")))
      .prepare(),
    addConsumer: db
      .insert(eventConsumers)
      .values({ name: p("name"), lastEventId: p("lastEventId"), updatedAt: p("now") })
      .onConflictDoNothing()
      .prepare(),
    advance: db
      .update(eventConsumers)
      // max(): a cursor only moves forward, even should two processes dispatch at once.
      .set({ lastEventId: sql`max(${eventConsumers.lastEventId}, ${p("lastEventId")})`, attempts: 0, lastError: null, failedAt: null, updatedAt: sql`${p("now")}` })
      .where(eq(eventConsumers.name, p("name")))
      .prepare(),
    failed: db
      .update(eventConsumers)
      .set({ attempts: sql`${eventConsumers.attempts} + 1`, lastError: sql`${p("error")}`, failedAt: sql`${p("now")}`, updatedAt: sql`${p("now")}` })
      .where(eq(eventConsumers.name, p("name")))
      .prepare(),
  };
}

/** The prepared statements of the connection `executor` (the database or a transaction on it) runs on. */
export const statements = preparedPerConnection(prepare);
