import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { claims, follows } from "@/db/schema";
import { tablesOf } from "@/db/tables";
import type { ClaimState } from "@/lib/core/vocabulary";
import { nowIso } from "@/lib/core/transaction";
import type { FollowReason } from "@/lib/notifications/kinds";

/*
 * Following a claim: you follow what you submitted, reviewed (any sign-off), were assigned or
 * commented on (the notifications handler and addComment record those), and any claim you choose.
 * Each follow keeps the claim version its follower last saw, so "claims I follow that changed" is
 * the follows whose claim is now at a higher version.
 */

/** Starts following (no-op when already following); the follower has seen the claim as it is now. */
export function follow(db: DbExecutor, userId: number, claimId: number, reason: FollowReason, seenVersion: number, now = nowIso()): void {
  db.insert(follows).values({ userId, claimId, reason, since: now, seenVersion, seenAt: now }).onConflictDoNothing().run();
}

/**
 * follow on either engine (comments and the notifications handler, in their transactions). follow itself
 * stays synchronous and SQLite-only for followClaim until that function's callers await it.
 */
export async function addFollow(db: DbExecutor, userId: number, claimId: number, reason: FollowReason, seenVersion: number, now = nowIso()): Promise<void> {
  const { follows } = tablesOf(db);
  await db.insert(follows).values({ userId, claimId, reason, since: now, seenVersion, seenAt: now }).onConflictDoNothing();
}

/** Follows a claim by choice: returns false when the claim does not exist. */
export function followClaim(db: DbExecutor, userId: number, claimId: number): boolean {
  const claim = db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) return false;
  follow(db, userId, claimId, "chose", claim.version);
  return true;
}

/** Stops following; returns false when the claim does not exist. */
export function unfollowClaim(db: DbExecutor, userId: number, claimId: number): boolean {
  const claim = db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) return false;
  db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.claimId, claimId))).run();
  return true;
}

export function isFollowing(db: DbExecutor, userId: number, claimId: number): boolean {
  return db.select({ userId: follows.userId }).from(follows).where(and(eq(follows.userId, userId), eq(follows.claimId, claimId))).get() != null;
}

/** The followers of a claim. */
export async function followersOf(db: DbExecutor, claimId: number): Promise<number[]> {
  const { follows } = tablesOf(db);
  const rows = await db.select({ userId: follows.userId }).from(follows).where(eq(follows.claimId, claimId));
  return rows.map((row) => row.userId);
}

/** The follower has seen the claim at this version (opened it, or changed it themselves); never moves back. */
export async function markSeen(db: DbExecutor, userId: number, claimId: number, version: number, now = nowIso()): Promise<void> {
  const { follows } = tablesOf(db);
  // Only a lower seen version is raised, so setting it to `version` is the max of the two on both engines.
  await db
    .update(follows)
    .set({ seenVersion: version, seenAt: now })
    .where(and(eq(follows.userId, userId), eq(follows.claimId, claimId), lt(follows.seenVersion, version)));
}

export interface FollowedChange {
  claimId: number;
  text: string;
  state: ClaimState;
  version: number;
  /** The version the follower last saw. */
  seenVersion: number;
  /** When the claim last changed. */
  updatedAt: string;
}

/** Claims the user follows that changed since they last saw them, most recently changed first. */
export async function listFollowedChanges(db: DbExecutor, userId: number, limit = 50): Promise<FollowedChange[]> {
  const { claims, follows } = tablesOf(db);
  return db
    .select({ claimId: claims.id, text: claims.text, state: claims.state, version: claims.version, seenVersion: follows.seenVersion, updatedAt: claims.updatedAt })
    .from(follows)
    .innerJoin(claims, eq(claims.id, follows.claimId))
    .where(and(eq(follows.userId, userId), gt(claims.version, follows.seenVersion)))
    .orderBy(desc(claims.updatedAt), desc(claims.id))
    .limit(limit);
}

/** Which of these users follow the claim. */
export async function followingAmong(db: DbExecutor, claimId: number, userIds: readonly number[]): Promise<Set<number>> {
  const { follows } = tablesOf(db);
  if (userIds.length === 0) return new Set();
  const rows = await db.select({ userId: follows.userId }).from(follows).where(and(eq(follows.claimId, claimId), inArray(follows.userId, [...userIds])));
  return new Set(rows.map((row) => row.userId));
}
