"use client";

/**
 * Says, politely, when someone else changes the claim this page shows ("Elena Marsh verified this claim a
 * moment ago"). (First version: an empty live region; the stream feeds it next.)
 */
export function ClaimLiveBanner({ claimId, version }: { claimId: number; version: number }) {
  return <div role="status" aria-live="polite" data-claim-id={claimId} data-version={version} className="empty:hidden" />;
}
