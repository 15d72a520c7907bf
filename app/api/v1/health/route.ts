import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { methodNotAllowed, publicApiRoute } from "@/lib/api";
import { ok } from "@/lib/core/result";

export const dynamic = "force-dynamic";

/** Public: load balancers and newsroom integrations check it without a token. */
export const GET = publicApiRoute(() => {
  getDb().get(sql`select 1`);
  return ok({ status: "ok", version: "1", time: new Date().toISOString() });
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
