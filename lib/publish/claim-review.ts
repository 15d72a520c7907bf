import { claimAnchor, summaryPath } from "./config";
import { RATING_SCALE, VERDICT_RATING } from "./rating";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import type { PublicSummary } from "./types";

export interface ClaimReviewOptions {
  /** Public origin, e.g. https://factcheck.example.org */
  baseUrl: string;
  /** The publishing organisation (FACTDESK_ORG_NAME). */
  orgName: string;
}

export type JsonLd = Record<string, unknown>;

/**
 * schema.org ClaimReview, one per claim of the summary (https://schema.org/ClaimReview, as Google's
 * fact-check rich result reads it): claimReviewed, reviewRating (alternateName = verdict label, on
 * the 1–5 scale in rating.ts), itemReviewed as a Claim with appearance / author / datePublished,
 * author = the organisation, datePublished, url = the claim's anchor on the summary page.
 * Withdrawn summaries publish none: a withdrawn review should not be picked up as standing.
 */
export function buildClaimReviews(summary: PublicSummary, options: ClaimReviewOptions): JsonLd[] {
  if (summary.withdrawn) return [];
  const pageUrl = `${options.baseUrl}${summaryPath(summary.slug)}`;
  const organisation = { "@type": "Organization", name: options.orgName, url: options.baseUrl };
  return summary.claims.map((claim) => {
    const appearance = claim.appearance;
    const itemReviewed: JsonLd = { "@type": "Claim" };
    const appearanceUrl = appearance?.url ?? summary.article.sourceUrl;
    if (appearanceUrl) {
      itemReviewed.appearance = {
        "@type": "CreativeWork",
        url: appearanceUrl,
        ...(appearance?.title ? { headline: appearance.title } : {}),
        ...(appearance?.publisher ? { publisher: { "@type": "Organization", name: appearance.publisher } } : {}),
      };
    }
    const claimAuthor = appearance?.publisher ?? summary.article.publisher;
    if (claimAuthor) itemReviewed.author = { "@type": "Organization", name: claimAuthor };
    const claimDate = appearance?.datePublished ?? summary.article.publishedAt;
    if (claimDate) itemReviewed.datePublished = claimDate;

    return {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${pageUrl}#${claimAnchor(claim.id)}`,
      claimReviewed: claim.text,
      reviewBody: claim.explanation,
      itemReviewed,
      author: organisation,
      datePublished: claim.firstPublishedAt,
      ...(summary.version > 1 ? { dateModified: summary.publishedAt } : {}),
      reviewRating: {
        "@type": "Rating",
        ratingValue: VERDICT_RATING[claim.verdict],
        bestRating: RATING_SCALE.best,
        worstRating: RATING_SCALE.worst,
        alternateName: VERDICT_LABEL[claim.verdict],
      },
    };
  });
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so claim text can never close the script. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
