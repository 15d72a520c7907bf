import "server-only";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { summaries } from "@/db/schema";
import type { Result } from "@/lib/core/result";
import type { ClaimDetail } from "@/lib/workflow/types";
import { summarySlugsForClaim } from "./queries";

/*
 * Public summary pages are cached (ISR) and refreshed here. Call after every change that can alter
 * what they show: publish, correction, withdrawal (the publish page's actions and the API route) and
 * a claim leaving `verified` (the claim transition action and API route call
 * `revalidateSummariesIfReopened`). Must run in a request (server action or route handler).
 *
 * Literal paths, not `revalidatePath(slug, "layout")`: Next derives layout tags from the route
 * pattern (/summaries/[slug]/layout), so a literal layout path would not reach the version pages.
 */

export function revalidatePublicSummary(slug: string): void {
  const summary = getDb().select({ currentVersion: summaries.currentVersion }).from(summaries).where(eq(summaries.slug, slug)).get();
  revalidatePath(`/summaries/${slug}`);
  // Every version page shows the list of versions and the withdrawal notice, so all of them change.
  for (let version = 1; version <= (summary?.currentVersion ?? 0); version += 1) revalidatePath(`/summaries/${slug}/v/${version}`);
  revalidatePath("/summaries");
}

/** Refreshes the public summaries that may show this claim (the summary of its article). */
export function revalidatePublicSummariesForClaim(claimId: number): void {
  for (const slug of summarySlugsForClaim(getDb(), claimId)) revalidatePublicSummary(slug);
}

/**
 * After a transition: a claim that just left `verified` is "under re-review" on its public summary
 * from now on (until the summary is republished), so the cached pages are refreshed. No other
 * transition changes what a published summary shows.
 */
export function revalidateSummariesIfReopened(result: Result<ClaimDetail>): void {
  if (result.ok && result.value.signoffs.at(-1)?.fromState === "verified") revalidatePublicSummariesForClaim(result.value.id);
}
