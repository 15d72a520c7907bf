import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import { orgName } from "@/lib/publish/config";
import type { PublicSummary } from "@/lib/publish/types";

/** The share card's size (Open Graph's recommended 1.91:1) and what it shows, for its alt text. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };

/** Alt text that says what the card shows, for platforms that pass it to screen readers. */
export function shareImageAlt(summary: PublicSummary): string {
  const lead = summary.claims[0];
  if (summary.withdrawn) return `${orgName()} fact-check card: “${summary.title}”, withdrawn.`;
  if (!lead) return `${orgName()} fact-check card: ${summary.title}.`;
  const more = summary.claims.length > 1 ? ` One of ${summary.claims.length} claims checked.` : "";
  return `${orgName()} fact-check card. Claim: ${lead.text} Verdict: ${VERDICT_LABEL[lead.verdict]}. Checked by ${lead.verifiedBy.name}.${more}`;
}
