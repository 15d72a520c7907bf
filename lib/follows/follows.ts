import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
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
export async function addFollow(db: DbExecutor, userId: number, claimId: number, reason: FollowReason, seenVersion: number, now = nowIso()): Promise<void> {
  const { follows } = tablesOf(db);
  await db.insert(follows).values({ userId, claimId, reason, since: now, seenVersion, seenAt: now }).onConflictDoNothing();
}

/** Follows a claim by choice: returns false when the claim does not exist. */
export async function followClaim(db: DbExecutor, userId: number, claimId: number): Promise<boolean> {
  const { claims } = tablesOf(db);
  const claim = await firstRow(db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)));
  if (!claim) return false;
  await addFollow(db, userId, claimId, "chose", claim.version);
  return true;
}

/** Stops following; returns false when the claim does not exist. */
export async function unfollowClaim(db: DbExecutor, userId: number, claimId: number): Promise<boolean> {
  const { claims, follows } = tablesOf(db);
  const claim = await firstRow(db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)));
  if (!claim) return false;
  await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.claimId, claimId)));
  return true;
}

export async function isFollowing(db: DbExecutor, userId: number, claimId: number): Promise<boolean> {
  const { follows } = tablesOf(db);
  return (await firstRow(db.select({ userId: follows.userId }).from(follows).where(and(eq(follows.userId, userId), eq(follows.claimId, claimId))))) != null;
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
