import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../lib/extract/sentences";
import { loadArticleSet, parseMarked } from "./article-set";
import { normalizeSentence } from "./checkworthiness-data";

describe("article set", () => {
  it("strips the {{ }} markers and keeps exact ranges of the marked claims", () => {
    const { text, marks } = parseMarked("Intro. {{The bill passed 52 to 48.}} Then {{it was signed.}}");
    expect(text).toBe("Intro. The bill passed 52 to 48. Then it was signed.");
    expect(marks.map(([s, e]) => text.slice(s, e))).toEqual(["The bill passed 52 to 48.", "it was signed."]);
    expect(() => parseMarked("{{unclosed")).toThrow(/unbalanced/);
  });

  it("loads the demo articles and the written ones, every label resolving to text", () => {
    const set = loadArticleSet();
    expect(set.filter((a) => a.id.startsWith("demo-"))).toHaveLength(5);
    expect(set.length).toBeGreaterThanOrEqual(20);
    for (const a of set) {
      expect(a.marks.length).toBeGreaterThan(0);
      for (const [s, e] of a.marks) expect(a.text.slice(s, e).trim().length).toBeGreaterThan(10);
    }
  });

  // The set must be ours: none of its sentences may come from the sample corpus beside the repo.
  const corpusDir = path.resolve(__dirname, "../../../shared/corpus");
  it.skipIf(!existsSync(corpusDir))(`shares no sentence with the sample corpus${existsSync(corpusDir) ? "" : " (skipped: ../shared/corpus not found)"}`, () => {
    const corpus = new Set(
      readdirSync(corpusDir)
        .filter((f) => f.endsWith(".txt"))
        .flatMap((f) => splitSentences(readFileSync(path.join(corpusDir, f), "utf8")).map((s) => normalizeSentence(s.text)))
        .filter((k) => k.split(" ").length >= 6),
    );
    const shared = loadArticleSet()
      .flatMap((a) => splitSentences(a.text).map((s) => s.text))
      .filter((s) => corpus.has(normalizeSentence(s)));
    expect(shared).toEqual([]);
  });
});
