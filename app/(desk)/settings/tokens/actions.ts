"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireActionActor } from "@/lib/auth/guards";
import type { AppError } from "@/lib/result";
import { createToken, revokeToken, type TokenSummary } from "@/lib/tokens/tokens";

export type CreateTokenState = { token?: string; summary?: TokenSummary; error?: AppError };
export type RevokeTokenState = { ok?: string; error?: AppError };

/** Every signed-in user manages their own tokens; a token acts with its owner's current role. */
export async function createTokenAction(input: unknown): Promise<CreateTokenState> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return { error: actor.error };
  const result = createToken(getDb(), actor.value.id, input);
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
