"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { requestClientAddress } from "@/lib/auth/client-address";
import { authenticate } from "@/lib/auth/credentials";
import { requireActionActor, requireActionSignIn } from "@/lib/auth/guards";
import type { AppError } from "@/lib/core/result";
import { isRecentlyAuthenticated, markAuthenticated } from "@/lib/sessions/sessions";
import { createToken, revokeToken, type TokenSummary } from "@/lib/tokens/tokens";

export type CreateTokenState = { token?: string; summary?: TokenSummary; error?: AppError; needsPassword?: boolean };

const REAUTH = "Confirm your password to create a token: you signed in more than 5 minutes ago.";
export type RevokeTokenState = { ok?: string; error?: AppError };

/** Every signed-in user manages their own tokens; a token acts with its owner's current role. */
export async function createTokenAction(input: unknown): Promise<CreateTokenState> {
  const signedIn = await requireActionSignIn("reporter");
  if (!signedIn.ok) return { error: signedIn.error };
  const { actor, session } = signedIn.value;
  const db = getDb();
  // A token outlives the session, so a stolen or forgotten session must not be enough to mint one.
  if (!isRecentlyAuthenticated(session)) {
    const password = input && typeof input === "object" && "password" in input && typeof input.password === "string" ? input.password : "";
    if (!password) return { needsPassword: true, error: { code: "unauthorized", message: REAUTH, fields: { password: ["Enter your password."] } } };
    const check = await authenticate(db, actor.email, password, { clientAddress: requestClientAddress(await headers()) });
    if (!check.ok || check.value.id !== actor.id) {
      const message = check.ok || check.error.code === "unauthorized" ? "That is not your password." : check.error.message;
      return { needsPassword: true, error: { code: check.ok ? "forbidden" : check.error.code, message, fields: { password: [message] } } };
    }
    markAuthenticated(db, session.id);
  }
  const result = createToken(db, actor.id, input);
  if (!result.ok) return { error: result.error };
  revalidatePath("/settings/tokens");
  return { token: result.value.token, summary: result.value.summary };
}

export async function revokeTokenAction(_prev: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return { error: actor.error };
  const tokenId = Number(formData.get("tokenId"));
  if (!Number.isSafeInteger(tokenId) || tokenId < 1) return { error: { code: "not_found", message: "No such active token of yours." } };
  const result = revokeToken(getDb(), actor.value, tokenId);
  if (!result.ok) return { error: result.error };
  revalidatePath("/settings/tokens");
  return { ok: `Revoked “${result.value.name}”. Requests with it now get 401.` };
}
