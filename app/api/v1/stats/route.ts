import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseQuery } from "@/lib/core/parse";
import { ok } from "@/lib/core/result";
import { periodOf } from "@/lib/stats/period";
import { deskStats } from "@/lib/stats/stats";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.getStats, async ({ db, actor, url }) => {
  const query = parseQuery(API_ROUTES.getStats.query, url.searchParams);
  return query.ok ? ok(await deskStats(db, actor, periodOf(query.value))) : query;
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
