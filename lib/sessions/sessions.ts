import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Session } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { type SessionEndReason } from "@/lib/core/vocabulary";
import { hasRole, type Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";

/** Absolute lifetime of a sign-in (ASVS 3.3.2, level 2: 12 hours), matching the JWT's maxAge. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** A session nobody used for this long has ended (ASVS 3.3.2, level 2: 30 minutes of inactivity). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often per session, not on every request. */
export const LAST_SEEN_EVERY_MS = 60 * 1000;
/** Sensitive actions (creating an API token) need a password typed within this long. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

type DbLike = Pick<Db, "select" | "update" | "insert">;

export function hashSessionSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Starts a session at sign-in; the secret goes into the (signed, encrypted) JWT, only its hash is kept. */
export async function startSession(
  db: DbLike,
  input: { userId: number; userAgent?: string | null; clientAddress?: string | null },
  now = new Date(),
): Promise<{ secret: string; session: Session }> {
  const { sessions } = tablesOf(db);
  const secret = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const [session] = await db
    .insert(sessions)
    .values({
      userId: input.userId,
      tokenHash: hashSessionSecret(secret),
      createdAt: at,
      authenticatedAt: at,
      lastSeenAt: at,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS).toISOString(),
      userAgent: input.userAgent?.slice(0, 300) || null,
      clientAddress: input.clientAddress ?? null,
    })
    .returning();
  return { secret, session };
}

/** Why a session row no longer signs anyone in, or null while it does. */
export function sessionEnded(session: Pick<Session, "revokedAt" | "expiresAt" | "lastSeenAt">, now = new Date()): "revoked" | "expired" | "idle" | null {
  if (session.revokedAt) return "revoked";
  if (Date.parse(session.expiresAt) <= now.getTime()) return "expired";
  if (Date.parse(session.lastSeenAt) + SESSION_IDLE_MS <= now.getTime()) return "idle";
  return null;
}

async function touch(db: DbLike, session: Session, now: Date): Promise<Session> {
  if (now.getTime() - Date.parse(session.lastSeenAt) < LAST_SEEN_EVERY_MS) return session;
  const { sessions } = tablesOf(db);
  const lastSeenAt = now.toISOString();
  await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, session.id));
  return { ...session, lastSeenAt };
}

/**
 * The live session a JWT's secret names, or null when it was revoked, expired or went idle: the
 * caller then treats the request as signed out. Records the visit (at most once a minute).
 */
export async function validateSession(db: DbLike, secret: string, now = new Date()): Promise<Session | null> {
  if (!secret || secret.length > 100) return null;
  const { sessions } = tablesOf(db);
  const session = await firstRow(db.select().from(sessions).where(eq(sessions.tokenHash, hashSessionSecret(secret))));
  if (!session || sessionEnded(session, now)) return null;
  return await touch(db, session, now);
}

/** The same check by row id, for guards that already hold the id the JWT callback resolved. */
export async function activeSession(db: DbLike, sessionId: number, userId: number, now = new Date()): Promise<Session | null> {
  const { sessions } = tablesOf(db);
  const session = await firstRow(db.select().from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))));
  if (!session || sessionEnded(session, now)) return null;
  return session;
}

export function isRecentlyAuthenticated(session: Pick<Session, "authenticatedAt">, now = new Date()): boolean {
  return now.getTime() - Date.parse(session.authenticatedAt) < REAUTH_WINDOW_MS;
}

/** The password was typed again in this session (re-authentication before a sensitive action). */
export async function markAuthenticated(db: DbLike, sessionId: number, now = new Date()): Promise<void> {
  const { sessions } = tablesOf(db);
  await db.update(sessions).set({ authenticatedAt: now.toISOString(), lastSeenAt: now.toISOString() }).where(eq(sessions.id, sessionId));
}

/** Sign-out: ends the session the JWT names. Idempotent. */
export async function endSessionBySecret(db: DbLike, secret: string, reason: SessionEndReason = "sign-out", now = new Date()): Promise<void> {
  const { sessions } = tablesOf(db);
  await db
    .update(sessions)
    .set({ revokedAt: now.toISOString(), revokedReason: reason })
    .where(and(eq(sessions.tokenHash, hashSessionSecret(secret)), isNull(sessions.revokedAt)));
}

/** Ends every open session of a user (optionally but one, the caller's own); returns how many ended. */
export async function endUserSessions(
  db: DbLike,
  userId: number,
  reason: SessionEndReason,
  options: { except?: number; now?: Date } = {},
): Promise<number> {
  const { sessions } = tablesOf(db);
  const now = options.now ?? new Date();
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (options.except !== undefined) conditions.push(ne(sessions.id, options.except));
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now.toISOString(), revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return ended.length;
}

/** "Sign out other sessions": everything of mine but the session I am using. */
export async function endOtherSessions(db: DbLike, actor: Actor, currentSessionId: number, now = new Date()): Promise<number> {
  return endUserSessions(db, actor.id, "signed-out-elsewhere", { except: currentSessionId, now });
}

/** A user signs out one of their own sessions (another device), by its row id. */
export async function endOwnSession(db: DbLike, actor: Actor, sessionId: unknown, now = new Date()): Promise<Result<{ ended: number }>> {
  const id = Number(sessionId);
  if (!Number.isSafeInteger(id) || id < 1) return fail("not_found", "No such session of yours.");
  const { sessions } = tablesOf(db);
  const ended = (
    await db
      .update(sessions)
      .set({ revokedAt: now.toISOString(), revokedReason: "signed-out-elsewhere" })
      .where(and(eq(sessions.id, id), eq(sessions.userId, actor.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id })
  ).length;
  return ended ? ok({ ended }) : fail("not_found", "No such session of yours.");
}

/** An admin ends all of someone's sessions (their own included: they are then signed out too). */
export async function endSessionsAsAdmin(db: Db, actor: Actor, userId: unknown, now = new Date()): Promise<Result<{ name: string; ended: number }>> {
  if (!hasRole(actor, "admin")) return fail("forbidden", "Only admins can end other people's sessions.");
  const id = Number(userId);
  if (!Number.isSafeInteger(id) || id < 1) return fail("invalid", "Choose a user.");
  const { users } = tablesOf(db);
  const user = await firstRow(db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id)));
  if (!user) return fail("not_found", "No such user.");
  return ok({ name: user.name, ended: await endUserSessions(db, user.id, "ended-by-admin", { now }) });
}

export type SessionSummary = Pick<Session, "id" | "createdAt" | "authenticatedAt" | "lastSeenAt" | "expiresAt" | "userAgent" | "clientAddress">;

/** A user's sessions that still sign them in, most recently used first. */
export async function listActiveSessions(db: DbLike, userId: number, now = new Date()): Promise<SessionSummary[]> {
  const { sessions } = tablesOf(db);
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
  return rows
    .filter((session) => !sessionEnded(session, now))
    .map(({ id, createdAt, authenticatedAt, lastSeenAt, expiresAt, userAgent, clientAddress }) => ({
      id,
      createdAt,
      authenticatedAt,
      lastSeenAt,
      expiresAt,
      userAgent,
      clientAddress,
    }));
}

/** How many live sessions each user has, for the admin's users table. */
export async function activeSessionCounts(db: DbLike, now = new Date()): Promise<Map<number, number>> {
  const { sessions } = tablesOf(db);
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  // count(*) is a bigint on PostgreSQL, which node-postgres answers as a string: read it as a number on both.
  const rows = await db
    .select({ userId: sessions.userId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString()), gt(sessions.lastSeenAt, idleSince)))
    .groupBy(sessions.userId);
  return new Map(rows.map((row) => [row.userId, row.n]));
}

/** A short, human name for a browser from its user agent ("Chrome on Linux"); no parsing library needed for this. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /curl\//.test(userAgent)
            ? "curl"
            : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return os ? `${browser} on ${os}` : browser;
}
