import { describe, expect, it } from "vitest";
import { publishSummary, withdrawSummary } from "./publish";
import { robotsRules, sitemapEntries } from "./sitemap";
import { createPublishDesk, unwrap } from "./test-helpers";

describe("sitemap and robots", () => {
  it("lists each standing summary with its last change, and drops it once withdrawn", async () => {
    const desk = createPublishDesk();
    await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
    const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Her sentence, checked", introduction: "What the record says." }));
    const entries = sitemapEntries(desk.db, "https://factcheck.example");
    expect(entries).toEqual([
      expect.objectContaining({ url: "https://factcheck.example/summaries", lastModified: summary.updatedAt }),
      expect.objectContaining({ url: `https://factcheck.example/summaries/${summary.slug}`, lastModified: summary.updatedAt }),
    ]);
    unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "Misread the record." }));
    expect(sitemapEntries(desk.db, "https://factcheck.example").map((e) => e.url)).toEqual(["https://factcheck.example/summaries"]);
  });

  it("robots keeps crawlers to the public side and names the sitemap", () => {
    const robots = robotsRules("https://factcheck.example");
    expect(robots.sitemap).toBe("https://factcheck.example/sitemap.xml");
    expect(robots.rules).toEqual([expect.objectContaining({ disallow: ["/"], allow: expect.arrayContaining(["/summaries"]) })]);
  });
});
