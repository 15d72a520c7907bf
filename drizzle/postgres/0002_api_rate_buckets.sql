-- The API's per-token rate limit shared by every app server on this database (issue #17 item 2):
-- one token bucket per key (lib/api/rate-limit-pg.ts). PostgreSQL only: on SQLite the app is one
-- process and counts in memory. UNLOGGED: a bucket is a few seconds of state, refilled within a
-- minute, so it needs no write-ahead log; a crash empties the table, which only forgives the
-- requests of the minute before it. Not in db/schema-pg.ts, as the full-text indexes are not: the
-- domain never queries it through drizzle's schema.
CREATE UNLOGGED TABLE IF NOT EXISTS "api_rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_ms" bigint NOT NULL,
	"allowed" boolean NOT NULL
);
