/**
 * Engine selection from DATABASE_URL, the SQLite path resolver's refusal of a PostgreSQL URL, and (on a
 * real server, when FACTDESK_TEST_PG_URL is set: `scripts/pg-cluster.sh run npx vitest run …`) the
 * node-postgres client opening and migrating it.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_PATH, resolveDatabasePath } from "@/db/path";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { databaseEngine, PostgresNotYetSupportedError, redactDatabaseUrl } from "./engine";

describe("databaseEngine", () => {
  it("postgres:// and postgresql:// are PostgreSQL, whatever their case and surrounding spaces", () => {
    expect(databaseEngine("postgres://u:p@db.example:5432/desk")).toBe("postgres");
    expect(databaseEngine("postgresql://localhost/desk")).toBe("postgres");
    expect(databaseEngine("  PostgreSQL://localhost/desk ")).toBe("postgres");
  });

  it("a path, a file: URL, :memory: or nothing is SQLite", () => {
    for (const url of [undefined, "", "data/desk.db", "/var/lib/desk.db", "file:desk.db", "file:///srv/desk.db", ":memory:", "postgres.db", "./postgres://x"]) {
      expect(databaseEngine(url)).toBe("sqlite");
    }
  });

  it("masks the password in messages", () => {
    expect(redactDatabaseUrl("postgres://desk:s3cret@db.example:5432/desk")).toBe("postgres://desk:***@db.example:5432/desk");
    expect(redactDatabaseUrl("postgres://desk@db.example/desk")).toBe("postgres://desk@db.example/desk");
    expect(redactDatabaseUrl("data/desk.db")).toBe("data/desk.db");
  });
});

describe("resolveDatabasePath", () => {
  it("resolves SQLite forms as before", () => {
    expect(resolveDatabasePath(undefined)).toBe(path.resolve(DEFAULT_DATABASE_PATH));
    expect(resolveDatabasePath("  ")).toBe(path.resolve(DEFAULT_DATABASE_PATH));
    expect(resolveDatabasePath(":memory:")).toBe(":memory:");
    expect(resolveDatabasePath("file:rel/desk.db")).toBe(path.resolve("rel/desk.db"));
    expect(resolveDatabasePath("file:///srv/desk.db")).toBe("/srv/desk.db");
  });

  it("refuses a PostgreSQL URL with what works there today, instead of making a file named after it", () => {
    const attempt = () => resolveDatabasePath("postgres://desk:s3cret@db.example/desk");
    expect(attempt).toThrow(PostgresNotYetSupportedError);
    expect(attempt).toThrow(/cannot run on PostgreSQL yet \(DATABASE_URL=postgres:\/\/desk:\*\*\*@db\.example\/desk\)\. The app \(npm start, the API and the CLI\) still runs on SQLite only: set DATABASE_URL to a file path/);
    expect(attempt).toThrow(/To move a desk to PostgreSQL \(or back\), run npx factdesk db:copy --from FILE --to postgres:\/\/…$/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});

const realServer = TEST_PG_URL;
if (!realServer) console.info("engine.test.ts: FACTDESK_TEST_PG_URL is unset, skipping the real-server tests (scripts/pg-cluster.sh run … sets it).");

describe.skipIf(!realServer)("db/client-pg on a real PostgreSQL server (FACTDESK_TEST_PG_URL)", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_engine");
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("opens a pool, applies drizzle/postgres with its triggers, and does it again without harm", async () => {
    const { openPostgres } = await import("@/db/client-pg");
    // Two at once, as two app servers starting together: the advisory lock makes them take turns.
    const [first, second] = await Promise.all([openPostgres(scratch.url), openPostgres(scratch.url)]);
    try {
      const triggers = await first.$client.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE tgname = 'signoffs_no_update'");
      expect(triggers.rows).toHaveLength(1);
      const counts = await second.$client.query<{ state: string }>("SELECT state FROM claim_state_counts ORDER BY state");
      expect(counts.rows.map((row) => row.state)).toEqual(["draft", "reviewed", "verified"]);
    } finally {
      await first.$client.end();
      await second.$client.end();
    }
  }, 60_000);

  it("says which server it could not open, without the password", async () => {
    const { openPostgres } = await import("@/db/client-pg");
    const url = new URL(realServer!);
    url.password = "hunter2";
    url.pathname = "/factdesk_no_such_database";
    await expect(openPostgres(url.toString())).rejects.toThrow(/Cannot open PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/factdesk_no_such_database: .*does not exist/);
  });
});
