import { apiRoute, jsonResponse } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import type { PublishedSummaryResource } from "@/lib/api/schemas";
import { publicUrl, summaryPath } from "@/lib/publish/config";
import { publishSummary } from "@/lib/publish/publish";
import { ok } from "@/lib/core/result";

/**
 * POST /api/v1/articles/{id}/publish `{title, introduction, correctionNote?, claimIds?, expectedVersion?, slug?}`.
 * `slug` is chosen at first publication only; a republish naming a different one is refused (422).
 * 201 with the new version; 200 with the latest one when the request repeats it exactly (nothing new
 * is written, so a retried or doubled request publishes once, with or without an Idempotency-Key).
 */
export const POST = apiRoute<{ id: string }>(API_ROUTES.publishArticle, async ({ db, actor, params, body, request }) => {
  const id = parseId(params.id, "article");
  if (!id.ok) return id;
  const result = await publishSummary(db, actor, id.value, body);
  if (!result.ok) return result;
  const { summary, publication, created } = result.value;
  const base = publicUrl(request.url);
  const resource: PublishedSummaryResource = {
    id: publication.id,
    summaryId: summary.id,
    articleId: summary.articleId,
    slug: summary.slug,
    version: publication.version,
    title: publication.title,
    introduction: publication.introduction,
    correctionNote: publication.correctionNote,
    publishedById: publication.publishedById,
    publishedAt: publication.publishedAt,
    claimCount: (JSON.parse(publication.snapshot) as { claims: unknown[] }).claims.length,
    url: `${base}${summaryPath(summary.slug)}`,
    versionUrl: `${base}${summaryPath(summary.slug, publication.version)}`,
    created,
  };
  return created ? ok(resource) : jsonResponse(resource, 200);
});
