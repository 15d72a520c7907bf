import { createHash, randomBytes } from "node:crypto";
import { parseInput } from "@/lib/core/parse";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ApiToken, User } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
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
export async function createToken(db: Db, userId: number, input: unknown, now = new Date()): Promise<Result<{ token: string; summary: TokenSummary }>> {
  const { apiTokens, users } = tablesOf(db);
  const holder = canHoldToken(await firstRow(db.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.id, userId))));
  if (!holder.ok) return holder;
  const parsed = parseInput(createTokenSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return parsed;
  const days = parsed.value.expiresInDays;
  const expiresAt = days === undefined || days === "never" ? null : new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name: parsed.value.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt })
    .returning();
  return ok({ token, summary: summarise(row) });
}

function summarise({ id, name, prefix, createdAt, lastUsedAt, revokedAt, expiresAt }: ApiToken): TokenSummary {
  return { id, name, prefix, createdAt, lastUsedAt, revokedAt, expiresAt };
}

export function isExpired(token: Pick<ApiToken, "expiresAt">, now = new Date()): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
}

export async function listTokens(db: Db, userId: number): Promise<TokenSummary[]> {
  const { apiTokens } = tablesOf(db);
  return (await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id))).map(summarise);
}

/** A user revokes their own tokens; nobody revokes someone else's through this path. */
export async function revokeToken(db: Db, actor: Actor, tokenId: number): Promise<Result<TokenSummary>> {
  const { apiTokens } = tablesOf(db);
  const row = await firstRow(
    db
      .update(apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .returning(),
  );
  return row ? ok(summarise(row)) : fail("not_found", "No such active token of yours.");
}

/**
 * The user behind a bearer token, as they are now: a revoked or expired token, or a disabled user's
 * token, stops working on the very next request. Records when the token was last used.
 */
export async function actorForToken(db: Db, token: string, now = new Date()): Promise<(Actor & { tokenId: number }) | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const { apiTokens, users } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ tokenId: apiTokens.id, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, hashToken(token))),
  );
  if (!row || row.revokedAt || isExpired(row, now) || row.user.disabled) return null;
  await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.tokenId));
  const { id, name, email, role } = row.user;
  return { id, name, email, role, tokenId: row.tokenId };
}
