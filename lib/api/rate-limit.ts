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

/**
 * A token bucket per key: `limit` requests at once, refilled evenly over a minute. Kept in memory:
 * the app is one process, and a restart forgetting the counts is harmless.
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
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: this.limit, remaining: Math.floor(bucket.tokens), retryAfter: 0 };
    }
    return { allowed: false, limit: this.limit, remaining: 0, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
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
