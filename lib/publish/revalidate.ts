import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { summarySlugsForClaim } from "./queries";

/*
 * Public summary pages are cached (ISR) and refreshed here. Call after every change that can alter
 * what they show: publish, correction, withdrawal (this module's callers) and a claim leaving
 * `verified` (the claim transition action / API route call `revalidatePublicSummariesForClaim`).
 * Revalidation runs in a request (server action or route handler); outside one it is a no-op.
 */

export function revalidatePublicSummary(slug: string): void {
  try {
    // "layout" covers /summaries/{slug} and everything under it: every /v/{n}, the JSON and Markdown.
    revalidatePath(`/summaries/${slug}`, "layout");
    revalidatePath("/summaries");
    revalidatePath("/summaries/feed.xml");
  } catch (error) {
    // Outside a request (scripts, tests) there is no cache to refresh.
    if (!(error instanceof Error && /static generation store missing|outside a request scope|Invariant/i.test(error.message))) throw error;
  }
}

/** Refreshes the public summaries that may show this claim (the summary of its article). */
export function revalidatePublicSummariesForClaim(claimId: number): void {
  for (const slug of summarySlugsForClaim(getDb(), claimId)) revalidatePublicSummary(slug);
}
