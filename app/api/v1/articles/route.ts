import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseQuery } from "@/lib/core/parse";
import { API_ROUTES } from "@/lib/api/routes";
import { addArticle, listArticles } from "@/lib/articles/articles";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createArticle, ({ db, actor, body }) => addArticle(db, actor, body));

export const GET = apiRoute(API_ROUTES.listArticles, ({ db, url }) => {
  const query = parseQuery(API_ROUTES.listArticles.query, url.searchParams);
  if (!query.ok) return query;
  return listArticles(db, query.value);
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
