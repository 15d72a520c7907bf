/**
 * Trains the check-worthiness model from ../shared/datasets and writes
 * lib/extract/model/checkworthiness.json. Deterministic: rerunning it writes
 * the same bytes. Hyper-parameters are chosen on a validation split carved out
 * of the training data; the held-out split is only ever read by the eval script,
 * and no training or validation sentence has the text of a held-out one
 * (removeLeakage in scripts/lib/checkworthiness-data.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dimension, FEATURE_VERSION, featureNames, featurize, denseOffset, type SparseVector } from "../lib/extract/features";
import { encodeHashed, type CheckworthinessModelFile } from "../lib/extract/model-format";
import { datasetsAvailable, datasetsDir, loadSplits, SPLIT_SEED, type Example } from "./lib/checkworthiness-data";
import { predict, trainLogistic, type LinearModel } from "./lib/logistic";
import { averagePrecision, bestF1Threshold, meanAveragePrecision, precisionRecallF1 } from "./lib/metrics";

const TRAIN_SEED = 42;
const HASH_BITS = Number(process.env.HASH_BITS ?? 18);
const outputPath = path.resolve(__dirname, "../lib/extract/model/checkworthiness.json");

interface Config {
  l2: number;
  learningRate: number;
  clefWeight: number;
  clefPositiveWeight: number;
  epochs: number;
}

function sampleWeights(examples: Example[], config: Config): number[] {
  return examples.map((e) =>
    e.source === "clef" ? config.clefWeight * (e.label === 1 ? config.clefPositiveWeight : 1) : 1,
  );
}

function evaluate(model: LinearModel, examples: Example[], vectors: SparseVector[]) {
  const clef = new Map<string, { scores: number[]; labels: number[] }>();
  const cb = { scores: [] as number[], labels: [] as number[] };
  examples.forEach((e, i) => {
    const score = predict(model, vectors[i]);
    const target = e.source === "clef" ? clef.get(e.group) ?? { scores: [], labels: [] } : cb;
    target.scores.push(score);
    target.labels.push(e.label);
    if (e.source === "clef") clef.set(e.group, target);
  });
  const clefMap = meanAveragePrecision(clef).map;
  const cbAp = averagePrecision(cb.scores, cb.labels);
  const threshold = bestF1Threshold(cb.scores, cb.labels);
  return { clefMap, cbAp, threshold, cbF1: precisionRecallF1(cb.scores, cb.labels, threshold).f1, objective: (clefMap + cbAp) / 2 };
}

function main() {
  if (!datasetsAvailable()) {
    console.log(`datasets not found in ${datasetsDir}, skipping training`);
    return;
  }
  const space = { hashBits: HASH_BITS };
  const splits = loadSplits();
  const vectorize = (examples: Example[]) => examples.map((e) => featurize(e.text, e.context, space));
  const trainX = vectorize(splits.train);
  const validationX = vectorize(splits.validation);
  const trainY = splits.train.map((e) => e.label);
  console.log(
    `train ${splits.train.length}, validation ${splits.validation.length} (files ${splits.validationFiles.join(", ")}), ` +
      `held out ${splits.test.length} (files ${splits.heldOutFiles.join(", ")}); ` +
      `dropped as leakage: ${splits.leakageRemoved.train} train, ${splits.leakageRemoved.validation} validation`,
  );

  const grid: Omit<Config, "epochs">[] = [];
  for (const l2 of [1e-4, 1e-3, 3e-3, 1e-2])
    for (const clefWeight of [1, 2])
      for (const clefPositiveWeight of [1, 4])
        grid.push({ l2, learningRate: 0.1, clefWeight, clefPositiveWeight });

  let best: { config: Config; result: ReturnType<typeof evaluate> } | undefined;
  for (const base of grid) {
    trainLogistic(trainX, trainY, sampleWeights(splits.train, { ...base, epochs: 0 }), {
      dimension: dimension(space),
      epochs: 12,
      learningRate: base.learningRate,
      l2: base.l2,
      seed: TRAIN_SEED,
      onEpoch: (epochs, model) => {
        const result = evaluate(model, splits.validation, validationX);
        if (!best || result.objective > best.result.objective) best = { config: { ...base, epochs }, result };
        if (process.env.VERBOSE) console.log(JSON.stringify({ ...base, epochs }), fmt(result));
      },
    });
  }
  if (!best) throw new Error("no configuration trained");
  console.log("chosen", JSON.stringify(best.config), fmt(best.result));

  const all = [...splits.train, ...splits.validation];
  const final = trainLogistic(
    [...trainX, ...validationX],
    all.map((e) => e.label),
    sampleWeights(all, best.config),
    { dimension: dimension(space), epochs: best.config.epochs, learningRate: best.config.learningRate, l2: best.config.l2, seed: TRAIN_SEED },
  );

  const offset = denseOffset(space);
  const round = (x: number) => Number(x.toFixed(6));
  const file: CheckworthinessModelFile = {
    name: "factdesk-checkworthiness-logreg",
    featureVersion: FEATURE_VERSION,
    hashBits: HASH_BITS,
    threshold: best.result.threshold,
    bias: round(final.bias),
    dense: Object.fromEntries(featureNames().map((name, i) => [name, round(final.weights[offset + i])])),
    ...encodeHashed(final.weights.subarray(0, offset)),
    training: {
      data: ["claimbuster-groundtruth-2class.json", "CT19-T1-Training.csv"],
      examples: all.length,
      heldOutClefFiles: splits.heldOutFiles,
      validationClefFiles: splits.validationFiles,
      claimbusterSplit: { seed: SPLIT_SEED, test: 0.2, validation: 0.1 },
      // Sentences whose normalised text also occurs in validation or held-out data.
      leakageRemoved: splits.leakageRemoved,
      seed: TRAIN_SEED,
      hyperparameters: best.config,
      validation: {
        clefMap: round(best.result.clefMap),
        claimbusterAp: round(best.result.cbAp),
        claimbusterF1: round(best.result.cbF1),
      },
    },
  };
  mkdirSync(path.dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, JSON.stringify(file, null, 1) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), outputPath)}`);
}

function fmt(r: ReturnType<typeof evaluate>): string {
  return `clefMAP=${r.clefMap.toFixed(4)} cbAP=${r.cbAp.toFixed(4)} cbF1=${r.cbF1.toFixed(4)}@${r.threshold}`;
}

main();
