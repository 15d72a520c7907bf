import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseQuery } from "@/lib/core/parse";
import { API_ROUTES } from "@/lib/api/routes";
import { listClaims, submitClaim } from "@/lib/workflow";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createClaim, ({ db, actor, body }) => submitClaim(db, actor, body));

export const GET = apiRoute(API_ROUTES.listClaims, ({ db, url }) => {
  const query = parseQuery(API_ROUTES.listClaims.query, url.searchParams);
  if (!query.ok) return query;
  const { cursor, limit, ...filters } = query.value;
  return listClaims(db, filters, { cursor, limit });
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
