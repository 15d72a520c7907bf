import { statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkworthinessThreshold, scoreLines, scoreSentences } from "./model";
import modelFile from "./model/checkworthiness.json";
import { FEATURE_VERSION } from "./features";

const claim = "Unemployment fell to 3.9 percent in 2018, the lowest rate since 2000.";
const pleasantry = "Thank you all for being here tonight.";

describe("check-worthiness model", () => {
  it("is a small file trained for the current feature code", () => {
    expect(modelFile.featureVersion).toBe(FEATURE_VERSION);
    expect(statSync(path.join(__dirname, "model/checkworthiness.json")).size).toBeLessThan(2_000_000);
    expect(checkworthinessThreshold()).toBeGreaterThan(0);
    expect(checkworthinessThreshold()).toBeLessThan(1);
  });

  it("scores factual claims above pleasantries and opinions", () => {
    const [c, p, o, q] = scoreLines([
      claim,
      pleasantry,
      "I think we need to be a lot tougher.",
      "What are you going to do about it?",
    ]);
    expect(c).toBeGreaterThan(checkworthinessThreshold());
    expect(c).toBeGreaterThan(p + 0.3);
    expect(c).toBeGreaterThan(o);
    expect(c).toBeGreaterThan(q);
    expect(p).toBeLessThan(checkworthinessThreshold());
  });

  it("ranks quantities, dates and official actions above vague statements", () => {
    const [pardon, vague] = scoreLines([
      "The governor pardoned 14 inmates in 2019 and commuted 3 death sentences.",
      "It has been a really great evening for everyone.",
    ]);
    expect(pardon).toBeGreaterThan(vague);
  });

  it("shows a calibrated probability, with the threshold on the same scale", () => {
    expect(modelFile.calibration.a).toBeGreaterThan(0);
    const scores = scoreLines([claim, pleasantry]);
    expect(scores[0]).toBeGreaterThan(checkworthinessThreshold());
    expect(scores[1]).toBeLessThan(0.5);
  });

  it("judges a quotation introduced by a colon by its sentences, not as one long sentence", () => {
    const quote = "“Her joy was contagious. I have been around for a long time, and that was beautiful. It was a wonderful day.”";
    const [introduced] = scoreSentences([`Jared wrote warmly about the day Alice was reunited with her family:\n\n${quote}`]);
    const [fact] = scoreSentences(["Infamously, the SKIMS founder helped convince the president to pardon Johnson in 2018."]);
    expect(introduced).toBeLessThan(fact);
    expect(introduced).toBeLessThan(checkworthinessThreshold());
  });

  it("scores debate lines with their own weights where the training data set debates and articles apart", () => {
    // Domain copies (see the model README): the same features, weighted per domain.
    const lines = [claim, pleasantry, "Infamously, the SKIMS founder helped convince the president to pardon Johnson."];
    const article = scoreSentences(lines, { context: false });
    const debate = scoreSentences(lines, { context: false, domain: "debate" });
    expect(debate).not.toEqual(article);
    for (const scores of [article, debate]) expect(scores[0]).toBeGreaterThan(scores[1]);
  });

  it("is deterministic and bounded", () => {
    const sentences = [claim, pleasantry, "", "x", "The bill passed the Senate 52 to 48 on Tuesday."];
    const first = scoreSentences(sentences);
    expect(scoreSentences(sentences)).toEqual(first);
    for (const s of first) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it("uses neighbouring sentences as context unless told not to", () => {
    const sentences = ["We lost 700,000 jobs last year.", "That is true.", "Thank you."];
    const withContext = scoreSentences(sentences);
    const alone = scoreSentences(sentences, { context: false });
    expect(scoreSentences(sentences, { context: false, domain: "debate" })).toEqual(scoreLines(sentences));
    expect(withContext[1]).not.toBe(alone[1]);
  });

  it("scores a long article one score per sentence, in order, independent of batch size", () => {
    // Speed is measured by `npm run bench`, not here.
    const sentence = "The senator said the state spent $4.2 billion on roads in 2019, more than any year since 1990.";
    const article = Array.from({ length: 110 }, (_, i) => (i % 2 ? pleasantry : `${sentence} (${i})`));
    const scores = scoreLines(article);
    expect(scores).toHaveLength(article.length);
    expect(scores.slice(0, 10)).toEqual(scoreLines(article.slice(0, 10)));
    expect(scores[0]).toBeGreaterThan(scores[1]);
  });
});
