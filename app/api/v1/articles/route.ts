import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { addArticle, listArticles } from "@/lib/articles/articles";
import { fail, ok } from "@/lib/result";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createArticle, ({ db, actor, body }) => addArticle(db, actor, body));

export const GET = apiRoute(API_ROUTES.listArticles, ({ db, url }) => {
  const query = parseQuery(API_ROUTES.listArticles.query, url.searchParams);
  if (!query.ok) return query;
  const { cursor, limit } = query.value;
  if (cursor !== undefined && !/^[1-9]\d{0,14}$/.test(cursor)) {
    return fail("invalid", "This page link is no longer valid; start from the first page.", { fields: { cursor: ["Unknown cursor"] } });
  }
  return ok(listArticles(db, { cursor: cursor === undefined ? null : Number(cursor), limit }));
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
