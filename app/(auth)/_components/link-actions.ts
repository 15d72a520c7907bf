"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { OneTimeLinkKind } from "@/lib/core/vocabulary";
import { fail } from "@/lib/core/result";
import type { ActionResult } from "@/lib/actions/result";
import { redeemLink } from "@/lib/users/links";

/**
 * Sets the password through an invite or reset link; the link is used up, then the person signs in.
 * Nobody is signed in yet, so this is the one action outside serverAction: the link's token is the
 * authorization, checked by redeemLink. It answers only refusals; success redirects.
 */
export async function redeemLinkAction(kind: OneTimeLinkKind, token: string, input: unknown): Promise<ActionResult<never>> {
  if (kind !== "invite" && kind !== "reset") return fail("invalid", "Unknown link.");
  const result = await redeemLink(getDb(), kind, String(token), input);
  if (!result.ok) return result;
  redirect(`/sign-in?password=${kind === "invite" ? "created" : "reset"}`);
}
