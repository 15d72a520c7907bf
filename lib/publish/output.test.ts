import { parseHTML } from "linkedom";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { summaryToJson } from "./export";
import { buildSummariesFeed } from "./feed";
import { sampleSummary } from "./fixtures";
import { escapeMarkdown, summaryToMarkdown } from "./markdown";

const options = { baseUrl: "https://factcheck.example", orgName: "Example Fact Desk" };

/** What a feed reader shows for an Atom `type="html"` construct: the HTML rendered, as text and elements. */
function asReaderShows(html: string | undefined): { text: string; elements: string[] } {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  document.body.innerHTML = html ?? "";
  return { text: document.body.textContent ?? "", elements: [...document.body.querySelectorAll("*")].map((e) => e.tagName.toLowerCase()) };
}

describe("Atom feed", () => {
  it("parses with rss-parser, one entry per summary, withdrawn ones saying so", async () => {
    const xml = buildSummariesFeed(
      [sampleSummary(), sampleSummary({ slug: "gone", title: "Gone", withdrawn: { at: "2018-06-12T00:00:00.000Z", reason: "Source retracted." } })],
      options,
    );
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe("Example Fact Desk fact-checks");
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(asReaderShows(first.title)).toEqual({ text: "What we checked about the clemency <script>", elements: [] });
    expect(first.link).toBe("https://factcheck.example/summaries/what-we-checked-about-the-clemency");
    expect(first.content).toContain("Misleading");
    expect(first.content).toContain("under re-review");
    expect(first.content).not.toContain("</script><b>");
    expect(second.title).toBe("Withdrawn: Gone");
    // Atom <published> is the first publication; <updated> moves with corrections and withdrawal.
    expect(second.isoDate).toBe("2018-06-08T09:00:00.000Z");
    expect(xml).toContain("<updated>2018-06-12T00:00:00.000Z</updated>");
  });

  it("carries editors' markup as the literal words the page shows, never as live HTML", async () => {
    const title = "Kushner <img src=x onerror=alert(1)>";
    const introduction = "Intro <img src=y onerror=alert(2)> & “quotes”.";
    const reason = "<script>alert(3)</script> The source retracted.";
    const xml = buildSummariesFeed(
      [sampleSummary({ title, introduction }), sampleSummary({ slug: "gone", title, withdrawn: { at: "2018-06-12T00:00:00.000Z", reason } })],
      options,
    );
    expect(xml).not.toMatch(/<(img|script)\b/i);
    const [live, withdrawn] = (await new Parser().parseString(xml)).items;
    expect(asReaderShows(live.title)).toEqual({ text: title, elements: [] });
    expect(asReaderShows(live.summary)).toEqual({ text: `2 claims checked (Misleading, True). ${introduction}`, elements: [] });
    expect(asReaderShows(live.content).text).toContain(introduction);
    expect(asReaderShows(live.content).elements).not.toContain("img");
    expect(asReaderShows(withdrawn.title)).toEqual({ text: `Withdrawn: ${title}`, elements: [] });
    expect(asReaderShows(withdrawn.summary)).toEqual({ text: `Withdrawn: ${reason}`, elements: [] });
    expect(asReaderShows(withdrawn.content).elements).not.toContain("script");
  });

  it("leaves quotes and apostrophes as they are in titles, for readers that show the title's text undecoded", async () => {
    const title = "The bridge's cost, \"checked\"";
    const [entry] = (await new Parser().parseString(buildSummariesFeed([sampleSummary({ title })], options))).items;
    expect(entry.title).toBe(title);
  });

  it("keeps a title with ]]> inside its entry instead of ending the CDATA section early", async () => {
    const title = "Odd ]]> title ]]><injected/>";
    const xml = buildSummariesFeed([sampleSummary({ title })], options);
    expect(xml).not.toContain("<injected");
    const [entry] = (await new Parser().parseString(xml)).items;
    expect(asReaderShows(entry.title).text).toBe(title);
  });

  it("is a valid empty feed when nothing is published", async () => {
    const feed = await new Parser().parseString(buildSummariesFeed([], options));
    expect(feed.items).toEqual([]);
  });
});

describe("Markdown export", () => {
  it("carries verdicts, sources with quotes, sign-offs, corrections and permalinks", () => {
    const md = summaryToMarkdown(sampleSummary(), options);
    expect(md).toMatch(/^# What we checked about the clemency \\<script\\>/);
    expect(md).toContain("## Misleading: President Trump pardoned Alice Johnson.");
    expect(md).toContain("[Clemency grants, U.S. Department of Justice](<https://www.justice.gov/pardon/clemency-grants>) (supports)");
    expect(md).toContain("  > Commutation of sentence: Alice Marie Johnson, June 6, 2018.");
    expect(md).toContain("*Reviewed by Eddie Okafor on 2018-06-07, verified by Elena Marsh on 2018-06-07.*");
    expect(md).toContain("**Under re-review:**");
    expect(md).toContain("## Corrections");
    expect(md).toContain("- **2018-06-10, version 2:** Her age was 63, not 62.");
    expect(md).toContain("(https://factcheck.example/summaries/what-we-checked-about-the-clemency#claim-11)");
  });

  it("escapes Markdown in claim text", () => {
    expect(escapeMarkdown("[click](javascript:alert(1)) *bold* <b>")).toBe("\\[click\\](javascript:alert(1)) \\*bold\\* \\<b\\>");
  });
});

describe("JSON export", () => {
  it("has absolute URLs, labels, ratings and live re-review state", () => {
    const json = summaryToJson(sampleSummary(), options);
    expect(json.url).toBe("https://factcheck.example/summaries/what-we-checked-about-the-clemency");
    expect(json.versions.map((v) => v.url)).toEqual([
      "https://factcheck.example/summaries/what-we-checked-about-the-clemency/v/1",
      "https://factcheck.example/summaries/what-we-checked-about-the-clemency/v/2",
    ]);
    expect(json.claims[0]).toMatchObject({ verdict: "misleading", verdictLabel: "Misleading", rating: 2, underReReview: false });
    expect(json.claims[1]).toMatchObject({ url: expect.stringMatching(/#claim-12$/), underReReview: true });
  });
});
