import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import { transitionClaim } from "@/lib/workflow";

export const POST = apiRoute<{ id: string }>(API_ROUTES.transitionClaim, ({ db, actor, params, body }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  return transitionClaim(db, actor, id.value, body);
});

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
