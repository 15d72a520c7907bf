import { and, asc, eq, ne, sql } from "drizzle-orm";
import { parseInput } from "@/lib/core/parse";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { type Role, type SessionEndReason } from "@/lib/core/vocabulary";
import { hasRole, type Actor } from "@/lib/core/actor";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword, hasPassword, NO_PASSWORD } from "@/lib/auth/password";
import { fail, ok, type Result } from "@/lib/core/result";
import { transact } from "@/lib/core/transaction";
import { endUserSessions, markAuthenticated } from "@/lib/sessions/sessions";
import { changePasswordSchema, changeRoleSchema, createUserSchema, inviteUserSchema, setDisabledSchema } from "@/lib/validations/users";
import { issueLink, type IssuedLink } from "./links";

/** A user as screens see them: never the hash; `invited` while they have not set a password yet. */
export type PublicUser = Omit<User, "passwordHash"> & { invited: boolean };

function toPublic({ passwordHash, ...user }: User): PublicUser {
  return { ...user, invited: !hasPassword(passwordHash) };
}

export function listUsers(db: Db): PublicUser[] {
  return db.select().from(users).orderBy(asc(users.name)).all().map(toPublic);
}

export function listEditors(db: Db): PublicUser[] {
  return listUsers(db).filter((user) => !user.disabled && hasRole(user, "editor"));
}

/** Creates an account. Used by the admin page (with an admin actor) and the operator CLI (actor null). */
export async function createUser(db: Db, actor: Actor | null, input: unknown): Promise<Result<PublicUser>> {
  if (actor && !hasRole(actor, "admin")) return fail("forbidden", "Only admins can create users.");
  const parsed = parseInput(createUserSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const { email, name, role, password } = parsed.value;
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    return fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
  }
  const passwordHash = await hashPassword(password);
  const row = db.insert(users).values({ email, name, role, passwordHash }).returning().get();
  return ok(toPublic(row));
}

/**
 * An admin invites someone: the account exists at once with no password, and the one-time link the
 * admin hands over lets the person choose theirs. The link is returned once; only its hash is kept.
 */
export async function inviteUser(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<Result<{ user: PublicUser; link: IssuedLink }>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can invite users.");
  const parsed = parseInput(inviteUserSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const { email, name, role } = parsed.value;
  const done = await transact(db, (tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      return fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
    }
    const row = tx.insert(users).values({ email, name, role, passwordHash: NO_PASSWORD }).returning().get();
    const link = issueLink(tx, { userId: row.id, kind: "invite", createdById: actor.id }, now);
    return ok({ user: toPublic(row), link });
  });
  return done.ok ? done.value : done;
}

/**
 * A signed-in user changes their own password. The current password is checked like a sign-in (same
 * throttle); on success every other session of theirs ends and this one counts as freshly signed in.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  sessionId: number,
  input: unknown,
  options: { clientAddress?: string | null; now?: Date } = {},
): Promise<Result<{ endedSessions: number }>> {
  const now = options.now ?? new Date();
  const parsed = parseInput(changePasswordSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const check = await authenticate(db, actor.email, parsed.value.currentPassword, { clientAddress: options.clientAddress, now });
  if (!check.ok) {
    if (check.error.code === "unauthorized") {
      return fail("invalid", "Your current password is not right.", { fields: { currentPassword: ["This is not your current password."] } });
    }
    return check;
  }
  if (check.value.id !== actor.id) return fail("forbidden", "You can only change your own password.");
  const passwordHash = await hashPassword(parsed.value.password);
  const done = await transact(db, (tx) => {
    tx.update(users).set({ passwordHash, updatedAt: now.toISOString() }).where(eq(users.id, actor.id)).run();
    const endedSessions = endUserSessions(tx, actor.id, "password-changed", { except: sessionId, now });
    markAuthenticated(tx, sessionId, now);
    return ok({ endedSessions });
  });
  return done.ok ? done.value : done;
}

function activeAdminCount(db: Db, exceptUserId: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptUserId)))
    .get();
  return row?.n ?? 0;
}

function isActiveAdmin(user: User): boolean {
  return user.role === "admin" && !user.disabled;
}

/**
 * One admin change to a user. When `endsSessions` names a reason, every open session of that user
 * ends in the same transaction: a disabled or re-roled person signs in again before doing anything.
 */
async function updateUser(
  db: Db,
  actor: Actor,
  input: { userId: number },
  change: (user: User) => Result<Partial<User>>,
  endsSessions: (user: User, patch: Partial<User>) => SessionEndReason | null = () => null,
): Promise<Result<PublicUser>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can change users.");
  const done = await transact(db, (tx) => {
    const user = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!user) return fail("not_found", "No such user.");
    const patch = change(user);
    if (!patch.ok) return patch;
    const row = tx
      .update(users)
      .set({ ...patch.value, updatedAt: new Date().toISOString() })
      .where(eq(users.id, user.id))
      .returning()
      .get();
    const reason = endsSessions(user, patch.value);
    if (reason) endUserSessions(tx, user.id, reason);
    return ok(toPublic(row));
  });
  return done.ok ? done.value : done;
}

const LAST_ADMIN = "This is the last active admin; make someone else an admin first.";

export async function changeRole(db: Db, actor: Actor, input: unknown): Promise<Result<PublicUser>> {
  const parsed = parseInput(changeRoleSchema, input, "Choose a valid role.");
  if (!parsed.ok) return parsed;
  const role: Role = parsed.value.role;
  return updateUser(db, actor, parsed.value, (user) => {
    if (isActiveAdmin(user) && role !== "admin" && activeAdminCount(db, user.id) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ role });
  }, (user) => (user.role !== role ? "role-changed" : null));
}

export async function setDisabled(db: Db, actor: Actor, input: unknown): Promise<Result<PublicUser>> {
  const parsed = parseInput(setDisabledSchema, input, "Invalid request.");
  if (!parsed.ok) return parsed;
  const { disabled } = parsed.value;
  return updateUser(db, actor, parsed.value, (user) => {
    if (disabled && isActiveAdmin(user) && activeAdminCount(db, user.id) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ disabled });
  }, (user) => (disabled && !user.disabled ? "disabled" : null));
}

export function findUserByEmail(db: Db, email: string): PublicUser | null {
  const row = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  return row ? toPublic(row) : null;
}
