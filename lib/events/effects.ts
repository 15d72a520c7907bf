import "server-only";
import type { Db } from "@/db/client";
import { consumerName, dispatchEvents, hasPendingEvents, registerHandlers, type EventHandler } from "./dispatch";
import { emailNotifications } from "./handlers/email";
import { publishLive } from "./handlers/live";
import { revalidatePages } from "./handlers/revalidate";
import { notificationsHandler } from "@/lib/notifications/handler";
import { logFailure } from "@/lib/observability/logger";
import { signoffMetrics } from "@/lib/observability/metrics";
import { webhookDeliveries } from "./handlers/webhooks";

/** The app's consumers of the outbox, in the order they run (metrics last: it only counts sign-offs). */
const APP_HANDLERS: readonly EventHandler[] = [revalidatePages, notificationsHandler, emailNotifications, webhookDeliveries, publishLive, signoffMetrics];

/**
 * Their cursors' keys in event_consumers (readiness, metrics, the System page): this server's own
 * for the per-server consumers on PostgreSQL (lib/events/dispatch.ts consumerName).
 */
export const APP_HANDLER_NAMES: readonly string[] = APP_HANDLERS.map(consumerName);

/**
 * Applies the effects of everything committed so far, this request's changes and any other
 * process's (CLI, seed): the one call server actions (lib/actions) and API routes (lib/api/route.ts)
 * make after a domain function, inside the request. Never throws: the change has committed, and a
 * consumer that fails is recorded and retried by the next dispatch, so the caller's answer stands.
 */
export async function applyEffects(db: Db): Promise<void> {
  try {
    await dispatchEvents(db, APP_HANDLERS);
  } catch (error) {
    logFailure("events.dispatch", error);
  }
}

/** Whether some consumer has events it has not applied (the outbox poller asks before waking the server). */
export function effectsPending(db: Db): Promise<boolean> {
  return hasPendingEvents(db, APP_HANDLERS);
}

/** Gives consumers new to this database their cursors: once at server start, before any request (see registerHandlers). */
export function registerEffects(db: Db): Promise<void> {
  return registerHandlers(db, APP_HANDLERS);
}
