import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf } from "@/db/tables";
import { logFailure } from "@/lib/observability/logger";
import { SharedRateLimiter } from "./rate-limit-pg";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfter: number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** `FACTDESK_API_RATE_LIMIT` requests a minute per token; a blank or invalid value means the default. */
export function configuredRateLimit(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.FACTDESK_API_RATE_LIMIT);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_RATE_LIMIT_PER_MINUTE;
}

/** What a bucket of `limit` a minute answers, given whether it gave a token and the tokens left after. */
export function rateDecision(limit: number, allowed: boolean, tokens: number): RateLimitDecision {
  if (allowed) return { allowed: true, limit, remaining: Math.floor(tokens), retryAfter: 0 };
  return { allowed: false, limit, remaining: 0, retryAfter: Math.max(1, Math.ceil((1 - tokens) / (limit / 60_000) / 1000)) };
}

/**
 * A token bucket per key: `limit` requests at once, refilled evenly over a minute. Kept in memory on
 * SQLite: the app is one process, and a restart forgetting the counts is harmless. On PostgreSQL,
 * where several app servers may share the database, the same bucket lives in the database
 * (SharedRateLimiter, ./rate-limit-pg.ts); takeApiRate picks the one for the engine.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateLimitDecision {
    const now = this.now();
    const perMs = this.limit / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, updatedAt: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return rateDecision(this.limit, allowed, bucket.tokens);
  }

  /** Forgets full buckets, which behave exactly like new ones. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * (this.limit / 60_000) >= this.limit) this.buckets.delete(key);
    }
  }
}

const globalForLimiter = globalThis as unknown as { factdeskRateLimiter?: RateLimiter };

/** The process-wide limiter, rebuilt if the configured limit changes. */
export function apiRateLimiter(): RateLimiter {
  const limit = configuredRateLimit();
  if (globalForLimiter.factdeskRateLimiter?.limit !== limit) globalForLimiter.factdeskRateLimiter = new RateLimiter(limit);
  return globalForLimiter.factdeskRateLimiter;
}

const sharedLimiters = new WeakMap<object, { limiter: SharedRateLimiter; sweptAt: number }>();

/**
 * Takes one request from `key`'s bucket: in this process's memory on SQLite, in the database on
 * PostgreSQL (one bucket for every app server). Full buckets are forgotten about once a minute.
 */
export async function takeApiRate(db: Db, key: string): Promise<RateLimitDecision> {
  if (engineOf(db) === "sqlite") return apiRateLimiter().take(key);
  const limit = configuredRateLimit();
  let shared = sharedLimiters.get(db);
  if (shared?.limiter.limit !== limit) {
    shared = { limiter: new SharedRateLimiter(db as unknown as PgExecutor, limit), sweptAt: Date.now() };
    sharedLimiters.set(db, shared);
  }
  if (Date.now() - shared.sweptAt > 60_000) {
    shared.sweptAt = Date.now();
    // Housekeeping off the request's path: a failed sweep only leaves full buckets for the next one.
    shared.limiter.sweep().catch((error: unknown) => logFailure("api.rate_limit.sweep", error));
  }
  return shared.limiter.take(key);
}
