/**
 * A database of its own on the real PostgreSQL server of FACTDESK_TEST_PG_URL (scripts/pg-cluster.sh), so
 * test files running at the same time never see each other's rows. Dropped again by `drop()`.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_PG_URL = process.env.FACTDESK_TEST_PG_URL?.trim() || undefined;

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new database on the server of `server` (default FACTDESK_TEST_PG_URL), dropped by drop(). */
export async function scratchDatabase(prefix = "factdesk_scratch", server: string | undefined = TEST_PG_URL): Promise<ScratchDatabase> {
  if (!server) throw new Error("FACTDESK_TEST_PG_URL is not set");
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
