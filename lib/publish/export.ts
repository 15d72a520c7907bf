import { claimAnchor, summaryPath } from "./config";
import { RATING_SCALE, VERDICT_RATING } from "./rating";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import type { PublicSummary } from "./types";

/** The public JSON of `/summaries/{slug}.json`: what the page shows, plus absolute URLs. */
export function summaryToJson(summary: PublicSummary, options: { baseUrl: string; orgName: string }) {
  const pageUrl = `${options.baseUrl}${summaryPath(summary.slug)}`;
  return {
    slug: summary.slug,
    url: pageUrl,
    versionUrl: `${options.baseUrl}${summaryPath(summary.slug, summary.version)}`,
    publisher: options.orgName,
    title: summary.title,
    introduction: summary.introduction,
    version: summary.version,
    currentVersion: summary.currentVersion,
    publishedAt: summary.publishedAt,
    firstPublishedAt: summary.firstPublishedAt,
    publishedBy: summary.publishedBy,
    withdrawn: summary.withdrawn,
    // The article as readers know it; its desk id stays on the desk.
    article: { title: summary.article.title, url: summary.article.sourceUrl, publisher: summary.article.publisher, publishedAt: summary.article.publishedAt },
    ratingScale: { worst: RATING_SCALE.worst, best: RATING_SCALE.best },
    claims: summary.claims.map((claim) => ({
      id: claim.id,
      url: `${pageUrl}#${claimAnchor(claim.id)}`,
      text: claim.text,
      verdict: claim.verdict,
      verdictLabel: VERDICT_LABEL[claim.verdict],
      rating: VERDICT_RATING[claim.verdict],
      explanation: claim.explanation,
      underReReview: claim.underReReview,
      submittedBy: claim.submittedBy,
      reviewedBy: claim.reviewedBy,
      verifiedBy: claim.verifiedBy,
      appearance: claim.appearance,
      citations: claim.citations,
    })),
    corrections: summary.corrections,
    versions: summary.versions.map((v) => ({ ...v, url: `${options.baseUrl}${summaryPath(summary.slug, v.version)}` })),
  };
}
