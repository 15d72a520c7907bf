import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { replayDelivery } from "@/lib/webhooks/webhooks";

export const POST = apiRoute<{ id: string; deliveryId: string }>(API_ROUTES.replayWebhookDelivery, ({ db, actor, params }) => {
  const id = parseId(params.id, "webhook");
  if (!id.ok) return id;
  const deliveryId = parseId(params.deliveryId, "delivery");
  return deliveryId.ok ? replayDelivery(db, actor, id.value, deliveryId.value) : deliveryId;
});

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
