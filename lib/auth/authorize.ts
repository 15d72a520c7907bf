import type { Role } from "@/lib/core/vocabulary";
import { hasRole, type Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";

/**
 * The one role check: pages, server actions, desk route handlers and the /api/v1 wrapper all ask
 * it. Kept free of Auth.js and `server-only` so the API (bearer tokens) and the CLI can use it too.
 * `actor` must have been re-read from the database on this request, never taken from a token alone.
 */
export function authorize<A extends Pick<Actor, "role">>(actor: A, role: Role): Result<A> {
  if (!hasRole(actor, role)) return fail("forbidden", `This needs the ${role} role; you are signed in as ${actor.role}.`);
  return ok(actor);
}
