import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseQuery } from "@/lib/core/parse";
import { ok } from "@/lib/core/result";
import { searchUsers } from "@/lib/users/search";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listUsers, async ({ db, url }) => {
  const query = parseQuery(API_ROUTES.listUsers.query, url.searchParams);
  return query.ok ? ok({ data: await searchUsers(db, query.value.q) }) : query;
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
