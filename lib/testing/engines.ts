/**
 * Domain tests on every engine (issue #17, item 7): the same describe block runs on SQLite in memory,
 * on PostgreSQL in process (PGlite, always), and on a real PostgreSQL server when FACTDESK_TEST_PG_URL
 * names one (scripts/pg-cluster.sh sets it; `.ci/run` runs the whole suite under it).
 *
 *   onEveryEngine("saved views", (database) => {
 *     it("keeps a user's views", async () => {
 *       const db = database();
 *       const editor = await createUserOn(db, "editor");
 *       ...
 *     });
 *   });
 *
 * Each engine's database is opened once for the block (migrated, empty) and closed after it; tests in a
 * block share it, so they make their own users and rows and look only at those (or pass
 * `{ freshEach: true }` for a new database per test, at a second or so each on PGlite).
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { hashSync } from "@node-rs/argon2";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, afterEach, beforeAll, beforeEach, describe } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { openPostgres, postgresMigrationsFolder } from "@/db/client-pg";
import * as pgSchema from "@/db/schema-pg";
import { tablesOf, type Engine } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import type { Role } from "@/lib/core/vocabulary";
import { scratchDatabase, TEST_PG_URL } from "./pg-scratch";

export type EngineName = "SQLite" | "PGlite" | "PostgreSQL";

interface Opened {
  db: Db;
  close(): Promise<void>;
}

/** A migrated, empty database on each engine, typed as the domain sees it (db/tables.ts says why). */
const OPENERS: Record<EngineName, () => Promise<Opened>> = {
  SQLite: async () => {
    const db = openDatabase(":memory:");
    return {
      db,
      close: async () => {
        db.$client.close();
      },
    };
  },
  PGlite: async () => {
    const client = new PGlite({ extensions: { unaccent } });
    const db = drizzle(client, { schema: pgSchema });
    await migrate(db, { migrationsFolder: postgresMigrationsFolder() });
    return { db: db as unknown as Db, close: () => client.close() };
  },
  PostgreSQL: async () => {
    const scratch = await scratchDatabase("factdesk_engines");
    const db = await openPostgres(scratch.url, { max: 4 });
    return {
      db: db as unknown as Db,
      close: async () => {
        await db.$client.end();
        await scratch.drop();
      },
    };
  },
};

/** The engines this run can test on: the real server only where one is configured. */
export function testEngines(): EngineName[] {
  return TEST_PG_URL ? ["SQLite", "PGlite", "PostgreSQL"] : ["SQLite", "PGlite"];
}

/** Which engine a test engine is. */
export function engineOfName(name: EngineName): Engine {
  return name === "SQLite" ? "sqlite" : "postgres";
}

export interface EngineOptions {
  /** A fresh database for every test instead of one for the block (for tests that read whole tables). */
  freshEach?: boolean;
  /** PostgreSQL's engines only (PGlite, and the server when configured): for what exists only there. */
  postgresOnly?: boolean;
}

/** Runs `body` once per engine, in a describe block named after it, with that engine's database. */
export function onEveryEngine(title: string, body: (database: () => Db, engine: EngineName) => void, options: EngineOptions = {}): void {
  for (const engine of testEngines().filter((name) => !options.postgresOnly || name !== "SQLite")) {
    describe(`${title} (${engine})`, () => {
      let opened: Opened | undefined;
      const [open, close] = options.freshEach ? [beforeEach, afterEach] : [beforeAll, afterAll];
      open(async () => {
        opened = await OPENERS[engine]();
      }, 120_000);
      close(async () => {
        await opened?.close();
        opened = undefined;
      });
      body(() => {
        if (!opened) throw new Error(`the ${engine} database is not open yet`);
        return opened.db;
      }, engine);
    });
  }
}

// Cheap parameters: tests need a valid argon2id hash, not a strong one (the same as lib/testing/db.ts).
const TEST_HASH = hashSync("password123", { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });

let usersMade = 0;

/** A user with `role` on any engine (createTestUser's engine-neutral twin); each gets an email of its own. */
export async function createUserOn(db: Db, role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<Actor> {
  const { users } = tablesOf(db);
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${++usersMade}@example.test`;
  const [row] = await db.insert(users).values({ email, name, role, passwordHash: TEST_HASH }).returning();
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}
