import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { deleteComment, editComment } from "@/lib/comments/comments";
import { parseId } from "@/lib/core/ids";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>(API_ROUTES.editComment, async ({ db, actor, params, body }) => {
  const id = parseId(params.id, "comment");
  return id.ok ? await editComment(db, actor, id.value, body) : id;
});

export const DELETE = apiRoute<{ id: string }>(API_ROUTES.deleteComment, async ({ db, actor, params }) => {
  const id = parseId(params.id, "comment");
  return id.ok ? await deleteComment(db, actor, id.value) : id;
});

const notAllowed = methodNotAllowed("PATCH", "DELETE");
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
