import { describe, expect, it } from "vitest";
import { datasetsAvailable, loadSplits, normalizeSentence, removeLeakage } from "./checkworthiness-data";

const row = (text: string, id: string) => ({ text, id });

describe("normalizeSentence", () => {
  it("ignores case, punctuation, curly quotes and spacing", () => {
    expect(normalizeSentence("  We've lost 700,000 jobs -- LAST year!")).toBe("we ve lost 700 000 jobs last year");
    expect(normalizeSentence("We\u2019ve lost 700.000 jobs, last\tyear.")).toBe("we ve lost 700 000 jobs last year");
    expect(normalizeSentence("Thank you.")).toBe(normalizeSentence("thank   YOU!"));
    expect(normalizeSentence("Thank you.")).not.toBe(normalizeSentence("Thank you all."));
  });
});

describe("removeLeakage", () => {
  const splits = {
    test: [row("Our debt is $20 trillion.", "t1"), row("Thank you.", "t2")],
    validation: [
      row("our debt is $20 TRILLION", "v1"), // in test
      row("Crime is down 20 percent.", "v2"),
      row("Good evening.", "v3"),
    ],
    train: [
      row("Our debt is 20 trillion!", "a1"), // in test
      row("thank you", "a2"), // in test
      row("Crime is down 20 percent", "a3"), // in validation
      row("We will build a wall.", "a4"),
      row("We will build a wall.", "a5"), // duplicates inside train are not leakage
    ],
  };

  it("drops from validation what is in test, and from train what is in test or validation", () => {
    const out = removeLeakage(splits);
    expect(out.validation.map((e) => e.id)).toEqual(["v2", "v3"]);
    expect(out.train.map((e) => e.id)).toEqual(["a4", "a5"]);
    expect(out.removed).toEqual({ train: 3, validation: 1 });
  });

  it("leaves no normalised text on both sides and keeps the input untouched", () => {
    const out = removeLeakage(splits);
    const keys = (rows: { text: string }[]) => new Set(rows.map((e) => normalizeSentence(e.text)));
    const test = keys(splits.test);
    const validation = keys(out.validation);
    for (const e of out.validation) expect(test.has(normalizeSentence(e.text))).toBe(false);
    for (const e of out.train) {
      expect(test.has(normalizeSentence(e.text))).toBe(false);
      expect(validation.has(normalizeSentence(e.text))).toBe(false);
    }
    expect(splits.train).toHaveLength(5);
    expect(splits.validation).toHaveLength(3);
  });
});

const haveDatasets = datasetsAvailable();
if (!haveDatasets) console.warn("skipping the leakage check on the real data: ../shared/datasets not found");

describe.skipIf(!haveDatasets)(`loadSplits on ../shared/datasets${haveDatasets ? "" : " (skipped: ../shared/datasets not found)"}`, () => {
  it("shares no sentence text between train, validation and held-out data", () => {
    const splits = loadSplits();
    const test = new Set(splits.test.map((e) => normalizeSentence(e.text)));
    const validation = new Set(splits.validation.map((e) => normalizeSentence(e.text)));
    expect(splits.train.filter((e) => test.has(normalizeSentence(e.text)))).toEqual([]);
    expect(splits.validation.filter((e) => test.has(normalizeSentence(e.text)))).toEqual([]);
    expect(splits.train.filter((e) => validation.has(normalizeSentence(e.text)))).toEqual([]);
    // The two datasets do overlap (ClaimBuster samples the same 2016 debates), so
    // something must have been dropped; if nothing is, the dedupe is not running.
    expect(splits.leakageRemoved.train).toBeGreaterThan(100);
    // Held-out data itself is never thinned: whole transcripts, the whole 20% split.
    expect(splits.test.filter((e) => e.source === "claimbuster")).toHaveLength(1935);
    expect(new Set(splits.test.map((e) => e.group))).toEqual(new Set([...splits.heldOutFiles, "claimbuster"]));
  });
});
