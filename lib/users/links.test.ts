import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { startSession, validateSession } from "@/lib/sessions/sessions";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { checkLink, hashLinkToken, issuePasswordLink, LINK_LIFETIME_MS, linkProblemMessage, redeemLink } from "./links";
import { inviteUser } from "./users";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const NEW = { password: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" };
onEveryEngine("one-time links", (database) => {
  let db: Db;
  let admin: Actor;
  let rita: Actor;
  const linksOf = (userId: number) => db.select().from(tablesOf(db).oneTimeLinks).where(eq(tablesOf(db).oneTimeLinks.userId, userId));

  // The engine's database is shared by the block: each test has an admin and a Rita of its own.
  beforeEach(async () => {
    db = database();
    const { users } = tablesOf(db);
    admin = await createUserOn(db, "admin", "Ada Admin");
    rita = await createUserOn(db, "reporter", "Rita Reyes");
    await db.update(users).set({ passwordHash: await hashPassword("forgotten-password") }).where(eq(users.id, rita.id));
  });

  async function resetLink(now = T0) {
    const issued = await issuePasswordLink(db, admin, rita.id, now);
    if (!issued.ok) throw new Error(issued.error.message);
    return issued.value;
  }

  describe("password-reset links", () => {
    it("are stored as a SHA-256 only, and a reset link for an account with a password", async () => {
      const link = await resetLink();
      expect(link.kind).toBe("reset");
      expect(link.path).toBe(`/reset/${link.token}`);
      const [row] = await linksOf(rita.id);
      expect(row?.tokenHash).toBe(hashLinkToken(link.token));
      expect(JSON.stringify(row)).not.toContain(link.token);
      expect(row).toMatchObject({ createdById: admin.id, expiresAt: new Date(T0.getTime() + LINK_LIFETIME_MS.reset).toISOString() });
    });

    it("work once: the password changes, every session ends, sign-in failures clear; a second use is refused", async () => {
      const session = await startSession(db, { userId: rita.id }, T0);
      const { loginAttempts } = tablesOf(db);
      await db.insert(loginAttempts).values({ email: rita.email, succeeded: false, attemptedAt: T0.toISOString(), clientAddress: null });
      const link = await resetLink();
      expect(await redeemLink(db, "reset", link.token, NEW, T0)).toMatchObject({ ok: true, value: { email: rita.email } });
      expect(await validateSession(db, session.secret, T0)).toBeNull();
      expect((await db.select().from(loginAttempts).where(eq(loginAttempts.email, rita.email)))[0]?.clearedAt).toBe(T0.toISOString());
      expect(await authenticate(db, rita.email, NEW.password, { now: T0 })).toMatchObject({ ok: true });

      const again = await redeemLink(db, "reset", link.token, { password: "attacker-passphrase", confirmPassword: "attacker-passphrase" }, T0);
      expect(again).toMatchObject({ ok: false, error: { details: { problem: "used" }, message: linkProblemMessage("used") } });
      expect(await authenticate(db, rita.email, NEW.password, { now: T0 })).toMatchObject({ ok: true });
    });

    it("two racing uses of one link: exactly one sets the password", async () => {
      const link = await resetLink();
      const results = await Promise.all([
        redeemLink(db, "reset", link.token, { password: "first-passphrase!", confirmPassword: "first-passphrase!" }, T0),
        redeemLink(db, "reset", link.token, { password: "second-passphrase", confirmPassword: "second-passphrase" }, T0),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    it("expire: an expired link is refused with a clear message and changes nothing", async () => {
      const link = await resetLink();
      const late = new Date(T0.getTime() + LINK_LIFETIME_MS.reset);
      expect(await checkLink(db, "reset", link.token, late)).toMatchObject({ ok: false, error: { message: "This link has expired. Ask an administrator for a new one." } });
      expect(await redeemLink(db, "reset", link.token, NEW, late)).toMatchObject({ ok: false, error: { details: { problem: "expired" } } });
      expect(await authenticate(db, rita.email, "forgotten-password", { now: late })).toMatchObject({ ok: true });
    });

    it("a newer link replaces an older one; unknown, mangled and wrong-kind links are refused", async () => {
      const first = await resetLink();
      const second = await resetLink(new Date(T0.getTime() + 1000));
      expect(await checkLink(db, "reset", first.token, T0)).toMatchObject({ ok: false, error: { details: { problem: "superseded" } } });
      expect((await checkLink(db, "reset", second.token, T0)).ok).toBe(true);
      expect(await checkLink(db, "invite", second.token, T0)).toMatchObject({ ok: false, error: { details: { problem: "wrong_kind" } } });
      expect(await checkLink(db, "reset", second.token.slice(0, -2), T0)).toMatchObject({ ok: false, error: { details: { problem: "unknown" } } });
      expect(await checkLink(db, "reset", "", T0)).toMatchObject({ ok: false, error: { details: { problem: "unknown" } } });
    });

    it("check the new password against the policy before using the link", async () => {
      const link = await resetLink();
      const short = await redeemLink(db, "reset", link.token, { password: "short", confirmPassword: "short" }, T0);
      expect(short).toMatchObject({ ok: false, error: { fields: { password: ["Use at least 12 characters."] } } });
      expect((await checkLink(db, "reset", link.token, T0)).ok).toBe(true);
    });

    it("are issued only by admins, only for enabled accounts", async () => {
      expect(await issuePasswordLink(db, rita, rita.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await issuePasswordLink(db, admin, 9999)).toMatchObject({ ok: false, error: { code: "not_found" } });
      await db.update(tablesOf(db).users).set({ disabled: true }).where(eq(tablesOf(db).users.id, rita.id));
      expect(await issuePasswordLink(db, admin, rita.id)).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await linksOf(rita.id)).toEqual([]);
    });
  });

  describe("invitation links", () => {
    it("a fresh invitation replaces the first one; an invite expires after a week", async () => {
      const invited = await inviteUser(db, admin, { email: "ivy@example.test", name: "Ivy", role: "reporter" }, T0);
      if (!invited.ok) throw new Error(invited.error.message);
      const again = await issuePasswordLink(db, admin, invited.value.user.id, T0);
      expect(again).toMatchObject({ ok: true, value: { kind: "invite" } });
      expect(await checkLink(db, "invite", invited.value.link.token, T0)).toMatchObject({ ok: false, error: { details: { problem: "superseded" } } });
      if (!again.ok) return;
      const week = new Date(T0.getTime() + LINK_LIFETIME_MS.invite);
      expect(await redeemLink(db, "invite", again.value.token, NEW, week)).toMatchObject({ ok: false, error: { details: { problem: "expired" } } });
      expect((await redeemLink(db, "invite", again.value.token, NEW, new Date(week.getTime() - 1000))).ok).toBe(true);
    });
  });
});
