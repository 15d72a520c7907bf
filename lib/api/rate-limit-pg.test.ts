import { describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client-pg";
import { onEveryEngine } from "@/lib/testing/engines";
import { scratchDatabase, TEST_PG_URL } from "@/lib/testing/pg-scratch";
import type { PgExecutor } from "@/db/client-pg";
import { RateLimiter } from "./rate-limit";
import { SharedRateLimiter } from "./rate-limit-pg";

onEveryEngine(
  "the shared API rate limit",
  (database) => {
    it("behaves as the in-memory bucket does, decision for decision, as the clock moves", async () => {
      let now = 1_000_000;
      const shared = new SharedRateLimiter(database() as unknown as PgExecutor, 3, () => now);
      const memory = new RateLimiter(3, () => now);
      const key = `token:${Math.random()}`;
      for (const step of [0, 0, 0, 0, 0, 10_000, 0, 20_000, 0, 0, 0, 60_000, 0, 0, 0, 0]) {
        now += step;
        expect(await shared.take(key)).toEqual(memory.take(key));
      }
      // Another key has a bucket of its own.
      expect((await shared.take(`${key}:other`)).remaining).toBe(2);
    });

    it("forgets buckets unused for a minute, which then start full", async () => {
      let now = 5_000_000;
      const shared = new SharedRateLimiter(database() as unknown as PgExecutor, 2, () => now);
      const key = `token:${Math.random()}`;
      await shared.take(key);
      await shared.take(key);
      expect((await shared.take(key)).allowed).toBe(false);
      now += 61_000;
      expect(await shared.sweep()).toBeGreaterThanOrEqual(1);
      expect(await shared.take(key)).toMatchObject({ allowed: true, remaining: 1 });
    });
  },
  { postgresOnly: true },
);

describe.skipIf(!TEST_PG_URL)("two app servers on one PostgreSQL", () => {
  it("share one bucket per token: 12 concurrent requests split over two servers get exactly the limit of 5", async () => {
    const scratch = await scratchDatabase("factdesk_ratelimit");
    const [one, two] = [await openPostgres(scratch.url, { max: 4 }), await openPostgres(scratch.url, { max: 4, migrate: false })];
    try {
      const now = () => 9_000_000; // a frozen clock: no refill during the burst
      const servers = [new SharedRateLimiter(one as unknown as PgExecutor, 5, now), new SharedRateLimiter(two as unknown as PgExecutor, 5, now)];
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => servers[i % 2]!.take("token:7")));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      expect(decisions.filter((decision) => !decision.allowed).every((decision) => decision.retryAfter >= 1)).toBe(true);
      // Each server alone, in memory, would have allowed 5 of its 6.
    } finally {
      await one.$client.end();
      await two.$client.end();
      await scratch.drop();
    }
  }, 60_000);
});
