import type { Db } from "@/db/client";
import type { Delivery } from "@/db/schema";
import { backoffBaseMs, type BackoffOptions } from "./backoff";
import { logger } from "@/lib/observability/logger";
import { observeDeliveryAttempt } from "@/lib/observability/metrics";
import { scrub } from "@/lib/observability/redact";
import { leaseDue, recordAttempt, type AttemptOutcome } from "./outbox";
import type { DeliveryChannel } from "./vocabulary";

/*
 * One pass of the delivery loop: lease the due rows, send them (a few at a time, each attempt with a
 * timeout), record each outcome. Pure of timers and globals so tests drive it with their own clock;
 * ./loop.ts runs it on an interval inside the server.
 */

/** What a sender tells the loop: accepted (2xx, SMTP accepted) or not, with the receiver's status and what went wrong. */
export type SendResult = { ok: true; status?: number | null } | { ok: false; status?: number | null; error: string };

/** Sends one delivery; must honour `signal` (the attempt's timeout) and should not throw (a throw counts as a failed attempt). */
export type Sender = (delivery: Delivery, signal: AbortSignal) => Promise<SendResult>;

export interface DeliveryPassOptions {
  senders: Partial<Record<DeliveryChannel, Sender>>;
  now?: () => Date;
  /** Rows taken per pass. */
  limit?: number;
  /** Attempts running at once. */
  concurrency?: number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  backoff?: BackoffOptions;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface PassReport {
  attempted: number;
  delivered: number;
  failed: number;
}

/** Sends what is due once; resolves when every attempt of this pass has finished or timed out. */
export async function runDeliveryPass(db: Db, options: DeliveryPassOptions): Promise<PassReport> {
  const { senders, now = () => new Date(), limit = 50, concurrency = 4, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const backoff = { baseMs: backoffBaseMs(), ...options.backoff };
  const channels = Object.keys(senders) as DeliveryChannel[];
  if (channels.length === 0) return { attempted: 0, delivered: 0, failed: 0 };
  const leased = await leaseDue(db, channels, limit, now());
  const report: PassReport = { attempted: leased.length, delivered: 0, failed: 0 };
  let next = 0;
  async function work(): Promise<void> {
    while (next < leased.length) {
      const delivery = leased[next++]!;
      const outcome = await attempt(senders[delivery.channel]!, delivery, timeoutMs);
      const recorded = await recordAttempt(db, delivery, outcome, now(), backoff);
      if (recorded?.status === "delivered") report.delivered++;
      else report.failed++;
      logAttempt(delivery, outcome, recorded);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, leased.length) }, work));
  return report;
}

async function attempt(send: Sender, delivery: Delivery, timeoutMs: number): Promise<AttemptOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    // The sender may ignore the signal; the race makes the timeout hold anyway.
    const aborted = new Promise<SendResult>((resolve) =>
      controller.signal.addEventListener("abort", () => resolve({ ok: false, error: `Timed out after ${timeoutMs} ms` }), { once: true }),
    );
    const result = await Promise.race([send(delivery, controller.signal), aborted]);
    return { ...result, durationMs: performance.now() - started };
  } catch (error) {
    return { ok: false, error: describe(error), durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${reason}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/**
 * One log line and one metric per attempt: which delivery (ids, never its URL, payload or secret),
 * the attempt's number, the receiver's status, how long it took, what came of it and what went wrong.
 */
function logAttempt(delivery: Delivery, outcome: AttemptOutcome, recorded: Delivery | null): void {
  const result = recorded === null ? "lease_lost" : recorded.status === "delivered" ? "delivered" : recorded.status === "failed" ? "failed" : "retry";
  if (result !== "lease_lost") observeDeliveryAttempt(delivery.channel, result);
  const line = {
    source: "delivery",
    delivery_id: delivery.id,
    channel: delivery.channel,
    ...(delivery.webhookId != null && { webhook_id: delivery.webhookId }),
    ...(delivery.eventId != null && { event_id: delivery.eventId }),
    attempt: delivery.attempts + 1,
    outcome: result,
    receiver_status: outcome.status ?? null,
    duration_ms: Math.round(outcome.durationMs),
    ...(recorded?.status === "pending" && { next_attempt_at: recorded.nextAttemptAt }),
    ...(!outcome.ok && { error: scrub(outcome.error) }),
  };
  const message = `delivery ${delivery.channel} #${delivery.id} attempt ${line.attempt}: ${result}`;
  if (outcome.ok) logger().info(line, message);
  else logger().warn(line, message);
}
