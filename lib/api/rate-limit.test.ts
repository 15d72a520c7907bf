import { describe, expect, it } from "vitest";
import { configuredRateLimit, DEFAULT_RATE_LIMIT_PER_MINUTE, RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` requests, then refuses with a Retry-After until the bucket refills", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a");
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 3 });
    expect(refused.retryAfter).toBe(20); // one request every 20 s at 3 a minute
    now += 19_000;
    expect(limiter.take("a").allowed).toBe(false);
    now += 1_000;
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("keeps one bucket per key", () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("never holds more than `limit` after a long pause", () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    now += 60 * 60_000;
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, false]);
  });
});

describe("configuredRateLimit", () => {
  it("reads FACTDESK_API_RATE_LIMIT and falls back to 600 on blank or nonsense", () => {
    expect(configuredRateLimit({ FACTDESK_API_RATE_LIMIT: "42" })).toBe(42);
    for (const value of [undefined, "", "0", "-5", "1.5", "many"]) {
      expect(configuredRateLimit({ FACTDESK_API_RATE_LIMIT: value })).toBe(DEFAULT_RATE_LIMIT_PER_MINUTE);
    }
  });
});
