"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { requestClientAddress } from "@/lib/auth/client-address";
import { requireActionSignIn } from "@/lib/auth/guards";
import type { AppError } from "@/lib/core/result";
import { endOtherSessions, endOwnSession } from "@/lib/sessions/sessions";
import { changeOwnPassword } from "@/lib/users/users";

export type AccountActionState = { ok?: string; error?: AppError };

export async function changePasswordAction(input: unknown): Promise<AccountActionState> {
  const signedIn = await requireActionSignIn("reporter");
  if (!signedIn.ok) return { error: signedIn.error };
  const { actor, session } = signedIn.value;
  const result = await changeOwnPassword(getDb(), actor, session.id, input, { clientAddress: requestClientAddress(await headers()) });
  if (!result.ok) return { error: result.error };
  revalidatePath("/settings/account");
  const n = result.value.endedSessions;
  return { ok: `Password changed.${n ? ` ${n} other session${n === 1 ? " was" : "s were"} signed out.` : ""}` };
}

export async function endOtherSessionsAction(_prev: AccountActionState): Promise<AccountActionState> {
  const signedIn = await requireActionSignIn("reporter");
  if (!signedIn.ok) return { error: signedIn.error };
  const n = endOtherSessions(getDb(), signedIn.value.actor, signedIn.value.session.id);
  revalidatePath("/settings/account");
  return { ok: n ? `Signed out ${n} other session${n === 1 ? "" : "s"}.` : "No other sessions were open." };
}

export async function endSessionAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const signedIn = await requireActionSignIn("reporter");
  if (!signedIn.ok) return { error: signedIn.error };
  const result = endOwnSession(getDb(), signedIn.value.actor, formData.get("sessionId"));
  if (!result.ok) return { error: result.error };
  revalidatePath("/settings/account");
  return { ok: "Signed out that session." };
}
