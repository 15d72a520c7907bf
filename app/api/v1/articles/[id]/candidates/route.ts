import { apiRoute, parseId } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { articleCandidates } from "@/lib/articles/candidates";
import { fail, ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Every sentence of the article, best first: `{text, start, end, score, boilerplate, conflicts, claims}`. */
export const GET = apiRoute<{ id: string }>(API_ROUTES.listCandidates, ({ db, params }) => {
  const id = parseId(params.id, "article");
  if (!id.ok) return id;
  const candidates = articleCandidates(db, id.value);
  return candidates ? ok({ data: candidates, nextCursor: null }) : fail("not_found", `There is no article ${id.value}.`);
});
