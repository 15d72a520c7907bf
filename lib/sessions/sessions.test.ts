import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import {
  activeSessionCounts,
  describeUserAgent,
  endOtherSessions,
  endOwnSession,
  endSessionBySecret,
  endSessionsAsAdmin,
  isRecentlyAuthenticated,
  LAST_SEEN_EVERY_MS,
  listActiveSessions,
  markAuthenticated,
  REAUTH_WINDOW_MS,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  startSession,
  validateSession,
} from "./sessions";

const T0 = new Date("2026-01-05T10:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
describe("describeUserAgent", () => {
  it("names browsers briefly", async () => {
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")).toBe("Chrome on Linux");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});

onEveryEngine("server-side sessions", (database) => {
  // The engine's database is shared by the block: each test makes its own users and reads only their sessions.
  let db: Db;
  beforeEach(() => {
    db = database();
  });
  const sessionsOf = async (userId: number) => {
    const { sessions } = tablesOf(db);
    return db.select().from(sessions).where(eq(sessions.userId, userId));
  };

  it("keep only a hash of the secret the JWT carries", async () => {
    const user = await createUserOn(db, "reporter");
    const { secret, session } = await startSession(db, { userId: user.id, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", clientAddress: "198.51.100.20" }, T0);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(JSON.stringify(await sessionsOf(user.id))).not.toContain(secret);
    expect(await validateSession(db, secret, T0)).toMatchObject({ id: session.id, userId: user.id, authenticatedAt: T0.toISOString() });
    expect(await validateSession(db, "not-the-secret", T0)).toBeNull();
  });

  it("end at sign-out: the same secret no longer signs anyone in", async () => {
    const user = await createUserOn(db, "reporter");
    const { secret } = await startSession(db, { userId: user.id }, T0);
    await endSessionBySecret(db, secret, "sign-out", later(1000));
    expect(await validateSession(db, secret, later(2000))).toBeNull();
    expect((await sessionsOf(user.id))[0]).toMatchObject({ revokedReason: "sign-out", revokedAt: later(1000).toISOString() });
  });

  it("expire twelve hours after sign-in however busy, and after thirty idle minutes", async () => {
    const user = await createUserOn(db, "reporter");
    const busy = await startSession(db, { userId: user.id }, T0);
    for (let t = 0; t < SESSION_MAX_AGE_MS; t += 20 * 60 * 1000) expect(await validateSession(db, busy.secret, later(t))).not.toBeNull();
    expect(await validateSession(db, busy.secret, later(SESSION_MAX_AGE_MS))).toBeNull();

    const idle = await startSession(db, { userId: user.id }, T0);
    expect(await validateSession(db, idle.secret, later(SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await validateSession(db, idle.secret, later(2 * SESSION_IDLE_MS - 500))).toBeNull();
  });

  it("write last-seen at most once a minute", async () => {
    const user = await createUserOn(db, "reporter");
    const { secret } = await startSession(db, { userId: user.id }, T0);
    await validateSession(db, secret, later(LAST_SEEN_EVERY_MS - 1));
    expect((await sessionsOf(user.id))[0]?.lastSeenAt).toBe(T0.toISOString());
    await validateSession(db, secret, later(LAST_SEEN_EVERY_MS));
    expect((await sessionsOf(user.id))[0]?.lastSeenAt).toBe(later(LAST_SEEN_EVERY_MS).toISOString());
  });

  it("know when the password was last typed, for re-authentication", async () => {
    const user = await createUserOn(db, "reporter");
    const { session } = await startSession(db, { userId: user.id }, T0);
    expect(isRecentlyAuthenticated(session, later(REAUTH_WINDOW_MS - 1))).toBe(true);
    expect(isRecentlyAuthenticated(session, later(REAUTH_WINDOW_MS))).toBe(false);
    await markAuthenticated(db, session.id, later(REAUTH_WINDOW_MS));
    expect(isRecentlyAuthenticated((await sessionsOf(user.id))[0]!, later(REAUTH_WINDOW_MS + 1000))).toBe(true);
  });

  it("a user signs out their other sessions and keeps the current one", async () => {
    const user = await createUserOn(db, "reporter");
    const other = await createUserOn(db, "reporter");
    const mine = await startSession(db, { userId: user.id, userAgent: "Firefox/120.0" }, T0);
    const laptop = await startSession(db, { userId: user.id }, T0);
    const phone = await startSession(db, { userId: user.id }, T0);
    const someoneElse = await startSession(db, { userId: other.id }, T0);
    expect((await listActiveSessions(db, user.id, T0)).map((s) => s.id).sort()).toEqual([mine.session.id, laptop.session.id, phone.session.id].sort());
    expect(await endOtherSessions(db, user, mine.session.id, T0)).toBe(2);
    expect(await validateSession(db, mine.secret, T0)).not.toBeNull();
    expect(await validateSession(db, laptop.secret, T0)).toBeNull();
    expect(await validateSession(db, phone.secret, T0)).toBeNull();
    expect(await validateSession(db, someoneElse.secret, T0)).not.toBeNull();
    expect(await listActiveSessions(db, user.id, T0)).toHaveLength(1);
  });

  it("a user signs out one other session of theirs, never someone else's", async () => {
    const user = await createUserOn(db, "reporter");
    const other = await createUserOn(db, "reporter");
    const laptop = await startSession(db, { userId: user.id }, T0);
    const theirs = await startSession(db, { userId: other.id }, T0);
    expect(await endOwnSession(db, user, theirs.session.id, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await validateSession(db, theirs.secret, T0)).not.toBeNull();
    expect(await endOwnSession(db, user, laptop.session.id, T0)).toEqual({ ok: true, value: { ended: 1 } });
    expect(await validateSession(db, laptop.secret, T0)).toBeNull();
    expect(await endOwnSession(db, user, laptop.session.id, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await endOwnSession(db, user, "x", T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("an admin ends anyone's sessions; nobody else can", async () => {
    const admin = await createUserOn(db, "admin");
    const editor = await createUserOn(db, "editor");
    const { secret } = await startSession(db, { userId: editor.id }, T0);
    expect((await activeSessionCounts(db, T0)).get(editor.id)).toBe(1);
    expect(await endSessionsAsAdmin(db, editor, editor.id, T0)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await endSessionsAsAdmin(db, admin, 9999, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await validateSession(db, secret, T0)).not.toBeNull();
    expect(await endSessionsAsAdmin(db, admin, editor.id, T0)).toEqual({ ok: true, value: { name: editor.name, ended: 1 } });
    expect(await validateSession(db, secret, T0)).toBeNull();
    expect((await activeSessionCounts(db, T0)).get(editor.id)).toBeUndefined();
  });

});
