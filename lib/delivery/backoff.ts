/*
 * When a failed delivery is tried again: an exponential schedule (30 s, 2 min, 10 min, 1 h, 6 h, then
 * every 6 h) with ±20 % jitter, so receivers that come back up are not hit by every queued delivery at
 * the same instant. After MAX_DELIVERY_ATTEMPTS attempts a delivery is given up on (an admin can replay it).
 */

/** Delays after the 1st, 2nd, … failed attempt, in units of the base (30 s by default). */
const STEPS = [1, 4, 20, 120, 720] as const;

export const DEFAULT_BACKOFF_BASE_MS = 30_000;
export const MAX_DELIVERY_ATTEMPTS = 8;
export const JITTER = 0.2;

/**
 * The base of the schedule: FACTDESK_DELIVERY_BACKOFF_MS when set to a positive whole number (the e2e
 * suite sets it small so a retry comes within seconds), 30 s otherwise.
 */
export function backoffBaseMs(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.FACTDESK_DELIVERY_BACKOFF_MS);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : DEFAULT_BACKOFF_BASE_MS;
}

export interface BackoffOptions {
  baseMs?: number;
  maxAttempts?: number;
  /** A number in [0, 1); Math.random by default. 0.5 means no jitter. */
  random?: () => number;
}

/**
 * How long to wait after the `attempts`-th failed attempt (1 = the first), or null when that was the
 * last one allowed and the delivery is given up on.
 */
export function retryDelayMs(attempts: number, options: BackoffOptions = {}): number | null {
  const { baseMs = backoffBaseMs(), maxAttempts = MAX_DELIVERY_ATTEMPTS, random = Math.random } = options;
  if (attempts >= maxAttempts) return null;
  const step = STEPS[Math.min(Math.max(attempts, 1), STEPS.length) - 1]!;
  const jitter = 1 + JITTER * (2 * random() - 1);
  return Math.round(baseMs * step * jitter);
}
