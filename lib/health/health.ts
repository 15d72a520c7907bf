import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf } from "@/db/tables";

/** The API version /api/v1/health reports. */
export const API_VERSION = "1";

export interface Health {
  status: "ok";
  version: string;
  time: string;
}

/**
 * The desk is healthy when its database answers a query. Cheap on purpose: load balancers call it
 * every few seconds. A database that cannot answer throws (or rejects), and the route answers 500.
 */
export async function checkHealth(db: Db, now = new Date()): Promise<Health> {
  if (engineOf(db) === "sqlite") db.get(sql`select 1`); // sqlite-branch
  else await (db as unknown as PgExecutor).execute(sql`select 1`);
  return { status: "ok", version: API_VERSION, time: now.toISOString() };
}
