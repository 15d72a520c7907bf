import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findConflicts } from "@/lib/extract/conflicts";
import { DEMO_ARTICLES } from "./seed-data";

/*
 * The demo desk retells the corpus story in our own words: facts carry over, the reporters'
 * sentences do not. A run of seven words in a row shared with a corpus article is a copied phrase.
 */

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const hasCorpus = existsSync(CORPUS);
const RUN = 7;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .match(/[a-z0-9']+/g) ?? [];

function runs(text: string): Set<string> {
  const list = words(text);
  const found = new Set<string>();
  for (let i = 0; i + RUN <= list.length; i += 1) found.add(list.slice(i, i + RUN).join(" "));
  return found;
}

if (!hasCorpus) console.warn(`Skipping the demo-data wording check: ${CORPUS} is not here.`);

describe.skipIf(!hasCorpus)(`demo articles against the corpus (skipped when ${CORPUS} is absent)`, () => {
  it(`share no run of ${RUN} words with any corpus article`, () => {
    const corpusRuns = new Set<string>();
    for (const file of readdirSync(CORPUS)) for (const run of runs(readFileSync(path.join(CORPUS, file), "utf8"))) corpusRuns.add(run);
    const copied = DEMO_ARTICLES.flatMap((article) =>
      [article.title, ...article.body.split("\n\n")].filter((sentence) => [...runs(sentence)].some((run) => corpusRuns.has(run))),
    );
    expect(copied).toEqual([]);
  });
});

describe("demo articles", () => {
  it("disagree on her age and the year of her sentence, and the desk flags both", () => {
    const conflicts = findConflicts(DEMO_ARTICLES.map((article) => ({ id: article.key, title: article.title, body: article.body })));
    const pairs = conflicts.map((conflict) => `${conflict.kind} ${conflict.values.join("/")}`);
    expect(pairs).toEqual(expect.arrayContaining(["age 62/63", "age 63/62", "year 1997/1996", "year 1996/1997"]));
  });

  it("call the act a pardon in one report and a commutation in another", () => {
    const text = DEMO_ARTICLES.map((article) => article.body).join("\n");
    expect(text).toMatch(/\bpardon\b/);
    expect(text).toMatch(/\bcommutation\b/);
  });
});
