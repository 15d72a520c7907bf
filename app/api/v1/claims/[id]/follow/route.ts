import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseId } from "@/lib/core/ids";
import { fail, ok } from "@/lib/core/result";
import { followClaim, unfollowClaim } from "@/lib/follows/follows";

export const dynamic = "force-dynamic";

export const PUT = apiRoute<{ id: string }>(API_ROUTES.followClaim, async ({ db, actor, params }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  return (await followClaim(db, actor.id, id.value)) ? ok({ claimId: id.value, following: true }) : fail("not_found", `There is no claim #${id.value}.`);
});

export const DELETE = apiRoute<{ id: string }>(API_ROUTES.unfollowClaim, async ({ db, actor, params }) => {
  const id = parseId(params.id, "claim");
  if (!id.ok) return id;
  return (await unfollowClaim(db, actor.id, id.value)) ? ok({ claimId: id.value, following: false }) : fail("not_found", `There is no claim #${id.value}.`);
});

const notAllowed = methodNotAllowed("PUT", "DELETE");
export const GET = notAllowed;
export const POST = notAllowed;
export const PATCH = notAllowed;
