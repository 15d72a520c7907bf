import { getDb } from "@/db/client";
import { methodNotAllowed, publicApiRoute } from "@/lib/api";
import { ok } from "@/lib/core/result";
import { checkHealth } from "@/lib/health/health";

export const dynamic = "force-dynamic";

/** Public: load balancers and newsroom integrations check it without a token. */
export const GET = publicApiRoute(async () => ok(await checkHealth(getDb())));

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
