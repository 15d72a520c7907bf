import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { deleteWebhook } from "@/lib/webhooks/webhooks";

export const DELETE = apiRoute<{ id: string }>(API_ROUTES.deleteWebhook, ({ db, actor, params }) => {
  const id = parseId(params.id, "webhook");
  return id.ok ? deleteWebhook(db, actor, id.value) : id;
});

const notAllowed = methodNotAllowed("DELETE");
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
