import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { setDueDate } from "@/lib/deadlines";

export const POST = apiRoute<{ id: string }>(API_ROUTES.setDueDate, async ({ db, actor, params, body }) => {
  const id = parseId(params.id, "claim");
  return id.ok ? await setDueDate(db, actor, id.value, body) : id;
});

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
