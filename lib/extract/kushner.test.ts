import { describe, expect, it } from "vitest";
import { extractCandidates, rankCandidates } from "./candidates";
import { corpusArticle, corpusAvailable, corpusDir } from "./test-corpus";

// Issue 14's acceptance test on the Kushner memoir piece of the sample corpus (beside the repo, never in it).
if (!corpusAvailable) console.warn(`skipping the Kushner memoir ranking test: ${corpusDir} not found`);

describe.skipIf(!corpusAvailable)(`ranking of the Kushner memoir piece (${corpusDir})${corpusAvailable ? "" : " (skipped: not found)"}`, () => {
  const ranked = corpusAvailable ? rankCandidates(extractCandidates(corpusArticle("003"))) : [];
  const pardon = ranked.findIndex((c) => /helped convince .* to pardon Johnson/.test(c.text));

  it("offers no colon fragment: each introduction comes with the quotation it introduces", () => {
    expect(pardon).toBeGreaterThanOrEqual(0);
    expect(ranked.filter((c) => c.text.trimEnd().endsWith(":")).map((c) => c.text)).toEqual([]);
    const goAhead = ranked.find((c) => c.text.startsWith("Just 48 hours later, Kushner received the go-ahead from Trump:"));
    expect(goAhead?.text).toContain("Let’s do the pardon.");
    const wrote = ranked.find((c) => c.text.startsWith("He wrote:"));
    expect(wrote?.text).toContain("She knew the details backward and forward.");
  });

  // v7 ranked it 16th (the first model 17th): debate-trained word weights ("convince", "helped") pulled it
  // down. v8's domain copies keep those weights in the debate model (see lib/extract/model/README.md).
  it("puts the central pardon claim (it was a commutation) in the top five", () => {
    expect(pardon).toBeLessThan(5);
  });

  it("ranks no colon introduction above the pardon claim", () => {
    expect(ranked.slice(0, pardon).filter((c) => /:\s*\n/.test(c.text)).map((c) => c.text)).toEqual([]);
  });
});
