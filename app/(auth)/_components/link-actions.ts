"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { OneTimeLinkKind } from "@/lib/core/vocabulary";
import type { AppError } from "@/lib/core/result";
import { redeemLink } from "@/lib/users/links";

export type RedeemState = { error?: AppError };

/** Sets the password through an invite or reset link; the link is used up, then the person signs in. */
export async function redeemLinkAction(kind: OneTimeLinkKind, token: string, input: unknown): Promise<RedeemState> {
  if (kind !== "invite" && kind !== "reset") return { error: { code: "invalid", message: "Unknown link." } };
  const result = await redeemLink(getDb(), kind, String(token), input);
  if (!result.ok) return { error: result.error };
  redirect(`/sign-in?password=${kind === "invite" ? "created" : "reset"}`);
}
