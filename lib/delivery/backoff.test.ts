import { describe, expect, it } from "vitest";
import { backoffBaseMs, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./backoff";

const noJitter = { random: () => 0.5, baseMs: 30_000 };

describe("retryDelayMs", () => {
  it("waits 30 s, 2 min, 10 min, 1 h, 6 h, then 6 h again, without jitter", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, noJitter));
    expect(delays).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 21_600_000, 21_600_000]);
  });

  it("gives up after the last allowed attempt", () => {
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS - 1, noJitter)).not.toBeNull();
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS, noJitter)).toBeNull();
    expect(retryDelayMs(3, { ...noJitter, maxAttempts: 3 })).toBeNull();
  });

  it("jitters by at most ±20 %, both ways", () => {
    expect(retryDelayMs(1, { baseMs: 1000, random: () => 0 })).toBe(800);
    expect(retryDelayMs(1, { baseMs: 1000, random: () => 0.999999 })).toBe(1200);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(2, { baseMs: 1000 })!;
      expect(delay).toBeGreaterThanOrEqual(3200);
      expect(delay).toBeLessThanOrEqual(4800);
    }
  });

  it("grows with the attempt number whatever the jitter", () => {
    const low = { baseMs: 1000, random: () => 0.999999 };
    const high = { baseMs: 1000, random: () => 0 };
    for (let attempt = 1; attempt < 5; attempt++) expect(retryDelayMs(attempt + 1, high)!).toBeGreaterThan(retryDelayMs(attempt, low)!);
  });
});

describe("backoffBaseMs", () => {
  it("reads FACTDESK_DELIVERY_BACKOFF_MS and ignores what is not a positive whole number", () => {
    expect(backoffBaseMs({})).toBe(30_000);
    expect(backoffBaseMs({ FACTDESK_DELIVERY_BACKOFF_MS: "500" })).toBe(500);
    expect(backoffBaseMs({ FACTDESK_DELIVERY_BACKOFF_MS: "-1" })).toBe(30_000);
    expect(backoffBaseMs({ FACTDESK_DELIVERY_BACKOFF_MS: "soon" })).toBe(30_000);
  });
});
