import { describe, expect, it } from "vitest";
import { createArticle } from "@/lib/articles/articles";
import { clearCandidateCaches } from "@/lib/articles/candidates";
import { submitClaim } from "@/lib/workflow/submit";
import { createDesk, originCitation, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { conflictsOfClaim } from "./conflicts";

const SENTENCE_63 = "Alice Marie Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday.";
const AGE_63 = [SENTENCE_63, "Share this article on Facebook", "She thanked the people who had written to her over the years."].join("\n\n");
const AGE_62 = ["Kim Kardashian lobbied the White House for clemency for Alice Marie Johnson.", "Johnson is 62 years old and has spent 21 years behind bars."].join("\n\n");

async function add(desk: Desk, title: string, body: string): Promise<number> {
  return unwrap(await createArticle(desk.db, desk.reporter, { title, body, publisher: "Test Wire", sourceUrl: `https://example.com/${encodeURIComponent(title)}` })).id;
}

async function claimFrom(desk: Desk, articleId: number, quote: string) {
  const start = AGE_63.indexOf(quote);
  return unwrap(
    await submitClaim(desk.db, desk.reporter, {
      text: `From the article: ${quote}`,
      articleId,
      citations: [originCitation(articleId, { quote, quoteStart: start, quoteEnd: start + quote.length })],
    }),
  );
}

describe("conflictsOfClaim", () => {
  it("says where another article disagrees with the sentence the claim quotes, and nothing for other claims", async () => {
    clearCandidateCaches();
    const desk = createDesk();
    const freed = await add(desk, "Freed", AGE_63);
    const lobbying = await add(desk, "Lobbying", AGE_62);
    const claim = await claimFrom(desk, freed, SENTENCE_63);
    const conflicts = await conflictsOfClaim(desk.db, claim);
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: "age", values: ["63", "62"], otherArticleId: lobbying, otherArticleTitle: "Lobbying", sentence: SENTENCE_63 }),
    ]);
    expect(conflicts[0]!.otherText).toContain("62 years old");

    const unrelated = await claimFrom(desk, freed, "She thanked the people who had written to her over the years.");
    expect(await conflictsOfClaim(desk.db, unrelated)).toEqual([]);
    expect(await conflictsOfClaim(desk.db, { id: claim.id, articleId: null })).toEqual([]);
  });
});
