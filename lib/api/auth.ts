import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { actorForToken } from "@/lib/tokens/tokens";

export type ApiActor = Actor & { tokenId: number };

/** The token from `Authorization: Bearer TOKEN`, or null when the header is missing or malformed. */
export function bearerToken(request: Request): string | null {
  return request.headers.get("authorization")?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i)?.[1] ?? null;
}

/** The token's user as they are now: revoked and expired tokens and disabled users are refused on the very next request. */
export async function authenticate(db: Db, request: Request): Promise<Result<ApiActor>> {
  const token = bearerToken(request);
  if (!token) return fail("unauthorized", "Send an API token as “Authorization: Bearer TOKEN”. Create one under Settings → API tokens.");
  const actor = await actorForToken(db, token);
  if (!actor) return fail("unauthorized", "This API token is not valid: it is unknown, revoked or expired, or its user is disabled.");
  return ok(actor);
}
