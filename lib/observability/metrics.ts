import client, { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { CLAIM_STATES, SIGNOFF_ACTIONS } from "@/lib/core/vocabulary";
import { DELIVERY_CHANNELS } from "@/lib/delivery/vocabulary";
import type { EventHandler } from "@/lib/events/dispatch";
import { databaseSizeBytes, deliveryStatus, eventConsumerStatus } from "@/lib/health/outbox";

/*
 * Prometheus metrics (prom-client), served at /metrics (app/metrics/route.ts). Counters and the request
 * histogram are updated as things happen; the database's figures (claims by state, outbox backlogs,
 * file size) are read at scrape time from small tables and indexes (lib/health/outbox.ts), at most
 * every SNAPSHOT_MS, so a scrape costs a handful of indexed reads however big the desk is. Kept on
 * globalThis: the instrumentation hook and the route handlers are separate bundles.
 */

const SNAPSHOT_MS = 5000;

interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  httpRequests: Counter<"method" | "route" | "status">;
  signoffs: Counter<"action">;
  deliveryAttempts: Counter<"channel" | "outcome">;
  deliveryFailures: Counter<"channel">;
  claims: Gauge<"state">;
  outboxBacklog: Gauge<"consumer">;
  outboxOldestAge: Gauge<"consumer">;
  databaseSize: Gauge;
  snapshotAt: number;
}

function create(): AppMetrics {
  const registry = new Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const metrics: AppMetrics = {
    registry,
    httpDuration: new Histogram({
      name: "factdesk_http_request_duration_seconds",
      help: "Time to answer a request, by method, route (Next's pattern, e.g. /claims/[id]) and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    // The histogram's _count says the same; a plain counter is what simple scrapers and parsers read without histogram support.
    httpRequests: new Counter({
      name: "factdesk_http_requests_total",
      help: "Requests answered, by method, route and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    signoffs: new Counter({
      name: "factdesk_signoffs_total",
      help: "Sign-offs this process dispatched from the outbox, by action (submit, review, verify, return)",
      labelNames: ["action"],
      registers: [registry],
    }),
    deliveryAttempts: new Counter({
      name: "factdesk_delivery_attempts_total",
      help: "Delivery attempts (webhook calls, emails, digests) by channel and outcome (delivered, retry, failed)",
      labelNames: ["channel", "outcome"],
      registers: [registry],
    }),
    deliveryFailures: new Counter({
      name: "factdesk_delivery_failures_total",
      help: "Failed delivery attempts (the receiver refused, timed out or could not be reached), by channel",
      labelNames: ["channel"],
      registers: [registry],
    }),
    claims: new Gauge({ name: "factdesk_claims", help: "Claims in each state", labelNames: ["state"], registers: [registry] }),
    outboxBacklog: new Gauge({
      name: "factdesk_outbox_backlog",
      help: `Items waiting for each outbox consumer (events:<handler>; deliveries:<channel>, due now; capped at 10000)`,
      labelNames: ["consumer"],
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: "factdesk_outbox_oldest_age_seconds",
      help: "Age of the oldest item waiting for each outbox consumer (0 when none waits)",
      labelNames: ["consumer"],
      registers: [registry],
    }),
    databaseSize: new Gauge({ name: "factdesk_database_size_bytes", help: "The SQLite database file and its write-ahead log", registers: [registry] }),
    snapshotAt: 0,
  };
  for (const action of SIGNOFF_ACTIONS) metrics.signoffs.inc({ action }, 0);
  for (const channel of DELIVERY_CHANNELS) metrics.deliveryFailures.inc({ channel }, 0);
  return metrics;
}

const state = globalThis as unknown as { factdeskMetrics?: AppMetrics };

export function appMetrics(): AppMetrics {
  return (state.factdeskMetrics ??= create());
}

/** One answered request (the HTTP observer, ./http.ts). */
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const metrics = appMetrics();
  const labels = { method, route, status: String(status) };
  metrics.httpDuration.observe(labels, seconds);
  metrics.httpRequests.inc(labels);
}

/** One delivery attempt and how it ended (lib/delivery/worker.ts). */
export function observeDeliveryAttempt(channel: string, outcome: "delivered" | "retry" | "failed"): void {
  const metrics = appMetrics();
  metrics.deliveryAttempts.inc({ channel, outcome });
  if (outcome !== "delivered") metrics.deliveryFailures.inc({ channel });
}

/** The outbox consumer that counts sign-offs: claim.submitted is a submit, claim.transitioned names its action. */
export const signoffMetrics: EventHandler = {
  name: "metrics",
  history: "skip",
  handle(events) {
    const { signoffs } = appMetrics();
    for (const event of events) {
      if (event.kind === "claim.submitted") signoffs.inc({ action: "submit" });
      else if (event.kind === "claim.transitioned") signoffs.inc({ action: event.action });
    }
  },
};


/** Refreshes the database-backed gauges (at most every SNAPSHOT_MS). */
export async function refreshDatabaseGauges(db: Db, consumerNames: readonly string[], now = new Date(), force = false): Promise<void> {
  const metrics = appMetrics();
  if (!force && now.getTime() - metrics.snapshotAt < SNAPSHOT_MS) return;
  metrics.snapshotAt = now.getTime();
  const { claimStateCounts } = tablesOf(db);
  const counts = new Map((await db.select().from(claimStateCounts)).map((row) => [row.state, row.count]));
  for (const claimState of CLAIM_STATES) metrics.claims.set({ state: claimState }, counts.get(claimState) ?? 0);
  for (const status of [...(await eventConsumerStatus(db, consumerNames, now)), ...(await deliveryStatus(db, now))]) {
    metrics.outboxBacklog.set({ consumer: status.consumer }, status.backlog);
    metrics.outboxOldestAge.set({ consumer: status.consumer }, status.oldestAgeSeconds);
  }
  metrics.databaseSize.set(await databaseSizeBytes(db));
}

/** The scrape's body, in the Prometheus text format. */
export async function metricsText(db: Db, consumerNames: readonly string[]): Promise<string> {
  await refreshDatabaseGauges(db, consumerNames);
  return appMetrics().registry.metrics();
}

export const METRICS_CONTENT_TYPE = client.register.contentType;
