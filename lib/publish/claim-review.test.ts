import { describe, expect, it } from "vitest";
import { buildClaimReviews, jsonLdScript } from "./claim-review";
import { claimReviewProblems } from "./claim-review-check";
import { sampleSummary } from "./fixtures";
import { RATING_SCALE, VERDICT_RATING } from "./rating";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";

describe("ClaimReview JSON-LD", () => {
  const options = { baseUrl: "https://factcheck.example", orgName: "Example Fact Desk" };

  it("has one ClaimReview per claim carrying every required and recommended field", async () => {
    const summary = sampleSummary();
    const expected = {
      orgName: "Example Fact Desk",
      pageUrl: "https://factcheck.example/summaries/what-we-checked-about-the-clemency",
      claims: summary.claims.map((c) => ({ id: c.id, text: c.text, verdictLabel: VERDICT_LABEL[c.verdict] })),
    };
    expect(await claimReviewProblems(buildClaimReviews(summary, options), expected)).toEqual([]);
    // Round trip through the page's script text, as a crawler reads it.
    expect(await claimReviewProblems(JSON.parse(jsonLdScript(buildClaimReviews(summary, options))), expected)).toEqual([]);
  });

  it("the check catches a missing rating label, a wrong anchor and a missing appearance", async () => {
    const summary = sampleSummary();
    type Node = Record<string, unknown>;
    const [first, ...rest] = buildClaimReviews(summary, options) as unknown as Array<Node & { reviewRating: Node; itemReviewed: Node }>;
    const broken = {
      ...first,
      url: "https://factcheck.example/elsewhere",
      reviewRating: { ...first.reviewRating, alternateName: undefined },
      itemReviewed: { ...first.itemReviewed, appearance: undefined },
    };
    const problems = await claimReviewProblems([broken, ...rest], {
      orgName: "Example Fact Desk",
      pageUrl: "https://factcheck.example/summaries/what-we-checked-about-the-clemency",
      claims: summary.claims.map((c) => ({ id: c.id, text: c.text, verdictLabel: VERDICT_LABEL[c.verdict] })),
    });
    expect(problems.join("\n")).toMatch(/url: expected the claim's anchor/);
    expect(problems.join("\n")).toMatch(/alternateName/);
    expect(problems.join("\n")).toMatch(/itemReviewed\.appearance/);
  });

  it("falls back to the article for a claim without an origin citation, and rates on the documented scale", () => {
    const [, second] = buildClaimReviews(sampleSummary(), options) as unknown as Array<Record<string, unknown>>;
    expect(second.itemReviewed).toEqual({
      "@type": "Claim",
      appearance: { "@type": "CreativeWork", url: "https://news.example/clemency" },
      author: { "@type": "Organization", name: "Example News" },
      datePublished: "2018-06-07",
    });
    expect(second.reviewRating).toEqual({ "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: "True" });
    expect(second.dateModified).toBe("2018-06-10T09:00:00.000Z");
    for (const rating of Object.values(VERDICT_RATING)) {
      expect(rating).toBeGreaterThanOrEqual(RATING_SCALE.worst);
      expect(rating).toBeLessThanOrEqual(RATING_SCALE.best);
    }
    expect(VERDICT_RATING.false).toBeLessThan(VERDICT_RATING.mixed);
    expect(VERDICT_RATING.mixed).toBeLessThan(VERDICT_RATING.true);
  });

  it("publishes nothing for a withdrawn summary", () => {
    expect(buildClaimReviews(sampleSummary({ withdrawn: { at: "2018-06-11T00:00:00Z", reason: "Retracted." } }), options)).toEqual([]);
  });

  it("escapes the script so claim text cannot close it", () => {
    const script = jsonLdScript(buildClaimReviews(sampleSummary(), options));
    expect(script).not.toContain("</script>");
    expect(JSON.parse(script)[1].claimReviewed).toContain("</script><b>");
  });
});
