import { apiRoute } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import { loadArticleCandidates } from "@/lib/articles/candidates";
import { ok } from "@/lib/core/result";

export const dynamic = "force-dynamic";

/** Every sentence of the article, best first: `{text, start, end, score, boilerplate, conflicts, claims}`. */
export const GET = apiRoute<{ id: string }>(API_ROUTES.listCandidates, async ({ db, params }) => {
  const id = parseId(params.id, "article");
  if (!id.ok) return id;
  const candidates = await loadArticleCandidates(db, id.value);
  return candidates.ok ? ok({ data: candidates.value, nextCursor: null }) : candidates;
});
