import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { enqueueDeliveries, type NewDelivery } from "@/lib/delivery/outbox";
import { eq } from "drizzle-orm";
import { webhookBody } from "@/lib/webhooks/payload";
import type { EventHandler } from "../dispatch";

/**
 * Records one delivery per (active hook, event) for the hooks subscribed to the event's kind; the
 * delivery loop sends them. Idempotent: a replayed batch finds its deliveries already recorded (one
 * per hook and event). Starts after the newest event: a hook added today does not get last year's.
 */
export const webhookDeliveries: EventHandler = {
  name: "webhooks",
  history: "skip",
  async handle(events, db: Db) {
    if (events.length === 0) return;
    const { webhooks } = tablesOf(db);
    const hooks = (await db.select({ id: webhooks.id, eventKinds: webhooks.eventKinds }).from(webhooks).where(eq(webhooks.active, true))).map((hook) => ({ id: hook.id, kinds: new Set(JSON.parse(hook.eventKinds) as string[]) }));
    if (hooks.length === 0) return;
    const rows: NewDelivery[] = [];
    for (const event of events) {
      for (const hook of hooks) {
        if (!hook.kinds.has(event.kind)) continue;
        rows.push({ channel: "webhook", dedupKey: `webhook:${hook.id}:${event.id}`, webhookId: hook.id, eventId: event.id, payload: webhookBody(event) });
      }
    }
    if (rows.length === 0) return;
    // All of the batch's deliveries or none: a failed batch is offered again and finds none half-recorded.
    const recorded = await transact(db, (tx) => enqueueDeliveries(tx, rows));
    if (!recorded.ok) throw new Error(recorded.error.message);
  },
};
