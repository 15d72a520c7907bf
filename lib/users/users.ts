import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role, type User } from "@/db/schema";
import { hasRole, type Actor } from "@/lib/actor";
import { hashPassword } from "@/lib/auth/password";
import { fail, fieldErrorsFrom, ok, type Result } from "@/lib/result";
import { changeRoleSchema, createUserSchema, setDisabledSchema } from "@/lib/validations/users";

export type PublicUser = Omit<User, "passwordHash">;

function toPublic({ passwordHash: _hidden, ...user }: User): PublicUser {
  return user;
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
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the highlighted fields.", { fields: fieldErrorsFrom(parsed.error.issues) });
  const { email, name, role, password } = parsed.data;
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
    return fail("conflict", `A user with the email ${email} already exists.`, { fields: { email: ["This email is already in use."] } });
  }
  const passwordHash = await hashPassword(password);
  const row = db.insert(users).values({ email, name, role, passwordHash }).returning().get();
  return ok(toPublic(row));
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

function updateUser(db: Db, actor: Actor, input: { userId: number }, change: (user: User) => Result<Partial<User>>): Result<PublicUser> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can change users.");
  return db.transaction(
    (tx) => {
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
      return ok(toPublic(row));
    },
    { behavior: "immediate" },
  );
}

const LAST_ADMIN = "This is the last active admin; make someone else an admin first.";

export function changeRole(db: Db, actor: Actor, input: unknown): Result<PublicUser> {
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Choose a valid role.", { fields: fieldErrorsFrom(parsed.error.issues) });
  const role: Role = parsed.data.role;
  return updateUser(db, actor, parsed.data, (user) => {
    if (isActiveAdmin(user) && role !== "admin" && activeAdminCount(db, user.id) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ role });
  });
}

export function setDisabled(db: Db, actor: Actor, input: unknown): Result<PublicUser> {
  const parsed = setDisabledSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Invalid request.", { fields: fieldErrorsFrom(parsed.error.issues) });
  const { disabled } = parsed.data;
  return updateUser(db, actor, parsed.data, (user) => {
    if (disabled && isActiveAdmin(user) && activeAdminCount(db, user.id) === 0) return fail("conflict", LAST_ADMIN);
    return ok({ disabled });
  });
}

export function findUserByEmail(db: Db, email: string): PublicUser | null {
  const row = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  return row ? toPublic(row) : null;
}
