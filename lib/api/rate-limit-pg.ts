/**
 * The API rate limit across app servers (issue #17 item 2): the same token bucket as RateLimiter
 * (./rate-limit.ts: `limit` requests at once, refilled evenly over a minute), kept in PostgreSQL's
 * UNLOGGED table api_rate_buckets (drizzle/postgres/0002) so that every server behind the load
 * balancer takes from one bucket per token, where N in-memory buckets would allow N times the limit.
 *
 * One statement per request: an upsert that refills the bucket by the time since its last use, takes
 * a token when there is one, and returns what it decided. The row lock the upsert takes serialises
 * two servers' requests for the same key, so two requests never take the last token twice. The
 * clock is the app server's (as for RateLimiter), so servers' clocks should agree to well under a
 * second; a server whose clock runs behind refills nothing rather than too much (greatest(0, …)).
 */
import { sql } from "drizzle-orm";
import type { PgExecutor } from "@/db/client-pg";
import { rateDecision, type RateLimitDecision } from "./rate-limit";

/** What a raw statement answers on node-postgres and on PGlite. */
interface QueryRows<T> {
  rows: T[];
  rowCount?: number | null;
  affectedRows?: number;
}

export class SharedRateLimiter {
  constructor(
    private readonly db: PgExecutor,
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateLimitDecision> {
    const now = this.now();
    const perMs = this.limit / 60_000;
    // The bucket refilled by the time since its last use, capped at the limit (the same sum RateLimiter does).
    const refilled = sql`least(${this.limit}::double precision, b.tokens + greatest(0, ${now}::bigint - b.updated_ms) * ${perMs}::double precision)`;
    const result = (await this.db.execute(sql`
      insert into api_rate_buckets as b (key, tokens, updated_ms, allowed)
      values (${key}, ${this.limit - 1}::double precision, ${now}::bigint, true)
      on conflict (key) do update set
        tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
        allowed = ${refilled} >= 1,
        updated_ms = greatest(b.updated_ms, ${now}::bigint)
      returning tokens, allowed`)) as unknown as QueryRows<{ tokens: number; allowed: boolean }>;
    const row = result.rows[0]!;
    return rateDecision(this.limit, row.allowed, Number(row.tokens));
  }

  /** Forgets buckets full again (unused for over a minute), which behave exactly like absent ones. */
  async sweep(): Promise<number> {
    const result = (await this.db.execute(sql`delete from api_rate_buckets where updated_ms < ${this.now() - 60_000}::bigint`)) as unknown as QueryRows<never>;
    // node-postgres reports rowCount, PGlite affectedRows.
    return result.rowCount ?? result.affectedRows ?? 0;
  }
}
