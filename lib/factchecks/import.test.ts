import { describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { importJsonLd, importSource, listFactchecks } from "@/lib/factchecks";
import { matchText } from "@/lib/match";

function review(n: number, overrides: Record<string, unknown> = {}) {
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `https://factcheck.example/reviews/${n}`,
    claimReviewed: `Claim number ${n} about the harbour bridge toll`,
    headline: `Did the toll rise ${n} times?`,
    datePublished: "2024-03-01",
    author: { "@type": "Organization", name: "Example Checks", url: "https://factcheck.example" },
    reviewRating: { "@type": "Rating", ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: "Mostly false" },
    itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "A. Mayor" }, datePublished: "2024-02-20", appearance: [{ "@type": "CreativeWork", url: "https://news.example/a" }] },
    ...overrides,
  };
}

function row(db: ReturnType<typeof createTestDb>, url: string) {
  return db.$client.prepare("SELECT * FROM factchecks WHERE url = ?").get(url) as Record<string, unknown> | undefined;
}

describe("importing ClaimReview JSON-LD", () => {
  it("stores one ClaimReview with every field the issue names", () => {
    const db = createTestDb();
    expect(importJsonLd(db, null, review(1))).toEqual({ imported: 1, updated: 0, skipped: 0, errors: [] });
    expect(row(db, "https://factcheck.example/reviews/1")).toMatchObject({
      claim_reviewed: "Claim number 1 about the harbour bridge toll",
      headline: "Did the toll rise 1 times?",
      rating: "Mostly false",
      rating_value: "2",
      best_rating: "5",
      worst_rating: "1",
      author: "Example Checks",
      author_url: "https://factcheck.example",
      date_published: "2024-03-01",
      appearance_url: "https://news.example/a",
      claim_author: "A. Mayor",
      claim_date: "2024-02-20",
    });
  });

  it("reads an array, a DataFeed's dataFeedElement[].item[] and an @graph, and falls back to name for the headline", () => {
    const db = createTestDb();
    const { headline: _, ...noHeadline } = review(3);
    const feed = {
      "@context": "https://schema.org",
      "@type": "DataFeed",
      dataFeedElement: [
        { "@type": "DataFeedItem", item: [review(1), review(2)] },
        { "@type": "DataFeedItem", item: { ...noHeadline, name: "Named, not headlined" } },
      ],
    };
    expect(importJsonLd(db, null, feed).imported).toBe(3);
    expect(row(db, "https://factcheck.example/reviews/3")?.headline).toBe("Named, not headlined");
    expect(importJsonLd(db, null, [review(4), review(5)]).imported).toBe(2);
    expect(importJsonLd(db, null, { "@context": "https://schema.org", "@graph": [review(6)] }).imported).toBe(1);
    expect(listFactchecks(db).total).toBe(6);
  });

  it("reads the JSON-LD blocks of an HTML page and reports a broken block where it stood", () => {
    const db = createTestDb();
    const html = `<!doctype html><html><head><title>A check</title>
      <script type="application/ld+json">${JSON.stringify(review(1))}</script>
      <script type="application/ld+json">{ not json</script>
      <script>var notJsonLd = 1;</script>
      </head><body><script type="application/ld+json">${JSON.stringify([review(2), { "@type": "WebPage", name: "x" }])}</script></body></html>`;
    const report = importSource(db, null, html);
    expect(report.imported).toBe(2);
    expect(report.errors).toEqual([
      { index: 1, message: expect.stringContaining("JSON-LD block 2 of the page: Not valid JSON") },
      { index: 3, message: "A WebPage, not a ClaimReview." },
    ]);
  });

  it("reports bad items one by one with their index and still stores the rest", () => {
    const db = createTestDb();
    const report = importJsonLd(db, null, [
      review(1),
      { ...review(2), url: undefined },
      { ...review(3), claimReviewed: "   " },
      "just a string",
      { ...review(5), url: "javascript:alert(1)" },
      review(6),
    ]);
    expect(report).toEqual({
      imported: 2,
      updated: 0,
      skipped: 0,
      errors: [
        { index: 1, message: "The ClaimReview has no url (the archive's key)." },
        { index: 2, message: "claimReviewed is missing or empty." },
        { index: 3, message: "Not a JSON object." },
        { index: 4, message: expect.stringContaining("is not an http(s) address") },
      ],
    });
    expect(listFactchecks(db).total).toBe(2);
  });

  it("is keyed by url: importing again updates a changed review, skips an unchanged one, and the search index follows", () => {
    const db = createTestDb();
    importJsonLd(db, null, [review(1), review(2)]);
    const again = importJsonLd(db, null, [review(1), review(2, { claimReviewed: "The ferry fare doubled overnight", reviewRating: { alternateName: "False" } })]);
    expect(again).toEqual({ imported: 0, updated: 1, skipped: 1, errors: [] });
    expect(listFactchecks(db).total).toBe(2);
    expect(row(db, "https://factcheck.example/reviews/2")).toMatchObject({ claim_reviewed: "The ferry fare doubled overnight", rating: "False" });
    expect(listFactchecks(db, { q: "ferry fare" }).items.map((i) => i.url)).toEqual(["https://factcheck.example/reviews/2"]);
    expect(matchText(db, "ferry fare doubled overnight!", { sources: ["archive"] })[0]?.url).toBe("https://factcheck.example/reviews/2");
  });

  it("explains text that is neither JSON nor a page with JSON-LD, and changes nothing", () => {
    const db = createTestDb();
    expect(importSource(db, null, "claimReviewed,url\nx,y").errors[0].message).toMatch(/^Not valid JSON/);
    expect(importSource(db, null, "<html><body>No data</body></html>").errors).toEqual([{ index: 0, message: 'The page carries no <script type="application/ld+json"> block.' }]);
    expect(listFactchecks(db).total).toBe(0);
  });
});
