import { describe, expect, it } from "vitest";
import { onEveryEngine } from "@/lib/testing/engines";
import { publishSummary, withdrawSummary } from "./publish";
import { robotsRules, sitemapEntries } from "./sitemap";
import { createPublishDeskOn, unwrap } from "./test-helpers";

// The sitemap lists every summary: this block's database has only this test's.
onEveryEngine("the sitemap", (database) => {
  it("lists each standing summary with its last change, and drops it once withdrawn", async () => {
    const desk = await createPublishDeskOn(database());
    await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
    const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Her sentence, checked", introduction: "What the record says." }));
    const entries = await sitemapEntries(desk.db, "https://factcheck.example");
    expect(entries).toEqual([
      expect.objectContaining({ url: "https://factcheck.example/summaries", lastModified: summary.updatedAt }),
      expect.objectContaining({ url: `https://factcheck.example/summaries/${summary.slug}`, lastModified: summary.updatedAt }),
    ]);
    unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "Misread the record." }));
    expect((await sitemapEntries(desk.db, "https://factcheck.example")).map((e) => e.url)).toEqual(["https://factcheck.example/summaries"]);
  });
});

describe("robots", () => {
  it("robots keeps crawlers to the public side and names the sitemap", () => {
    const robots = robotsRules("https://factcheck.example");
    expect(robots.sitemap).toBe("https://factcheck.example/sitemap.xml");
    expect(robots.rules).toEqual([expect.objectContaining({ disallow: ["/"], allow: expect.arrayContaining(["/summaries"]) })]);
  });
});
