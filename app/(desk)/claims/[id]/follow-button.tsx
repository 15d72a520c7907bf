import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { claims } from "@/db/schema";
import { requirePageActor } from "@/lib/auth/guards";
import { isFollowing, markSeen } from "@/lib/follows/follows";
import { FollowToggle } from "./follow-toggle";

/**
 * Follow or unfollow the claim. Rendering it on the claim page also records that the viewer has seen
 * the claim as it is now, so it leaves "claims I follow that changed" on My work.
 */
export async function FollowButton({ claimId }: { claimId: number }) {
  const actor = await requirePageActor();
  const db = getDb();
  const claim = db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) return null;
  const following = isFollowing(db, actor.id, claimId);
  if (following) markSeen(db, actor.id, claimId, claim.version);
  return <FollowToggle claimId={claimId} following={following} />;
}
