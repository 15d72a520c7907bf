import { createHash, randomBytes } from "node:crypto";
import { parseInput } from "@/lib/core/parse";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiTokens, users, type ApiToken, type User } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { toWellFormed } from "@/lib/core/well-formed";

const TOKEN_PREFIX = "fd_";

/** The choices the tokens page offers; the CLI takes any whole number of days up to ten years. */
export const TOKEN_EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

export const MAX_TOKEN_DAYS = 3650;

export const createTokenSchema = z.object({
  name: z.string().overwrite(toWellFormed).trim().min(1, "Name the token, e.g. “CMS integration”.").max(80, "Keep the name under 80 characters."),
  /** Days until the token stops working, or "never". Omitted: never (the CLI's default). */
  expiresInDays: z
    .union([z.literal("never"), z.coerce.number().int("Use a whole number of days.").min(1, "At least one day.").max(MAX_TOKEN_DAYS, "At most ten years.")])
    .optional(),
});

export type TokenSummary = Pick<ApiToken, "id" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt" | "expiresAt">;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Who may hold an API token: any active user (every role may; a token acts with its owner's
 * current role). A disabled user's tokens stop working, so none may be made for them either.
 */
export function canHoldToken(user: Pick<User, "email" | "disabled"> | undefined): Result<void> {
  if (!user) return fail("not_found", "No such user.");
  if (user.disabled) return fail("forbidden", `${user.email} is disabled; re-enable the account before creating tokens for it.`);
  return ok(undefined);
}

/**
 * Creates a token for a user, refusing a user who does not exist or is disabled. The secret is
 * returned once; only its hash is stored.
 */
export function createToken(db: Db, userId: number, input: unknown, now = new Date()): Result<{ token: string; summary: TokenSummary }> {
  const holder = canHoldToken(db.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get());
  if (!holder.ok) return holder;
  const parsed = parseInput(createTokenSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const days = parsed.value.expiresInDays;
  const expiresAt = days === undefined || days === "never" ? null : new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = db
    .insert(apiTokens)
    .values({ userId, name: parsed.value.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt })
    .returning()
    .get();
  return ok({ token, summary: summarise(row) });
}

function summarise({ id, name, prefix, createdAt, lastUsedAt, revokedAt, expiresAt }: ApiToken): TokenSummary {
  return { id, name, prefix, createdAt, lastUsedAt, revokedAt, expiresAt };
}

export function isExpired(token: Pick<ApiToken, "expiresAt">, now = new Date()): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
}

export function listTokens(db: Db, userId: number): TokenSummary[] {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id)).all().map(summarise);
}

/** A user revokes their own tokens; nobody revokes someone else's through this path. */
export function revokeToken(db: Db, actor: Actor, tokenId: number): Result<TokenSummary> {
  const row = db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning()
    .get();
  return row ? ok(summarise(row)) : fail("not_found", "No such active token of yours.");
}

/**
 * The user behind a bearer token, as they are now: a revoked or expired token, or a disabled user's
 * token, stops working on the very next request. Records when the token was last used.
 */
export function actorForToken(db: Db, token: string, now = new Date()): (Actor & { tokenId: number }) | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = db
    .select({ tokenId: apiTokens.id, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  if (!row || row.revokedAt || isExpired(row, now) || row.user.disabled) return null;
  db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.tokenId)).run();
  const { id, name, email, role } = row.user;
  return { id, name, email, role, tokenId: row.tokenId };
}
