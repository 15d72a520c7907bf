/**
 * Evaluates the committed weights (through the same code path the app uses) on
 * the held-out data: MAP over held-out CLEF 2019 transcripts and precision /
 * recall / F1 on the held-out ClaimBuster split, with baselines for comparison.
 */
import { checkworthinessThreshold, scoreLines, scoreSentences } from "../lib/extract/model";
import {
  datasetsAvailable,
  datasetsDir,
  loadSplits,
  normalizeSentence,
  seededRandom,
  type Example,
} from "./lib/checkworthiness-data";
import { averagePrecision, meanAveragePrecision, precisionRecallF1 } from "./lib/metrics";

const RANDOM_RUNS = 200;

function byTranscript(examples: Example[]): Map<string, Example[]> {
  const groups = new Map<string, Example[]>();
  for (const e of examples.filter((x) => x.source === "clef")) {
    groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  }
  return groups;
}

// A hand-written rule of the kind the model replaces: sentences with a number first.
function keywordBaseline(sentence: string): number {
  return (/\d/.test(sentence) ? 1 : 0) + (/\b(percent|million|billion)\b/i.test(sentence) ? 0.5 : 0);
}

function main() {
  if (!datasetsAvailable()) {
    console.log(`datasets not found in ${datasetsDir}, skipping evaluation`);
    return;
  }
  const { train, validation, test, heldOutFiles, leakageRemoved } = loadSplits();
  // The numbers below only mean something if no held-out sentence was trained on.
  const heldOutKeys = new Set(test.map((e) => normalizeSentence(e.text)));
  const leaked = [...train, ...validation].filter((e) => heldOutKeys.has(normalizeSentence(e.text))).length;
  if (leaked > 0) throw new Error(`${leaked} training/validation sentences also occur in the held-out data`);
  console.log(
    `Leakage check: 0 training/validation sentences share text with the held-out data ` +
      `(${leakageRemoved.train} train and ${leakageRemoved.validation} validation sentences dropped for it)`,
  );
  const transcripts = byTranscript(test);

  const model = new Map<string, { scores: number[]; labels: number[] }>();
  const keyword = new Map<string, { scores: number[]; labels: number[] }>();
  let randomMap = 0;
  const random = seededRandom(7);
  const started = performance.now();
  let sentencesScored = 0;
  for (const [file, examples] of transcripts) {
    const labels = examples.map((e) => e.label);
    model.set(file, { scores: scoreSentences(examples.map((e) => e.text)), labels });
    sentencesScored += examples.length;
    keyword.set(file, { scores: examples.map((e) => keywordBaseline(e.text)), labels });
    let sum = 0;
    for (let run = 0; run < RANDOM_RUNS; run++) sum += averagePrecision(examples.map(() => random()), labels);
    randomMap += sum / RANDOM_RUNS / transcripts.size;
  }
  const elapsed = performance.now() - started;
  const modelMap = meanAveragePrecision(model);

  console.log(`CLEF 2019 held-out transcripts (${heldOutFiles.join(", ")})`);
  for (const [file, ap] of Object.entries(modelMap.perGroup)) console.log(`  AP ${file}: ${ap.toFixed(4)}`);
  console.log(`  MAP model:            ${modelMap.map.toFixed(4)}`);
  console.log(`  MAP keyword baseline: ${meanAveragePrecision(keyword).map.toFixed(4)}`);
  console.log(`  MAP random ranking:   ${randomMap.toFixed(4)} (mean of ${RANDOM_RUNS} shuffles)`);

  const cb = test.filter((e) => e.source === "claimbuster");
  const cbLabels = cb.map((e) => e.label);
  const cbScores = scoreLines(cb.map((e) => e.text));
  const threshold = checkworthinessThreshold();
  const positiveRate = cbLabels.filter((l) => l === 1).length / cb.length;
  const at = (t: number) => {
    const r = precisionRecallF1(cbScores, cbLabels, t);
    return `P ${r.precision.toFixed(4)}  R ${r.recall.toFixed(4)}  F1 ${r.f1.toFixed(4)}`;
  };
  console.log(`ClaimBuster held-out split (${cb.length} sentences, ${(positiveRate * 100).toFixed(1)}% check-worthy)`);
  console.log(`  model @ ${threshold} (stored threshold): ${at(threshold)}`);
  console.log(`  model @ 0.5:                        ${at(0.5)}`);
  console.log(`  model AP:                           ${averagePrecision(cbScores, cbLabels).toFixed(4)}`);
  const allPositive = precisionRecallF1(cb.map(() => 1), cbLabels, 0.5);
  console.log(`  baseline "everything check-worthy": F1 ${allPositive.f1.toFixed(4)}`);
  const kw = precisionRecallF1(cb.map((e) => keywordBaseline(e.text)), cbLabels, 1);
  console.log(`  baseline "has a number":            P ${kw.precision.toFixed(4)}  R ${kw.recall.toFixed(4)}  F1 ${kw.f1.toFixed(4)}`);
  console.log(`Speed: ${((elapsed / sentencesScored) * 1000).toFixed(1)} µs per sentence`);
}

main();
