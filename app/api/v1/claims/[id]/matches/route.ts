import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { parseQuery } from "@/lib/core/parse";
import { fail, ok } from "@/lib/core/result";
import { matchesForClaim } from "@/lib/match";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(API_ROUTES.claimMatches, ({ db, params, url }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  const query = parseQuery(API_ROUTES.claimMatches.query, url.searchParams);
  if (!query.ok) return query;
  const matches = matchesForClaim(db, id.value, query.value.limit);
  return matches ? ok({ data: matches }) : fail("not_found", `There is no claim #${id.value}.`);
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
