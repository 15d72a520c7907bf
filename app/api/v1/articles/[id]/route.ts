import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import { getArticle } from "@/lib/articles/articles";
import { fail, ok } from "@/lib/core/result";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(API_ROUTES.getArticle, async ({ db, params }) => {
  const id = parseId(params.id, "article");
  if (!id.ok) return id;
  const article = await getArticle(db, id.value);
  return article ? ok(article) : fail("not_found", `There is no article ${id.value}.`);
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
