import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import { addCitations } from "@/lib/workflow";

export const POST = apiRoute<{ id: string }>(API_ROUTES.addCitations, async ({ db, actor, params, body }) => {
  const id = parseId(params.id, "claim");
  return id.ok ? await addCitations(db, actor, id.value, body) : id;
});

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
