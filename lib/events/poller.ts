import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { getDb } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { databaseEngine } from "@/lib/core/engine";
import { logFailure, logger } from "@/lib/observability/logger";
import { effectsPending, registerEffects } from "./effects";

/*
 * Events that other processes commit (`npx factdesk ...`, demo:load, the seed) reach the running
 * server here. Page revalidation only works inside a request, so the poller does not dispatch
 * itself: when the outbox holds events some consumer has not applied, it asks the server, over
 * loopback, to run POST /api/internal/effects, which applies them (lib/events/effects.ts). The
 * request carries a secret made fresh in this process, so nobody else can trigger it. On PostgreSQL
 * a notification from any app server wakes it at once (listenForOtherServers).
 */

/** How often the outbox is checked: one indexed read per consumer when nothing is new. */
export const POLL_INTERVAL_MS = 2000;
export const DISPATCH_HEADER = "x-factdesk-dispatch";

const state = globalThis as unknown as { factdeskDispatchSecret?: string; factdeskPoller?: NodeJS.Timeout };

function dispatchSecret(): string {
  return (state.factdeskDispatchSecret ??= randomBytes(32).toString("hex"));
}

/** Whether a request to the effects route comes from this process's poller. */
export function isDispatchRequest(request: Request): boolean {
  const given = Buffer.from(request.headers.get(DISPATCH_HEADER) ?? "");
  const secret = Buffer.from(dispatchSecret());
  return given.length === secret.length && timingSafeEqual(given, secret);
}

/** Where this server listens, as Next's own start-up recorded it (the port alone before it has). */
function serverOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
}

let inFlight = false;
let again = false;

async function wakeServer(): Promise<void> {
  if (!(await effectsPending(getDb()))) return;
  const response = await fetch(`${serverOrigin()}/api/internal/effects`, { method: "POST", headers: { [DISPATCH_HEADER]: dispatchSecret() } });
  if (!response.ok) logger().error({ source: "events.poller", status: response.status }, `events.poller: the effects route answered ${response.status}`);
}

/** Runs a check, logging (never throwing) what goes wrong: for the tick and for notifications alike. */
function pollNow(): void {
  poll().catch((error: unknown) => logFailure("events.poller", error));
}

/** One check at a time; a wake-up that arrives during one (a notification) runs another after it. */
async function poll(): Promise<void> {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  try {
    do {
      again = false;
      await wakeServer();
    } while (again);
  } catch {
    // Not listening yet (start-up) or shutting down: the next tick tries again.
  } finally {
    inFlight = false;
  }
}

/**
 * On PostgreSQL other app servers commit events too, and this server must apply its own consumers
 * (its page cache, its open streams) to them at once, not at the next tick: the process's LISTEN
 * connection (lib/pg/notify.ts) wakes the poller whenever any server commits events. The outbox stays
 * the source of truth: a notification lost while the connection is down is caught by the tick.
 */
async function listenForOtherServers(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() ?? "";
  if (databaseEngine(url) !== "postgres") return;
  const { subscribeToEvents } = await import("@/lib/pg/notify");
  await subscribeToEvents(url, getDb() as unknown as PgExecutor, pollNow);
}

/** Starts the poller once per process; unref'd, so it never keeps the process alive. */
export function startOutboxPoller(): void {
  // `next build` runs the hook in its page workers too; there is no server to wake, nor a database to open.
  if (state.factdeskPoller || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  // Before the first request: a consumer new to this database starts from here, not from the change that first wakes it.
  // On SQLite every step of it completes before the first request is taken (no I/O, only resolved promises).
  const registering = (async () => registerEffects(getDb()))();
  registering.catch((error: unknown) => logFailure("events.register", error, { note: "each consumer starts at its first dispatch instead" }));
  state.factdeskPoller = setInterval(pollNow, POLL_INTERVAL_MS);
  state.factdeskPoller.unref();
  listenForOtherServers().catch((error: unknown) => logFailure("events.listen", error, { note: "other servers' changes reach this one at the next tick instead" }));
}
