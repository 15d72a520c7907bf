import { beforeEach, describe, expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { submitClaim, transitionClaim } from "@/lib/workflow";
import { citation as supportCitation, createDeskOn, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { eq } from "drizzle-orm";
import { summaryToJson } from "./export";
import { buildSummariesFeed } from "./feed";
import { summaryToMarkdown } from "./markdown";
import { publishSummary } from "./publish";
import { getPublicSummary } from "./queries";
import { isDeskReference, publicLink, withoutDeskReferences } from "./public-view";
import { buildClaimReviews } from "./claim-review";

describe("desk references", () => {
  it("finds and removes the desk's references to its own records, leaving the rest of the text", () => {
    expect(isDeskReference("Factdesk article #6")).toBe(true);
    expect(isDeskReference("(Factdesk article #6)")).toBe(true);
    expect(isDeskReference("factdesk claim no. 12")).toBe(true);
    expect(isDeskReference("Article 6 of the constitution")).toBe(false);
    expect(isDeskReference("Case #6 of the court")).toBe(false);
    expect(withoutDeskReferences("Evening Courier (Factdesk article #6)")).toBe("Evening Courier");
    expect(withoutDeskReferences("As the report (Factdesk article #6) says, she was 63.")).toBe("As the report says, she was 63.");
    expect(withoutDeskReferences("Factdesk article #6")).toBe("");
    expect(withoutDeskReferences("Nothing to see")).toBe("Nothing to see");
  });

  it("drops links to desk pages and unfollowable ones, keeps other sites' addresses", () => {
    expect(publicLink("https://factcheck.example/articles/6", "https://factcheck.example")).toBeNull();
    expect(publicLink("http://localhost:3000/claims/12")).toBeNull();
    expect(publicLink("/articles/6")).toBeNull();
    expect(publicLink("javascript:alert(1)")).toBeNull();
    expect(publicLink("https://factcheck.example/summaries/x", "https://factcheck.example")).toBe("https://factcheck.example/summaries/x");
    expect(publicLink("https://news.example/articles/6", "https://factcheck.example")).toBe("https://news.example/articles/6");
    expect(publicLink(null)).toBeNull();
  });
});

onEveryEngine("a claim whose article has no URL, published", (database) => {
  let desk: Desk;
  beforeEach(async () => {
    desk = await createDeskOn(database());
    const { articles } = tablesOf(desk.db);
    // What the desk's submit form fills in for an article without an address (claims/new/page.tsx).
    await desk.db.update(articles).set({ sourceUrl: null, publisher: "Evening Courier", publishedAt: "2018-06-07" }).where(eq(articles.id, desk.articleId));
    const submitted = unwrap(
      await submitClaim(desk.db, desk.reporter, {
        text: "She was 63 when she was released in 2018.",
        articleId: desk.articleId,
        citations: [
          {
            kind: "origin",
            title: "Clemency for a grandmother",
            documentRef: `Factdesk article #${desk.articleId}`,
            quote: "She was 63 when she was released.",
            articleId: desk.articleId,
          },
        ],
      }),
    );
    const reviewed = unwrap(
      await transitionClaim(desk.db, desk.editorA, submitted.id, { action: "review", note: "Checked.", citationIds: submitted.citations.map((c) => c.id), expectedVersion: submitted.version }),
    );
    unwrap(
      await transitionClaim(desk.db, desk.editorB, reviewed.id, {
        action: "verify",
        verdict: "mixed",
        note: "Court papers give 62 at the time (see Factdesk article #99).",
        citations: [supportCitation({ title: "Court record", url: "https://court.example/case/1", quote: "Born 1955." })],
        expectedVersion: reviewed.version,
      }),
    );
    unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Her age, checked", introduction: "Reports disagreed on her age." }));
  }, 60_000);

  it("every public output names the publisher and date instead, and none carries the desk reference", async () => {
    const { citations } = tablesOf(desk.db);
    const stored = await desk.db.select({ documentRef: citations.documentRef }).from(citations);
    expect(stored.map((c) => c.documentRef)).toContain(`Factdesk article #${desk.articleId}`); // the desk keeps its reference
    const summary = (await getPublicSummary(desk.db, "her-age-checked"))!;
    const [claim] = summary.claims;
    expect(claim.appearance).toMatchObject({ url: null, title: "Clemency for a grandmother", publisher: "Evening Courier", datePublished: "2018-06-07" });
    expect(claim.citations.find((c) => c.kind === "origin")?.documentRef).toBeNull();
    expect(claim.explanation).toBe("Court papers give 62 at the time.");
    const options = { baseUrl: "https://factcheck.example", orgName: "Factdesk" };
    const outputs = {
      json: JSON.stringify(summaryToJson(summary, options)),
      markdown: summaryToMarkdown(summary, options),
      feed: buildSummariesFeed([summary], options),
      jsonLd: JSON.stringify(buildClaimReviews(summary, options)),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toMatch(/Factdesk article/i);
      expect(text, name).not.toMatch(/#99\b/);
    }
    expect(outputs.jsonLd).toContain('"author":{"@type":"Organization","name":"Evening Courier"}');
    expect(outputs.jsonLd).toContain('"datePublished":"2018-06-07"');
    expect(JSON.parse(outputs.json).article).not.toHaveProperty("id");
  });
});
