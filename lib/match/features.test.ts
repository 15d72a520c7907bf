import { describe, expect, it } from "vitest";
import { analyze, cosine, FEATURE_NAMES, featureVectors, gramVector, tfidfVector } from "./features";
import { matchingModel } from "./model";

describe("a pair's features", () => {
  it("come as one value per FEATURE_NAMES entry, in its order", () => {
    const { idf } = matchingModel();
    const query = analyze("Bill Gates wants 5 microchips in every vaccine", idf);
    const claim = analyze("Bill Gates plans to put microchips in coronavirus vaccines.", idf);
    const title = analyze("Is Bill Gates Putting Microchips in COVID-19 Vaccines?", idf);
    const other = analyze("Half of the koalas died in 2 bushfires.", idf);
    const [match, miss] = featureVectors(query, [
      { claim, title, retrieved: { bm25: 8, rank: 0 } },
      { claim: other, title: null, retrieved: { bm25: 2, rank: 1 } },
    ]);
    expect(match).toHaveLength(FEATURE_NAMES.length);
    const at = (v: number[], name: (typeof FEATURE_NAMES)[number]) => v[FEATURE_NAMES.indexOf(name)];
    expect(at(match, "bm25")).toBe(8);
    expect(at(match, "inv_rank")).toBe(1);
    expect(at(miss, "inv_rank")).toBe(0.5);
    expect(at(match, "bm25_rel_top")).toBe(1);
    expect(at(miss, "bm25_title")).toBe(0);
    expect(at(match, "char_cos_claim")).toBeGreaterThan(at(miss, "char_cos_claim"));
    expect(at(match, "names_covered")).toBeGreaterThan(0);
    expect(at(miss, "numbers_clash")).toBe(1);
    expect(at(match, "log_claim_words")).toBeCloseTo(Math.log1p(claim.stems.size));
  });

  it("read character-gram cosines of unit vectors, leaving nothing behind for the next pair", () => {
    const { idf } = matchingModel();
    const v = (text: string) => gramVector(tfidfVector(text, idf));
    const gates = v("Bill Gates plans microchips");
    expect(cosine(gates, gates)).toBeCloseTo(1, 12);
    expect(cosine(gates, v("Bill Gates microchips in vaccines"))).toBeGreaterThan(0.4);
    expect(cosine(v("zzzz qqqq"), v("xxxx yyyy"))).toBe(0);
    expect(cosine(v("xxxx yyyy"), gates)).toBe(0);
  });
});
