/**
 * Engine selection from DATABASE_URL, the SQLite path resolver's refusal of a PostgreSQL URL, and (on a
 * real server, when FACTDESK_TEST_PG_URL is set: `scripts/pg-cluster.sh run npx vitest run …`) the
 * node-postgres client opening and migrating it.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeAppDatabase, getDb, openAppDatabase } from "@/db/client";
import { engineOf } from "@/db/tables";
import { DEFAULT_DATABASE_PATH, resolveDatabasePath } from "@/db/path";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { databaseEngine, postgresEnabled, PostgresNotYetSupportedError, redactDatabaseUrl } from "./engine";

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

describe("the app's database (openAppDatabase, getDb)", () => {
  afterEach(async () => {
    await closeAppDatabase();
    vi.unstubAllEnvs();
  });

  it("opens SQLite from a path, synchronously through getDb as well, and the same connection each time", async () => {
    vi.stubEnv("DATABASE_URL", ":memory:");
    const db = await openAppDatabase();
    expect(engineOf(db)).toBe("sqlite");
    expect(getDb()).toBe(db);
    await closeAppDatabase();
    expect(getDb()).not.toBe(db);
  });

  it("refuses a PostgreSQL URL unless FACTDESK_POSTGRES_PREVIEW=1, before connecting anywhere", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://desk:s3cret@db.invalid/desk");
    expect(postgresEnabled()).toBe(false);
    await expect(openAppDatabase()).rejects.toThrow(PostgresNotYetSupportedError);
    expect(() => getDb()).toThrow(PostgresNotYetSupportedError);
    vi.stubEnv("FACTDESK_POSTGRES_PREVIEW", "1");
    expect(postgresEnabled()).toBe(true);
    // getDb cannot open a pool synchronously: the entry points await openAppDatabase first.
    expect(() => getDb()).toThrow(/DATABASE_URL=postgres:\/\/desk:\*\*\*@db\.invalid\/desk\) is opened at startup: await openAppDatabase\(\) before getDb\(\)/);
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

  it("opens the app's database on PostgreSQL with the preview on: getDb answers that pool until it is closed", async () => {
    vi.stubEnv("DATABASE_URL", scratch.url);
    vi.stubEnv("FACTDESK_POSTGRES_PREVIEW", "1");
    try {
      const db = await openAppDatabase();
      expect(engineOf(db)).toBe("postgres");
      expect(getDb()).toBe(db);
      expect(await openAppDatabase()).toBe(db);
    } finally {
      await closeAppDatabase();
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
