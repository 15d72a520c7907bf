import { createHash, randomBytes } from "node:crypto";
import { parseInput } from "@/lib/core/parse";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { OneTimeLinkKind } from "@/lib/core/vocabulary";
import { hasRole, type Actor } from "@/lib/core/actor";
import { clearEmailFailures } from "@/lib/auth/lockout";
import { hashPassword, hasPassword } from "@/lib/auth/password";
import { fail, ok, refuse, type Result } from "@/lib/core/result";
import { transact } from "@/lib/core/transaction";
import { endUserSessions } from "@/lib/sessions/sessions";
import { setPasswordSchema } from "@/lib/validations/users";

/** An invitation gives a week to accept; a reset link a day (it is handed over by the admin, not mailed). */
export const LINK_LIFETIME_MS: Record<OneTimeLinkKind, number> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 24 * 60 * 60 * 1000,
};

const LINK_PREFIX = "fdl_";

type DbLike = Pick<Db, "select" | "update" | "insert">;

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The page a link opens: /invite/TOKEN or /reset/TOKEN. */
export function linkPath(kind: OneTimeLinkKind, token: string): string {
  return `/${kind}/${token}`;
}

export type IssuedLink = { kind: OneTimeLinkKind; token: string; path: string; expiresAt: string };

/** Issues a link for a user; any earlier unused link of theirs stops working. Only the hash is kept. */
export async function issueLink(db: DbLike, input: { userId: number; kind: OneTimeLinkKind; createdById: number | null }, now = new Date()): Promise<IssuedLink> {
  const { oneTimeLinks } = tablesOf(db);
  const at = now.toISOString();
  await db
    .update(oneTimeLinks)
    .set({ supersededAt: at })
    .where(and(eq(oneTimeLinks.userId, input.userId), isNull(oneTimeLinks.usedAt), isNull(oneTimeLinks.supersededAt)));
  const token = LINK_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[input.kind]).toISOString();
  await db
    .insert(oneTimeLinks)
    .values({ kind: input.kind, userId: input.userId, tokenHash: hashLinkToken(token), createdById: input.createdById, createdAt: at, expiresAt });
  return { kind: input.kind, token, path: linkPath(input.kind, token), expiresAt };
}

/**
 * An admin hands someone a link to set their password: an invitation while the account has no
 * password yet, a reset link otherwise. Nothing changes until the link is used.
 */
export async function issuePasswordLink(db: Db, actor: Actor, userId: unknown, now = new Date()): Promise<Result<IssuedLink & { name: string }>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can issue invitation and reset links.");
  const id = Number(userId);
  if (!Number.isSafeInteger(id) || id < 1) return fail("invalid", "Choose a user.");
  const { users } = tablesOf(db);
  const done = await transact(db, async (tx) => {
    const user = await firstRow(tx.select().from(users).where(eq(users.id, id)));
    if (!user) return fail("not_found", "No such user.");
    if (user.disabled) return fail("conflict", `${user.name} is disabled; enable the account before issuing a link.`);
    const link = await issueLink(tx, { userId: user.id, kind: hasPassword(user.passwordHash) ? "reset" : "invite", createdById: actor.id }, now);
    return ok({ ...link, name: user.name });
  });
  return done.ok ? done.value : done;
}

export type LinkProblem = "unknown" | "used" | "expired" | "superseded" | "wrong_kind" | "disabled";

const PROBLEM_MESSAGES: Record<LinkProblem, string> = {
  unknown: "This link is not valid. Check that you copied all of it, or ask an administrator for a new one.",
  used: "This link has already been used. Links work once; ask an administrator for a new one if you need it.",
  expired: "This link has expired. Ask an administrator for a new one.",
  superseded: "A newer link was issued for this account, so this one no longer works. Use the newest link you were given.",
  wrong_kind: "This link is not valid here. Check that you copied all of it.",
  disabled: "This account is disabled. Ask an administrator to re-enable it.",
};

export function linkProblemMessage(problem: LinkProblem): string {
  return PROBLEM_MESSAGES[problem];
}

export type LinkInfo = { kind: OneTimeLinkKind; name: string; email: string; expiresAt: string };

async function inspect(db: Pick<Db, "select">, kind: OneTimeLinkKind, token: string, now: Date): Promise<Result<LinkInfo & { linkId: number; userId: number }>> {
  const problem = (code: LinkProblem) => fail("invalid", PROBLEM_MESSAGES[code], { details: { problem: code } });
  if (typeof token !== "string" || !token.startsWith(LINK_PREFIX) || token.length > 100) return problem("unknown");
  const { oneTimeLinks, users } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ link: oneTimeLinks, user: users })
      .from(oneTimeLinks)
      .innerJoin(users, eq(users.id, oneTimeLinks.userId))
      .where(eq(oneTimeLinks.tokenHash, hashLinkToken(token))),
  );
  if (!row) return problem("unknown");
  if (row.link.kind !== kind) return problem("wrong_kind");
  if (row.link.usedAt) return problem("used");
  if (row.link.supersededAt) return problem("superseded");
  if (Date.parse(row.link.expiresAt) <= now.getTime()) return problem("expired");
  if (row.user.disabled) return problem("disabled");
  return ok({ kind, name: row.user.name, email: row.user.email, expiresAt: row.link.expiresAt, linkId: row.link.id, userId: row.user.id });
}

/** Whether a link still works, without using it (the page shows the form or says why not). */
export async function checkLink(db: Pick<Db, "select">, kind: OneTimeLinkKind, token: string, now = new Date()): Promise<Result<LinkInfo>> {
  const result = await inspect(db, kind, token, now);
  if (!result.ok) return result;
  const { kind: k, name, email, expiresAt } = result.value;
  return ok({ kind: k, name, email, expiresAt });
}

/**
 * Sets the password a link was issued for and uses the link up, in one IMMEDIATE transaction, so two
 * tabs racing the same link cannot both succeed. Every open session of the account ends, and its
 * sign-in failures are cleared: holding the link proves the owner.
 */
export async function redeemLink(db: Db, kind: OneTimeLinkKind, token: string, input: unknown, now = new Date()): Promise<Result<LinkInfo>> {
  const parsed = parseInput(setPasswordSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const before = await checkLink(db, kind, token, now);
  if (!before.ok) return before;
  const passwordHash = await hashPassword(parsed.value.password);
  // A refusal inside rolls back and comes back as the failed Result.
  const { oneTimeLinks, users } = tablesOf(db);
  const done = await transact(db, async (tx) => {
    const link = await inspect(tx, kind, token, now);
    if (!link.ok) refuse(link.error.code, link.error.message, { details: link.error.details });
    const at = now.toISOString();
    // The version check of a link is its usedAt: of two tabs racing it on PostgreSQL, the second UPDATE
    // waits for the first to commit, then matches no row and is refused as used.
    const used = await tx
      .update(oneTimeLinks)
      .set({ usedAt: at })
      .where(and(eq(oneTimeLinks.id, link.value.linkId), isNull(oneTimeLinks.usedAt)))
      .returning({ id: oneTimeLinks.id });
    if (used.length !== 1) refuse("invalid", PROBLEM_MESSAGES.used, { details: { problem: "used" } });
    await tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, link.value.userId));
    await endUserSessions(tx, link.value.userId, "password-reset", { now });
    await clearEmailFailures(tx, link.value.email, now);
    const { linkId: _l, userId: _u, ...info } = link.value;
    return ok(info);
  });
  return done.ok ? done.value : done;
}
