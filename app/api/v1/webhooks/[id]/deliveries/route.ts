import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { parseQuery } from "@/lib/core/parse";
import { listDeliveries } from "@/lib/webhooks/webhooks";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(API_ROUTES.listWebhookDeliveries, ({ db, actor, params, url }) => {
  const id = parseId(params.id, "webhook");
  if (!id.ok) return id;
  const query = parseQuery(API_ROUTES.listWebhookDeliveries.query, url.searchParams);
  if (!query.ok) return query;
  return listDeliveries(db, actor, id.value, { before: query.value.cursor ? Number(query.value.cursor) : undefined, limit: query.value.limit });
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
