import { asc, eq, gt, sql } from "drizzle-orm";
import { preparedPerConnection, type DbExecutor } from "@/db/client"; // sqlite-branch
import { tablesOf } from "@/db/tables";

/*
 * SQLite's side of the outbox (lib/events/outbox.ts, dispatch.ts): its statements, prepared once per
 * connection as lib/workflow/statements.ts does (a connection and its transactions share one drizzle
 * session), so recording is one more prepared INSERT on the write path and a dispatch with nothing new
 * is two prepared reads per consumer. Only called where `engineOf(db) === "sqlite"`; PostgreSQL runs
 * the same queries as awaited builders there.
 */

const p = sql.placeholder;

function prepare(db: DbExecutor) {
  const { eventConsumers, events } = tablesOf(db);
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
      .prepare(), // sqlite-branch
    after: db.select().from(events).where(gt(events.id, p("after"))).orderBy(asc(events.id)).limit(p("limit")).prepare(), // sqlite-branch
    lastId: db.select({ id: sql<number>`coalesce(max(${events.id}), 0)` }).from(events).prepare(), // sqlite-branch
    consumer: db
      .select({ lastEventId: eventConsumers.lastEventId, attempts: eventConsumers.attempts })
      .from(eventConsumers)
      .where(eq(eventConsumers.name, p("name")))
      .prepare(), // sqlite-branch
    addConsumer: db
      .insert(eventConsumers)
      .values({ name: p("name"), lastEventId: p("lastEventId"), updatedAt: p("now") })
      .onConflictDoNothing()
      .prepare(), // sqlite-branch
    advance: db
      .update(eventConsumers)
      // max(): a cursor only moves forward, even should two processes dispatch at once.
      .set({ lastEventId: sql`max(${eventConsumers.lastEventId}, ${p("lastEventId")})`, attempts: 0, lastError: null, failedAt: null, updatedAt: sql`${p("now")}` })
      .where(eq(eventConsumers.name, p("name")))
      .prepare(), // sqlite-branch
    failed: db
      .update(eventConsumers)
      .set({ attempts: sql`${eventConsumers.attempts} + 1`, lastError: sql`${p("error")}`, failedAt: sql`${p("now")}`, updatedAt: sql`${p("now")}` })
      .where(eq(eventConsumers.name, p("name")))
      .prepare(), // sqlite-branch
  };
}

/** The prepared statements of the connection `executor` (the database or a transaction on it) runs on. */
export const statements = preparedPerConnection(prepare); // sqlite-branch
