import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { requirePageActor } from "@/lib/auth/guards";
import { transact } from "@/lib/core/transaction";
import { isFollowing, markSeen } from "@/lib/follows/follows";
import { FollowToggle } from "./follow-toggle";

/**
 * Follow or unfollow the claim. Rendering it on the claim page also records that the viewer has seen
 * the claim as it is now, so it leaves "claims I follow that changed" on My work.
 */
export async function FollowButton({ claimId }: { claimId: number }) {
  const actor = await requirePageActor();
  const db = getDb();
  const { claims } = tablesOf(db);
  const claim = await firstRow(db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)));
  if (!claim) return null;
  const following = await isFollowing(db, actor.id, claimId);
  // A write of its own (the seam's rule once domain work awaits on SQLite): never inside another request's open transaction.
  if (following) await transact(db, (tx) => markSeen(tx, actor.id, claimId, claim.version));
  return <FollowToggle claimId={claimId} following={following} />;
}
