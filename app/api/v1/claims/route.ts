import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseQuery } from "@/lib/core/parse";
import { API_ROUTES } from "@/lib/api/routes";
import { listClaims, submitClaim } from "@/lib/workflow";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createClaim, ({ db, actor, body }) => submitClaim(db, actor, body));

export const GET = apiRoute(API_ROUTES.listClaims, ({ db, actor, url }) => {
  const query = parseQuery(API_ROUTES.listClaims.query, url.searchParams);
  if (!query.ok) return query;
  // `assigned=me` and `actionable=1` mean what they mean on the queue page, for the token's user.
  const { cursor, limit, assigned, actionable, ...filters } = query.value;
  return listClaims(db, assigned === "me" ? { ...filters, assigneeId: actor.id } : filters, { cursor, limit }, actionable ? { actionableBy: actor } : {});
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
