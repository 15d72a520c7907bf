import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { findConflicts } from "@/lib/extract";
import { corpusAvailable, corpusDir, readCorpus } from "@/lib/extract/test-corpus";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { submitClaim } from "@/lib/workflow";
import { createArticle } from "./articles";
import { articleCandidates, clearCandidateCaches } from "./candidates";

const AGE_63 = [
  "Alice Marie Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday.",
  "Johnson was sentenced in 1996 to life without parole for a first-time drug offense.",
  "Share this article on Facebook",
  "Sign up for our newsletter",
].join("\n\n");

const AGE_62 = [
  "Kim Kardashian lobbied the White House for clemency for Alice Marie Johnson.",
  "Johnson is 62 years old and has spent 21 years behind bars.",
  "Johnson was convicted in 1997 for her role in a cocaine ring.",
].join("\n\n");

const UNRELATED = "The city council approved a budget of 4 million dollars for road repairs on Monday. Mayor Smith, 62 years old, praised the vote.";

let db: Db;
let reporter: Actor;

async function add(title: string, body: string): Promise<number> {
  const result = await createArticle(db, reporter, { title, body, publisher: "Test Wire", sourceUrl: "https://example.com/" + encodeURIComponent(title) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

beforeEach(() => {
  clearCandidateCaches();
  db = createTestDb();
  reporter = createTestUser(db, "reporter", "Rita Reporter");
});

// The sample corpus lives beside the repo; without it these tests are skipped, and say so.
if (!corpusAvailable) console.warn(`skipping the sample-corpus conflict test of articleCandidates: ${corpusDir} not found`);
const corpusMissing = corpusAvailable ? "" : ` (skipped: ${corpusDir} not found)`;

describe("articleCandidates", () => {
  it("returns null for an article that does not exist", async () => {
    expect(await articleCandidates(db, 999)).toBeNull();
  });

  it("lists every sentence with offsets into the body, best first, boilerplate last and unscored", async () => {
    const id = await add("Freed", AGE_63);
    const candidates = (await articleCandidates(db, id))!;
    expect(candidates).toHaveLength(4);
    for (const c of candidates) expect(AGE_63.slice(c.start, c.end)).toBe(c.text);
    const content = candidates.filter((c) => !c.boilerplate);
    const chrome = candidates.filter((c) => c.boilerplate);
    expect(chrome.map((c) => c.text)).toEqual(["Share this article on Facebook", "Sign up for our newsletter"]);
    expect(chrome.every((c) => c.score === 0)).toBe(true);
    expect(candidates.slice(0, content.length)).toEqual(content);
    expect(content[0].score).toBeGreaterThanOrEqual(content[1].score);
  });

  it("flags disagreeing ages and years against the other article's sentence, from both sides", async () => {
    const a = await add("Freed", AGE_63);
    const b = await add("Lobbying", AGE_62);
    await add("Council", UNRELATED);
    const fromA = (await articleCandidates(db, a))!;
    const age = fromA.find((c) => c.text.includes("63-year-old"))!;
    expect(age.conflicts).toEqual([
      expect.objectContaining({ kind: "age", values: ["63", "62"], otherArticleId: b, otherArticleTitle: "Lobbying", otherText: "Johnson is 62 years old and has spent 21 years behind bars." }),
    ]);
    const other = age.conflicts[0];
    expect(AGE_62.slice(other.otherStart, other.otherEnd)).toBe(other.otherText);
    const year = fromA.find((c) => c.text.includes("1996"))!;
    expect(year.conflicts).toEqual([expect.objectContaining({ kind: "year", values: ["1996", "1997"], otherArticleId: b })]);

    const fromB = (await articleCandidates(db, b))!;
    expect(fromB.find((c) => c.text.includes("62 years old"))!.conflicts).toEqual([expect.objectContaining({ values: ["62", "63"], otherArticleId: a })]);
    // Mayor Smith's age is about someone else.
    expect(fromB.flatMap((c) => c.conflicts).some((c) => c.otherArticleTitle === "Council")).toBe(false);
  });

  it("sees an article added after the first comparison", async () => {
    const a = await add("Freed", AGE_63);
    expect((await articleCandidates(db, a))!.flatMap((c) => c.conflicts)).toEqual([]);
    const b = await add("Lobbying", AGE_62);
    expect((await articleCandidates(db, a))!.flatMap((c) => c.conflicts).map((c) => c.otherArticleId)).toContain(b);
  });

  it("marks the sentences claims were made from, by citation offsets or by the quote alone", async () => {
    const id = await add("Freed", AGE_63);
    const quote = "Johnson was sentenced in 1996 to life without parole for a first-time drug offense.";
    const start = AGE_63.indexOf(quote);
    const withOffsets = await submitClaim(db, reporter, {
      text: "Johnson was sentenced to life without parole in 1996.",
      articleId: id,
      citations: [{ kind: "origin", title: "Freed", url: "https://example.com/freed", quote, articleId: id, quoteStart: start, quoteEnd: start + quote.length }],
    });
    if (!withOffsets.ok) throw new Error(withOffsets.error.message);
    const byQuote = await submitClaim(db, reporter, {
      text: "Johnson walked out of prison on Wednesday.",
      articleId: id,
      citations: [{ kind: "origin", title: "Freed", url: "https://example.com/freed", quote: "walked out of prison on Wednesday", articleId: id }],
    });
    if (!byQuote.ok) throw new Error(byQuote.error.message);

    const candidates = (await articleCandidates(db, id))!;
    const claimed = Object.fromEntries(candidates.map((c) => [c.text.slice(0, 20), c.claims.map((claim) => claim.id)]));
    expect(claimed["Johnson was sentence"]).toEqual([withOffsets.value.id]);
    expect(claimed["Alice Marie Johnson,"]).toEqual([byQuote.value.id]);
    expect(claimed["Share this article o"]).toEqual([]);
    expect(candidates.find((c) => c.claims.length > 0)!.claims[0]).toMatchObject({ state: "draft" });
  });

  it.skipIf(!corpusAvailable)(`finds the same conflicts on the sample corpus as comparing all articles at once${corpusMissing}`, async () => {
    const corpus = readCorpus();
    const ids: number[] = [];
    for (const [i, article] of corpus.entries()) ids.push(await add(`Corpus ${i}`, article.body));
    const expected = findConflicts(corpus.map((article, i) => ({ id: String(ids[i]), title: `Corpus ${i}`, body: article.body })));
    const pairs = (list: Array<{ a: number; b: number; kind: string; values: string[] }>) =>
      [...new Set(list.map((c) => `${c.a}->${c.b} ${c.kind} ${c.values.join("/")}`))].sort();
    const actual: Array<{ a: number; b: number; kind: string; values: string[] }> = [];
    for (const id of ids) {
      actual.push(...(await articleCandidates(db, id))!.flatMap((c) => c.conflicts.map((conflict) => ({ a: id, b: conflict.otherArticleId, kind: conflict.kind, values: conflict.values }))));
    }
    expect(pairs(actual)).toEqual(pairs(expected.map((c) => ({ a: Number(c.articleId), b: Number(c.otherArticleId), kind: c.kind, values: c.values }))));
    expect(actual.some((c) => c.kind === "age" && c.values.join() === "62,63")).toBe(true);
    expect(actual.some((c) => c.kind === "year" && c.values.join() === "1996,1997")).toBe(true);
  });

  it("stays fast on a desk of many articles once compared", async () => {
    const a = await add("Freed", AGE_63);
    for (let i = 0; i < 300; i++) await add(`Filler ${i}`, `Filler story number ${i} about the harbour. The ferry ${i} carried ${i + 10} passengers across the bay on Tuesday.`);
    await add("Lobbying", AGE_62);
    const first = performance.now();
    await articleCandidates(db, a);
    const firstMs = performance.now() - first;
    const again = performance.now();
    const candidates = (await articleCandidates(db, a))!;
    const againMs = performance.now() - again;
    expect(candidates.flatMap((c) => c.conflicts)).toHaveLength(2);
    expect(firstMs).toBeLessThan(2_000);
    expect(againMs).toBeLessThan(50);
  });
});
