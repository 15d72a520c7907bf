import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import { createTestDb, createTestUser } from "@/lib/testing/db";
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
let db: Db;

beforeEach(() => {
  db = createTestDb();
});

describe("server-side sessions", () => {
  it("keep only a hash of the secret the JWT carries", () => {
    const user = createTestUser(db, "reporter");
    const { secret, session } = startSession(db, { userId: user.id, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", clientAddress: "198.51.100.20" }, T0);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(JSON.stringify(db.select().from(sessions).all())).not.toContain(secret);
    expect(validateSession(db, secret, T0)).toMatchObject({ id: session.id, userId: user.id, authenticatedAt: T0.toISOString() });
    expect(validateSession(db, "not-the-secret", T0)).toBeNull();
  });

  it("end at sign-out: the same secret no longer signs anyone in", () => {
    const user = createTestUser(db, "reporter");
    const { secret } = startSession(db, { userId: user.id }, T0);
    endSessionBySecret(db, secret, "sign-out", later(1000));
    expect(validateSession(db, secret, later(2000))).toBeNull();
    expect(db.select().from(sessions).get()).toMatchObject({ revokedReason: "sign-out", revokedAt: later(1000).toISOString() });
  });

  it("expire twelve hours after sign-in however busy, and after thirty idle minutes", () => {
    const user = createTestUser(db, "reporter");
    const busy = startSession(db, { userId: user.id }, T0);
    for (let t = 0; t < SESSION_MAX_AGE_MS; t += 20 * 60 * 1000) expect(validateSession(db, busy.secret, later(t))).not.toBeNull();
    expect(validateSession(db, busy.secret, later(SESSION_MAX_AGE_MS))).toBeNull();

    const idle = startSession(db, { userId: user.id }, T0);
    expect(validateSession(db, idle.secret, later(SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(validateSession(db, idle.secret, later(2 * SESSION_IDLE_MS - 500))).toBeNull();
  });

  it("write last-seen at most once a minute", () => {
    const user = createTestUser(db, "reporter");
    const { secret } = startSession(db, { userId: user.id }, T0);
    validateSession(db, secret, later(LAST_SEEN_EVERY_MS - 1));
    expect(db.select().from(sessions).get()?.lastSeenAt).toBe(T0.toISOString());
    validateSession(db, secret, later(LAST_SEEN_EVERY_MS));
    expect(db.select().from(sessions).get()?.lastSeenAt).toBe(later(LAST_SEEN_EVERY_MS).toISOString());
  });

  it("know when the password was last typed, for re-authentication", () => {
    const user = createTestUser(db, "reporter");
    const { session } = startSession(db, { userId: user.id }, T0);
    expect(isRecentlyAuthenticated(session, later(REAUTH_WINDOW_MS - 1))).toBe(true);
    expect(isRecentlyAuthenticated(session, later(REAUTH_WINDOW_MS))).toBe(false);
    markAuthenticated(db, session.id, later(REAUTH_WINDOW_MS));
    expect(isRecentlyAuthenticated(db.select().from(sessions).get()!, later(REAUTH_WINDOW_MS + 1000))).toBe(true);
  });

  it("a user signs out their other sessions and keeps the current one", () => {
    const user = createTestUser(db, "reporter");
    const other = createTestUser(db, "reporter");
    const mine = startSession(db, { userId: user.id, userAgent: "Firefox/120.0" }, T0);
    const laptop = startSession(db, { userId: user.id }, T0);
    const phone = startSession(db, { userId: user.id }, T0);
    const someoneElse = startSession(db, { userId: other.id }, T0);
    expect(listActiveSessions(db, user.id, T0).map((s) => s.id).sort()).toEqual([mine.session.id, laptop.session.id, phone.session.id].sort());
    expect(endOtherSessions(db, user, mine.session.id, T0)).toBe(2);
    expect(validateSession(db, mine.secret, T0)).not.toBeNull();
    expect(validateSession(db, laptop.secret, T0)).toBeNull();
    expect(validateSession(db, phone.secret, T0)).toBeNull();
    expect(validateSession(db, someoneElse.secret, T0)).not.toBeNull();
    expect(listActiveSessions(db, user.id, T0)).toHaveLength(1);
  });

  it("a user signs out one other session of theirs, never someone else's", () => {
    const user = createTestUser(db, "reporter");
    const other = createTestUser(db, "reporter");
    const laptop = startSession(db, { userId: user.id }, T0);
    const theirs = startSession(db, { userId: other.id }, T0);
    expect(endOwnSession(db, user, theirs.session.id, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(validateSession(db, theirs.secret, T0)).not.toBeNull();
    expect(endOwnSession(db, user, laptop.session.id, T0)).toEqual({ ok: true, value: { ended: 1 } });
    expect(validateSession(db, laptop.secret, T0)).toBeNull();
    expect(endOwnSession(db, user, laptop.session.id, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(endOwnSession(db, user, "x", T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("an admin ends anyone's sessions; nobody else can", () => {
    const admin = createTestUser(db, "admin");
    const editor = createTestUser(db, "editor");
    const { secret } = startSession(db, { userId: editor.id }, T0);
    expect(activeSessionCounts(db, T0).get(editor.id)).toBe(1);
    expect(endSessionsAsAdmin(db, editor, editor.id, T0)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(endSessionsAsAdmin(db, admin, 9999, T0)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(validateSession(db, secret, T0)).not.toBeNull();
    expect(endSessionsAsAdmin(db, admin, editor.id, T0)).toEqual({ ok: true, value: { name: editor.name, ended: 1 } });
    expect(validateSession(db, secret, T0)).toBeNull();
    expect(activeSessionCounts(db, T0).get(editor.id)).toBeUndefined();
  });

  it("names browsers briefly", () => {
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")).toBe("Chrome on Linux");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});
