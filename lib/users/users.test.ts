import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { eq } from "drizzle-orm";
import { tablesOf } from "@/db/tables";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { startSession, validateSession } from "@/lib/sessions/sessions";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { checkLink, redeemLink } from "./links";
import { changeOwnPassword, changeRole, createUser, inviteUser, listUsers, setDisabled } from "./users";

onEveryEngine("users", (database) => {
  let db: Db;
  let admin: Actor;

  // The engine's database is shared by the block: each test's admin is the only active one (the
  // last-admin rule counts them all), and the other people each test makes are its own.
  beforeEach(async () => {
    db = database();
    const { users } = tablesOf(db);
    await db.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
    admin = await createUserOn(db, "admin", "Ada Admin");
  });

  describe("user administration", () => {
    it("creates users with a hashed password that is never returned", async () => {
      const result = await createUser(db, admin, { email: " New@Example.test ", name: "New", role: "editor", password: "long-enough-pass" });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.email).toBe("new@example.test");
      expect(result.value).not.toHaveProperty("passwordHash");
    });

    it("refuses duplicates, bad input and non-admins, writing nothing", async () => {
      const before = (await listUsers(db)).length;
      expect(await createUser(db, admin, { email: admin.email, name: "Dup", role: "editor", password: "long-enough-pass" })).toMatchObject({
        ok: false,
        error: { code: "conflict", fields: { email: ["This email is already in use."] } },
      });
      const bad = await createUser(db, admin, { email: "not-an-email", name: "", role: "boss", password: "short" });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(Object.keys(bad.error.fields ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
      const editor = await createUserOn(db, "editor");
      expect(await createUser(db, editor, { email: "x@example.test", name: "X", role: "admin", password: "long-enough-pass" })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect((await listUsers(db)).length).toBe(before + 1);
    });

    it("never disables or demotes the last active admin", async () => {
      expect(await setDisabled(db, admin, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await changeRole(db, admin, { userId: admin.id, role: "editor" })).toMatchObject({ ok: false, error: { code: "conflict" } });
      const second = await createUserOn(db, "admin", "Second Admin");
      expect((await setDisabled(db, admin, { userId: second.id, disabled: true })).ok).toBe(true);
      expect(await setDisabled(db, admin, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect((await setDisabled(db, admin, { userId: second.id, disabled: false })).ok).toBe(true);
      expect((await changeRole(db, admin, { userId: admin.id, role: "editor" })).ok).toBe(true);
    });

    it("lets only admins change roles or disable accounts", async () => {
      const editor = await createUserOn(db, "editor");
      const reporter = await createUserOn(db, "reporter");
      expect(await changeRole(db, editor, { userId: reporter.id, role: "admin" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await setDisabled(db, editor, { userId: reporter.id, disabled: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await setDisabled(db, admin, { userId: 9999, disabled: true })).toMatchObject({ ok: false, error: { code: "not_found" } });
    });

    it("refuses passwords shorter than twelve characters (ASVS 2.1.1)", async () => {
      const short = await createUser(db, admin, { email: "s@example.test", name: "S", role: "editor", password: "eleven-char" });
      expect(short).toMatchObject({ ok: false, error: { fields: { password: ["Use at least 12 characters."] } } });
    });
  });

  describe("sessions end when an admin changes the account", () => {
    it("disabling, and changing the role, end every open session of that user at once", async () => {
      const editor = await createUserOn(db, "editor");
      const a = await startSession(db, { userId: editor.id });
      const b = await startSession(db, { userId: editor.id });
      const mine = await startSession(db, { userId: admin.id });
      expect((await changeRole(db, admin, { userId: editor.id, role: "editor" })).ok).toBe(true);
      expect(await validateSession(db, a.secret)).not.toBeNull();
      expect((await changeRole(db, admin, { userId: editor.id, role: "reporter" })).ok).toBe(true);
      expect(await validateSession(db, a.secret)).toBeNull();
      expect(await validateSession(db, b.secret)).toBeNull();
      expect(await validateSession(db, mine.secret)).not.toBeNull();

      const c = await startSession(db, { userId: editor.id });
      expect((await setDisabled(db, admin, { userId: editor.id, disabled: true })).ok).toBe(true);
      expect((await setDisabled(db, admin, { userId: editor.id, disabled: false })).ok).toBe(true);
      expect(await validateSession(db, c.secret)).toBeNull();
    });

    it("a refused change ends no session", async () => {
      const a = await startSession(db, { userId: admin.id });
      expect(await setDisabled(db, admin, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await validateSession(db, a.secret)).not.toBeNull();
    });
  });

  describe("invitations", () => {
    it("an admin invites a person: the account has no password until they use their link", async () => {
      const invited = await inviteUser(db, admin, { email: " Ivy@Example.test ", name: "Ivy Invited", role: "editor" });
      if (!invited.ok) throw new Error(invited.error.message);
      expect(invited.value.user).toMatchObject({ email: "ivy@example.test", invited: true });
      expect(invited.value.link.path).toBe(`/invite/${invited.value.link.token}`);
      expect(await authenticate(db, "ivy@example.test", "")).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      expect(await checkLink(db, "invite", invited.value.link.token)).toMatchObject({ ok: true, value: { name: "Ivy Invited" } });
      expect((await redeemLink(db, "invite", invited.value.link.token, { password: "ivy-chose-this", confirmPassword: "ivy-chose-this" })).ok).toBe(true);
      expect(await authenticate(db, "ivy@example.test", "ivy-chose-this")).toMatchObject({ ok: true });
      expect((await listUsers(db)).find((user) => user.email === "ivy@example.test")?.invited).toBe(false);
    });

    it("refuses duplicates, bad input and non-admins, writing nothing", async () => {
      const before = (await listUsers(db)).length;
      expect(await inviteUser(db, admin, { email: admin.email, name: "Dup", role: "editor" })).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await inviteUser(db, admin, { email: "nope", name: "", role: "boss" })).toMatchObject({ ok: false, error: { code: "invalid" } });
      expect(await inviteUser(db, await createUserOn(db, "editor"), { email: "e@example.test", name: "E", role: "admin" })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect((await listUsers(db)).length).toBe(before + 1);
    });
  });

  describe("changing one's own password", () => {
    async function withPassword(password: string) {
      const user = await createUserOn(db, "reporter", "Pat Password");
      await db.update(tablesOf(db).users).set({ passwordHash: await hashPassword(password) }).where(eq(tablesOf(db).users.id, user.id));
      return user;
    }

    it("needs the current password, then ends every other session and keeps this one", async () => {
      const user = await withPassword("the-old-password");
      const here = await startSession(db, { userId: user.id });
      const elsewhere = await startSession(db, { userId: user.id });
      const wrong = await changeOwnPassword(db, user, here.session.id, { currentPassword: "not-it", password: "the-new-password", confirmPassword: "the-new-password" });
      expect(wrong).toMatchObject({ ok: false, error: { code: "invalid", fields: { currentPassword: ["This is not your current password."] } } });
      expect(await validateSession(db, elsewhere.secret)).not.toBeNull();

      const changed = await changeOwnPassword(db, user, here.session.id, {
        currentPassword: "the-old-password",
        password: "the-new-password",
        confirmPassword: "the-new-password",
      });
      expect(changed).toEqual({ ok: true, value: { endedSessions: 1 } });
      expect(await validateSession(db, here.secret)).not.toBeNull();
      expect(await validateSession(db, elsewhere.secret)).toBeNull();
      expect(await authenticate(db, user.email, "the-old-password")).toMatchObject({ ok: false });
      expect(await authenticate(db, user.email, "the-new-password")).toMatchObject({ ok: true });
    });

    it("refuses a short, mistyped or unchanged new password, changing nothing", async () => {
      const user = await withPassword("the-old-password");
      const here = await startSession(db, { userId: user.id });
      const short = await changeOwnPassword(db, user, here.session.id, { currentPassword: "the-old-password", password: "short", confirmPassword: "short" });
      expect(short).toMatchObject({ ok: false, error: { fields: { password: ["Use at least 12 characters."] } } });
      const differ = await changeOwnPassword(db, user, here.session.id, {
        currentPassword: "the-old-password",
        password: "the-new-password",
        confirmPassword: "the-new-passwort",
      });
      expect(differ).toMatchObject({ ok: false, error: { fields: { confirmPassword: ["The two passwords differ."] } } });
      const same = await changeOwnPassword(db, user, here.session.id, {
        currentPassword: "the-old-password",
        password: "the-old-password",
        confirmPassword: "the-old-password",
      });
      expect(same).toMatchObject({ ok: false, error: { fields: { password: ["Choose a password different from the current one."] } } });
      expect(await authenticate(db, user.email, "the-old-password")).toMatchObject({ ok: true });
    });
  });
});
