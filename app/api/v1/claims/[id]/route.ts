import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseId } from "@/lib/core/ids";
import { API_ROUTES } from "@/lib/api/routes";
import { fail, ok } from "@/lib/core/result";
import { editClaim, getClaimDetail } from "@/lib/workflow";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(API_ROUTES.getClaim, async ({ db, params }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  const claim = await getClaimDetail(db, id.value);
  return claim ? ok(claim) : fail("not_found", `There is no claim ${id.value}.`);
});

export const PATCH = apiRoute<{ id: string }>(API_ROUTES.editClaim, async ({ db, actor, params, body }) => {
  const id = parseId(params.id, "claim");
  return id.ok ? await editClaim(db, actor, id.value, body) : id;
});

const notAllowed = methodNotAllowed("GET", "PATCH");
export const POST = notAllowed;
export const PUT = notAllowed;
export const DELETE = notAllowed;
