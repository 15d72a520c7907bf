"use server";

import { getDb } from "@/db/client";
import { requireActionActor } from "@/lib/auth/guards";
import { viewNeighbours, type ViewNeighbours } from "@/lib/views/neighbours";

/**
 * The claims before and after `claimId` in the queue view `view`, for the signed-in person (their
 * scope): what "Sign off and next" goes to once the sign-off is through. Null when signed out, or
 * the view is not a queue query.
 */
export async function viewNeighboursAction(claimId: number, view: string): Promise<ViewNeighbours | null> {
  const actor = await requireActionActor();
  if (!actor.ok || !Number.isSafeInteger(claimId) || typeof view !== "string") return null;
  return viewNeighbours(getDb(), actor.value, claimId, view);
}
