import { requirePageActor } from "@/lib/auth/guards";

/** Follow or unfollow the claim. First version: inert, so the claim page can mount it. */
export async function FollowButton({ claimId }: { claimId: number }) {
  await requirePageActor();
  return <span data-claim-id={claimId} hidden />;
}
