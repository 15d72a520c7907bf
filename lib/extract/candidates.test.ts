import { describe, expect, it } from "vitest";
import { extractCandidates, rankCandidates } from "./candidates";
import { corpusArticle, corpusAvailable, corpusDir, readCorpus } from "./test-corpus";

const text = [
  "Skip to content",
  "",
  "Unemployment fell to 3.9 percent in 2018, the lowest rate since 2000, the Labor Department said.",
  "",
  "Thank you all for being here tonight.",
  "",
  "Sign up for our newsletter",
].join("\n");

describe("extractCandidates", () => {
  it("returns every sentence with offsets, scores and boilerplate flags", () => {
    const candidates = extractCandidates(text);
    expect(candidates.map((c) => [c.text, c.boilerplate])).toEqual([
      ["Skip to content", true],
      ["Unemployment fell to 3.9 percent in 2018, the lowest rate since 2000, the Labor Department said.", false],
      ["Thank you all for being here tonight.", false],
      ["Sign up for our newsletter", true],
    ]);
    for (const c of candidates) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(candidates[0].score).toBe(0);
    expect(candidates[1].score).toBeGreaterThan(candidates[2].score);
  });

  it("ranks only real sentences, best first", () => {
    const ranked = rankCandidates(extractCandidates(text));
    expect(ranked.map((c) => c.text)).toEqual([
      "Unemployment fell to 3.9 percent in 2018, the lowest rate since 2000, the Labor Department said.",
      "Thank you all for being here tonight.",
    ]);
  });

  it("drops a scraped dateline glued to the first sentence from the candidate", () => {
    const body = "date 2022-08-02 The council approved 12 new schools.";
    const [c] = extractCandidates(body);
    expect(c.text).toBe("The council approved 12 new schools.");
    expect(body.slice(c.start, c.end)).toBe(c.text);
  });

  it("attaches conflicts with related articles to the sentences they concern", () => {
    const candidates = extractCandidates("Officials said Smith was convicted in 2004. The weather was fine.", {
      id: "a",
      related: [{ id: "b", title: "", body: "Smith was convicted in 2005 of fraud." }],
    });
    expect(candidates[0].conflicts).toHaveLength(1);
    expect(candidates[0].conflicts[0]).toMatchObject({ articleId: "a", otherArticleId: "b", values: ["2004", "2005"] });
    expect(candidates[1].conflicts).toEqual([]);
  });
});

if (!corpusAvailable) console.warn(`skipping the candidate tests on the sample corpus: ${corpusDir} not found`);

describe.skipIf(!corpusAvailable)(`candidates in the sample corpus (${corpusDir})${corpusAvailable ? "" : ` (skipped: ${corpusDir} not found)`}`, () => {
  it("puts a dated, legal claim near the top of article 001", () => {
    const top = rankCandidates(extractCandidates(corpusArticle("001"))).slice(0, 5).map((c) => c.text);
    expect(top).toContain("In 1997, Johnson was convicted for her role in a multimillion-dollar cocaine ring.");
    expect(top).not.toContain("But she has something serious on her mind.");
  });

  it("never offers the donation appeal of article 004", () => {
    const ranked = rankCandidates(extractCandidates(corpusArticle("004")));
    expect(ranked.some((c) => /support our work|republish|Internet Explorer/i.test(c.text))).toBe(false);
  });

  it("marks the corpus age conflict on the right sentence", () => {
    const [first, ...others] = readCorpus().filter((a) => ["001", "003"].includes(a.id));
    const candidates = extractCandidates(first.body, { id: first.id, related: others });
    const withConflict = candidates.filter((c) => c.conflicts.length > 0);
    expect(withConflict.map((c) => c.conflicts[0].kind)).toContain("age");
    expect(withConflict.find((c) => c.conflicts[0].kind === "age")?.text).toContain("62-year-old");
  });
});
