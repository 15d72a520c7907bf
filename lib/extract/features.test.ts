import { describe, expect, it } from "vitest";
import { DENSE_NAMES, denseOffset, featureNames, featurize, tokenize } from "./features";

describe("features", () => {
  it("normalises numbers by kind", () => {
    expect(tokenize("He paid $3.5 million in 2019, up 12% from 7 years ago, his 3rd try.")).toEqual([
      "he", "paid", "_money_", "million", "in", "_year_", "up", "_pct_", "from", "_num_", "years", "ago", "his", "_ord_", "try",
    ]);
  });

  it("produces the same sparse vector every time, within the declared dimension", () => {
    const space = { hashBits: 12 };
    const a = featurize("Johnson was sentenced in 1996, officials said.", { previous: "Hello." }, space);
    const b = featurize("Johnson was sentenced in 1996, officials said.", { previous: "Hello." }, space);
    expect(a).toEqual(b);
    expect(Math.max(...a.indices)).toBeLessThan(denseOffset(space) + featureNames().length);
  });

  it("fires the dense features it is named after", () => {
    const space = { hashBits: 8 };
    const offset = denseOffset(space);
    const value = (sentence: string, name: (typeof DENSE_NAMES)[number]) => {
      const x = featurize(sentence, {}, space);
      const k = x.indices.indexOf(offset + DENSE_NAMES.indexOf(name));
      return k < 0 ? 0 : x.values[k];
    };
    expect(value("Taxes rose 4 percent.", "percent")).toBe(1);
    expect(value("The court convicted him.", "official_action")).toBe(1);
    expect(value("According to the report, crime fell.", "attribution")).toBe(1);
    expect(value("It was the largest cut ever.", "comparison")).toBe(1);
    expect(value("I think we should go.", "first_person_opinion")).toBe(1);
    expect(value("Crime fell.", "first_person_opinion")).toBe(0);
    expect(value("Is that right?", "question")).toBe(1);
  });
});
