"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireActionActor } from "@/lib/auth/guards";
import { clearThrottle } from "@/lib/auth/lockout";
import type { AppError } from "@/lib/core/result";
import { endSessionsAsAdmin } from "@/lib/sessions/sessions";
import { issuePasswordLink } from "@/lib/users/links";
import { changeRole, inviteUser, setDisabled } from "@/lib/users/users";
import { verifyAuditChain } from "@/lib/workflow/audit";
import { latestAuditVerification, recordAuditVerification } from "@/lib/workflow/audit-log";

export type AdminActionState = { ok?: string; error?: AppError };
export type LinkActionState = AdminActionState & { link?: { path: string; kind: "invite" | "reset"; expiresAt: string; name: string } };

export async function inviteUserAction(input: unknown): Promise<LinkActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const result = inviteUser(getDb(), actor.value, input);
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  const { user, link } = result.value;
  return { ok: `Invited ${user.name} (${user.role}).`, link: { path: link.path, kind: link.kind, expiresAt: link.expiresAt, name: user.name } };
}

export async function issueLinkAction(_prev: LinkActionState, formData: FormData): Promise<LinkActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const result = issuePasswordLink(getDb(), actor.value, formData.get("userId"));
  if (!result.ok) return { error: result.error };
  const { path, kind, expiresAt, name } = result.value;
  return { ok: `New ${kind === "invite" ? "invitation" : "password-reset"} link for ${name}.`, link: { path, kind, expiresAt, name } };
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

export async function endSessionsAction(_prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const result = endSessionsAsAdmin(getDb(), actor.value, formData.get("userId"));
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  const { name, ended } = result.value;
  return { ok: `Signed ${name} out of ${ended} session${ended === 1 ? "" : "s"}.` };
}

export async function clearThrottleAction(_prev: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const email = formData.get("email");
  const clientAddress = formData.get("clientAddress");
  const result = clearThrottle(getDb(), actor.value, { email, clientAddress });
  if (!result.ok) return { error: result.error };
  revalidatePath("/admin/users");
  return { ok: `Cleared ${email || clientAddress}.` };
}

export async function verifyAuditAction(_prev: AdminActionState): Promise<AdminActionState> {
  const actor = await requireActionActor("admin");
  if (!actor.ok) return { error: actor.error };
  const db = getDb();
  // The head recorded by the last intact verification is the anchor: history rewritten since then shows.
  const previous = latestAuditVerification(db);
  const expectHead = previous?.ok && previous.headHash ? previous.headHash : undefined;
  const report = verifyAuditChain(db, { expectHead });
  recordAuditVerification(db, report, actor.value.id, "desk");
  revalidatePath("/admin/users");
  return report.ok
    ? { ok: `Chain intact: ${report.count} sign-off${report.count === 1 ? "" : "s"} verified.` }
    : { error: { code: "conflict", message: `The chain is broken: ${report.reason ?? "run npx factdesk audit:verify for the details"}` } };
}
