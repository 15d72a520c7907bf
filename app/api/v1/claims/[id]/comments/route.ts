import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { addComment, listComments } from "@/lib/comments/comments";
import { parseId } from "@/lib/core/ids";
import { parseQuery } from "@/lib/core/parse";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(API_ROUTES.listComments, async ({ db, params, url }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  const query = parseQuery(API_ROUTES.listComments.query, url.searchParams);
  return query.ok ? await listComments(db, id.value, query.value) : query;
});

export const POST = apiRoute<{ id: string }>(API_ROUTES.addComment, async ({ db, actor, params, body }) => {
  const id = parseId(params.id, "claim");
  return id.ok ? await addComment(db, actor, id.value, body) : id;
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
