import { and, asc, eq, ne, sql } from "drizzle-orm";
import { parseInput } from "@/lib/core/parse";
import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
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

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const { users } = tablesOf(db);
  return (await db.select().from(users).orderBy(asc(users.name))).map(toPublic);
}

export async function listEditors(db: Db): Promise<PublicUser[]> {
  return (await listUsers(db)).filter((user) => !user.disabled && hasRole(user, "editor"));
}

/** Creates an account. Used by the admin page (with an admin actor) and the operator CLI (actor null). */
export async function createUser(db: Db, actor: Actor | null, input: unknown): Promise<Result<PublicUser>> {
  if (actor && !hasRole(actor, "admin")) return fail("forbidden", "Only admins can create users.");
  const parsed = parseInput(createUserSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const { email, name, role, password } = parsed.value;
  const { users } = tablesOf(db);
  if (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, email)))) {
    return fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
  }
  const passwordHash = await hashPassword(password);
  // Someone may have taken the email while the password was hashing: that is the same conflict.
  const [row] = await db.insert(users).values({ email, name, role, passwordHash }).onConflictDoNothing({ target: users.email }).returning();
  if (!row) return fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
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
  const { users } = tablesOf(db);
  const done = await transact(db, async (tx) => {
    const taken = () => fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
    if (await firstRow(tx.select({ id: users.id }).from(users).where(eq(users.email, email)))) return taken();
    // An invitation of the same email racing this one on PostgreSQL commits between the check and the
    // insert: DO NOTHING answers it as the same conflict (a failed INSERT would abort the transaction).
    const [row] = await tx.insert(users).values({ email, name, role, passwordHash: NO_PASSWORD }).onConflictDoNothing({ target: users.email }).returning();
    if (!row) return taken();
    const link = await issueLink(tx, { userId: row.id, kind: "invite", createdById: actor.id }, now);
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
  const { users } = tablesOf(db);
  const done = await transact(db, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now.toISOString() }).where(eq(users.id, actor.id));
    const endedSessions = await endUserSessions(tx, actor.id, "password-changed", { except: sessionId, now });
    await markAuthenticated(tx, sessionId, now);
    return ok({ endedSessions });
  });
  return done.ok ? done.value : done;
}

async function activeAdminCount(db: Db, exceptUserId: number): Promise<number> {
  const { users } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptUserId))),
  );
  return row?.n ?? 0;
}

/** Advisory-lock key of admin changes to users on PostgreSQL (any constant no other lock uses). */
const USER_CHANGES_LOCK = 1_700_202;

/**
 * On PostgreSQL, where transactions run at once (on any number of app servers), admin changes to
 * users queue behind each other, as SQLite's write lock makes them: otherwise two admins disabling
 * each other at the same moment would each count the other as still active and leave no admin.
 */
async function queueUserChanges(tx: Db): Promise<void> {
  if (engineOf(tx) === "postgres") await (tx as unknown as PgExecutor).execute(sql`SELECT pg_advisory_xact_lock(${USER_CHANGES_LOCK})`);
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
  change: (user: User, tx: Db) => Result<Partial<User>> | Promise<Result<Partial<User>>>,
  endsSessions: (user: User, patch: Partial<User>) => SessionEndReason | null = () => null,
): Promise<Result<PublicUser>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can change users.");
  const { users } = tablesOf(db);
  const done = await transact(db, async (tx) => {
    await queueUserChanges(tx);
    const user = await firstRow(tx.select().from(users).where(eq(users.id, input.userId)));
    if (!user) return fail("not_found", "No such user.");
    const patch = await change(user, tx);
    if (!patch.ok) return patch;
    const [row] = await tx
      .update(users)
      .set({ ...patch.value, updatedAt: new Date().toISOString() })
      .where(eq(users.id, user.id))
      .returning();
    const reason = endsSessions(user, patch.value);
    if (reason) await endUserSessions(tx, user.id, reason);
    return ok(toPublic(row));
  });
  return done.ok ? done.value : done;
}

const LAST_ADMIN = "This is the last active admin; make someone else an admin first.";

export async function changeRole(db: Db, actor: Actor, input: unknown): Promise<Result<PublicUser>> {
  const parsed = parseInput(changeRoleSchema, input, "Choose a valid role.");
  if (!parsed.ok) return parsed;
  const role: Role = parsed.value.role;
  return updateUser(db, actor, parsed.value, async (user, tx) => {
    if (isActiveAdmin(user) && role !== "admin" && (await activeAdminCount(tx, user.id)) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ role });
  }, (user) => (user.role !== role ? "role-changed" : null));
}

export async function setDisabled(db: Db, actor: Actor, input: unknown): Promise<Result<PublicUser>> {
  const parsed = parseInput(setDisabledSchema, input, "Invalid request.");
  if (!parsed.ok) return parsed;
  const { disabled } = parsed.value;
  return updateUser(db, actor, parsed.value, async (user, tx) => {
    if (disabled && isActiveAdmin(user) && (await activeAdminCount(tx, user.id)) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ disabled });
  }, (user) => (disabled && !user.disabled ? "disabled" : null));
}

export async function findUserByEmail(db: Db, email: string): Promise<PublicUser | null> {
  const { users } = tablesOf(db);
  const row = await firstRow(db.select().from(users).where(eq(users.email, email.trim().toLowerCase())));
  return row ? toPublic(row) : null;
}
