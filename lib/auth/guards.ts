import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Session } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { type Role } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { noteRequestUser } from "@/lib/observability/context";
import { activeSession } from "@/lib/sessions/sessions";
import { authorize } from "./authorize";
import { auth } from "./index";

export { authorize };

/**
 * The signed-in user as the database knows them now, with the server-side session they use. The
 * JWT only says who signed in and which session row: a session ended since (sign-out, revoked,
 * expired, idle) is no sign-in, and a user disabled or given another role is seen as they are now.
 */
export async function currentSignIn(): Promise<{ actor: Actor; session: Session } | null> {
  const signedIn = await auth();
  const id = Number(signedIn?.user?.id);
  const sessionId = Number(signedIn?.sessionId);
  if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(sessionId) || sessionId <= 0) return null;
  const session = await activeSession(getDb(), sessionId, id);
  if (!session) return null;
  const actor = await loadActiveActor(id);
  if (!actor) return null;
  // The request's log line names who made it (pages too, not only API calls and actions).
  noteRequestUser(actor.id);
  return { actor, session };
}

export async function currentActor(): Promise<Actor | null> {
  return (await currentSignIn())?.actor ?? null;
}

export async function loadActiveActor(id: number): Promise<Actor | null> {
  const db = getDb();
  const { users } = tablesOf(db);
  const user = await firstRow(db.select().from(users).where(eq(users.id, id)));
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

/** For server actions that also need the session (re-authentication, "sign out other sessions"). */
export async function requireActionSignIn(role: Role = "reporter"): Promise<Result<{ actor: Actor; session: Session }>> {
  const signedIn = await currentSignIn();
  if (!signedIn) return fail("unauthorized", "Your session has ended. Sign in again.");
  const allowed = authorize(signedIn.actor, role);
  return allowed.ok ? ok(signedIn) : allowed;
}
