import { describe, expect, it } from "vitest";
import { analyse, analyseAll, DENSE_NAMES, denseOffset, featureNames, featurize, featurizeDocument, tokenize } from "./features";

describe("features", () => {
  it("normalises numbers by kind", () => {
    expect(tokenize("He paid $3.5 million in 2019, up 12% from 7 years ago, his 3rd try.")).toEqual([
      "he", "paid", "_cur_", "_num_", "million", "in", "_year_", "up", "_num_", "_pct_", "from", "_num_", "years", "ago", "his", "_ord_", "try",
    ]);
  });

  it("reads part-of-speech tags with wink and number-like entities from its token types", () => {
    const a = analyse("The governor commuted 12 sentences on March 3, 2024, saving $2 million, or 5 percent, in 10 days.");
    expect(a.pos.slice(0, 4)).toEqual(["DET", "NOUN", "VERB", "NUM"]);
    expect(a.entities).toEqual(["CARDINAL", "DATE", "DATE", "MONEY", "PERCENT", "DURATION"]);
  });

  it("reads a document in one pass and gives each sentence its own tokens", () => {
    const [first, second] = analyseAll(["Taxes rose 4 percent.", "“She knew the details,” he wrote."]);
    expect(first.tokens).toEqual(["taxes", "rose", "_num_", "percent"]);
    expect(second.tokens).toEqual(["she", "knew", "the", "details", "he", "wrote"]);
  });

  it("produces the same sparse vector every time, within the declared dimension", () => {
    const space = { hashBits: 12 };
    const a = featurize("Johnson was sentenced in 1996, officials said.", { previous: "Hello." }, space);
    const b = featurize("Johnson was sentenced in 1996, officials said.", { previous: "Hello." }, space);
    expect(a).toEqual(b);
    expect(Math.max(...a.indices)).toBeLessThan(denseOffset(space) + featureNames().length);
    const doc = (): unknown => featurizeDocument(["Hello.", "Johnson was sentenced in 1996, officials said."], {}, space);
    expect(doc()).toEqual(doc());
  });

  it("fires the dense features it is named after", () => {
    const space = { hashBits: 8 };
    const offset = denseOffset(space);
    const value = (sentence: string, name: (typeof DENSE_NAMES)[number]) => {
      const x = featurize(sentence, {}, space);
      const k = x.indices.indexOf(offset + DENSE_NAMES.indexOf(name));
      return k < 0 ? 0 : x.values[k];
    };
    expect(value("Taxes rose 4 percent.", "entity_percent")).toBe(1);
    expect(value("The court convicted him.", "official_action")).toBe(1);
    expect(value("She helped convince the president to pardon Johnson.", "official_action")).toBe(1);
    expect(value("According to the report, crime fell.", "attribution")).toBe(1);
    expect(value("It was the largest cut ever.", "comparison")).toBe(1);
    expect(value("I think we should go.", "first_person_opinion")).toBe(1);
    expect(value("Crime fell.", "first_person_opinion")).toBe(0);
    expect(value("Is that right?", "question")).toBe(1);
    expect(value("“She knew the details.”", "opens_with_quote")).toBe(1);
    expect(value("Alice Johnson met Kim Kardashian.", "has_proper_noun")).toBe(1);
  });
});
