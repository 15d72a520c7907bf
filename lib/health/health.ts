import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** The API version /api/v1/health reports. */
export const API_VERSION = "1";

export interface Health {
  status: "ok";
  version: string;
  time: string;
}

/**
 * The desk is healthy when its database answers a query. Cheap on purpose: load balancers call it
 * every few seconds. A database that cannot answer throws, and the route answers 500.
 */
export function checkHealth(db: Pick<Db, "get">, now = new Date()): Health {
  db.get(sql`select 1`);
  return { status: "ok", version: API_VERSION, time: now.toISOString() };
}
