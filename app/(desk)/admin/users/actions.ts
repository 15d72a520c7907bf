"use server";

import { fail, ok } from "@/lib/core/result";
import { formAction, serverAction } from "@/lib/actions/server-action";
import { clearThrottle } from "@/lib/auth/lockout";
import { endSessionsAsAdmin } from "@/lib/sessions/sessions";
import { issuePasswordLink, type IssuedLink } from "@/lib/users/links";
import { changeRole, inviteUser, setDisabled, type PublicUser } from "@/lib/users/users";
import { verifyAuditChain } from "@/lib/workflow/audit";
import { latestAuditVerification, recordAuditVerification } from "@/lib/workflow/audit-log";

/** A one-time link as the admin sees it once: where it goes, what it is for, until when, for whom. */
export type LinkShown = { path: string; kind: "invite" | "reset"; expiresAt: string; name: string };

const shownLink = ({ path, kind, expiresAt }: IssuedLink, name: string): LinkShown => ({ path, kind, expiresAt, name });
const article = (role: string) => (/^[aeiou]/.test(role) ? "an" : "a");

// No domain event covers users, sessions or throttles: the actions refresh the users page themselves.
const admin = { role: "admin", revalidate: ["/admin/users"] } as const;

export const inviteUserAction = serverAction(
  {
    ...admin,
    output: ({ user, link }: { user: PublicUser; link: IssuedLink }) => shownLink(link, user.name),
    message: ({ user }) => `Invited ${user.name} (${user.role}).`,
  },
  ({ db, actor }, input: unknown) => inviteUser(db, actor, input),
);

export const issueLinkAction = formAction(
  {
    role: "admin",
    output: (link: IssuedLink & { name: string }) => shownLink(link, link.name),
    message: ({ kind, name }) => `New ${kind === "invite" ? "invitation" : "password-reset"} link for ${name}.`,
  },
  ({ db, actor }, fields) => issuePasswordLink(db, actor, fields.userId),
);

export const changeRoleAction = formAction({ ...admin, message: (user: PublicUser) => `${user.name} is now ${article(user.role)} ${user.role}.` }, ({ db, actor }, fields) =>
  changeRole(db, actor, { userId: fields.userId, role: fields.role }),
);

export const setDisabledAction = formAction(
  { ...admin, message: (user: PublicUser) => `${user.name} is ${user.disabled ? "disabled" : "enabled again"}.` },
  ({ db, actor }, fields) => setDisabled(db, actor, { userId: fields.userId, disabled: fields.disabled === "true" }),
);

export const endSessionsAction = formAction(
  { ...admin, message: ({ name, ended }: { name: string; ended: number }) => `Signed ${name} out of ${ended} session${ended === 1 ? "" : "s"}.` },
  async ({ db, actor }, fields) => await endSessionsAsAdmin(db, actor, fields.userId),
);

export const clearThrottleAction = formAction(
  { ...admin, message: (cleared: { label: string }) => `Cleared ${cleared.label}.` },
  async ({ db, actor }, { email, clientAddress }) => {
    const result = await clearThrottle(db, actor, { email, clientAddress });
    return result.ok ? ok({ label: email || clientAddress }) : result;
  },
);

export const verifyAuditAction = formAction({ ...admin, message: (count: number) => `Chain intact: ${count} sign-off${count === 1 ? "" : "s"} verified.` }, async ({ db, actor }) => {
  // The head recorded by the last intact verification is the anchor: history rewritten since then shows.
  const previous = await latestAuditVerification(db);
  const expectHead = previous?.ok && previous.headHash ? previous.headHash : undefined;
  const report = await verifyAuditChain(db, { expectHead });
  await recordAuditVerification(db, report, actor.id, "desk");
  return report.ok ? ok(report.count) : fail("conflict", `The chain is broken: ${report.reason ?? "run npx factdesk audit:verify for the details"}`);
});
