import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { fail, type Result } from "@/lib/result";
import { authorize } from "./authorize";
import { auth } from "./index";

export { authorize };

/**
 * The signed-in user as the database knows them now. The JWT only says who signed in; a user
 * disabled or given another role since then is seen as they are on this very request.
 */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return loadActiveActor(id);
}

export function loadActiveActor(id: number): Actor | null {
  const user = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!user || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** For pages: signed-out visitors go to the sign-in page, the wrong role gets the 403 page. */
export async function requirePageActor(role: Role = "reporter"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  if (!authorize(actor, role).ok) forbidden();
  return actor;
}

/** For server actions: the same checks, as a typed refusal the form can show. */
export async function requireActionActor(role: Role = "reporter"): Promise<Result<Actor>> {
  const actor = await currentActor();
  if (!actor) return fail("unauthorized", "Your session has ended. Sign in again.");
  return authorize(actor, role);
}
