"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireActionActor } from "@/lib/auth/guards";
import type { AppError } from "@/lib/result";
import { changeRole, createUser, setDisabled } from "@/lib/users/users";

export type AdminActionState = { ok?: string; error?: AppError };

export async function createUserAction(input: unknown): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const result = await createUser(getDb(), actor.value, input);
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  return { ok: `Created ${result.value.name} (${result.value.role}).` };
}

export async function changeRoleAction(_prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const result = changeRole(getDb(), actor.value, { userId: formData.get("userId"), role: formData.get("role") });
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  return { ok: `${result.value.name} is now ${/^[aeiou]/.test(result.value.role) ? "an" : "a"} ${result.value.role}.` };
}

export async function setDisabledAction(_prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const disabled = formData.get("disabled") === "true";
  const result = setDisabled(getDb(), actor.value, { userId: formData.get("userId"), disabled });
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  return { ok: `${result.value.name} is ${disabled ? "disabled" : "enabled again"}.` };
}
