/**
 * Trains the check-worthiness model from ../shared/datasets and the article set, and writes
 * lib/extract/model/checkworthiness.json. Deterministic: rerunning it writes the same bytes.
 *
 * 1. Debate settings (L2, CLEF example weights, epochs) are chosen by leave-one-transcript-out
 *    cross-validation over all 19 CLEF 2019 training transcripts (scripts/lib/cv.ts): the best
 *    mean AP over the 19 left-out transcripts wins.
 * 2. The weight of article-set candidates is chosen by leave-one-article-out cross-validation
 *    (pooled AP of each article ranked by a model that never saw it).
 * 3. Calibration and threshold come from those held-out article predictions: Platt scaling of the
 *    linear score, then the F1-optimal threshold on the calibrated scores.
 * 4. The final weights are trained on all 19 transcripts, the ClaimBuster training part (the
 *    held-out 20% is never trained on) and the whole article set.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { denseOffset, FEATURE_VERSION, featureNames } from "../lib/extract/features";
import { encodeHashed, type CheckworthinessModelFile } from "../lib/extract/model-format";
import { datasetsAvailable, datasetsDir, SPLIT_SEED } from "./lib/checkworthiness-data";
import { currentCorpus } from "./lib/corpus";
import { articleAp, crossValidate, crossValidateArticles, domainModel, meanAndSpread, train, trainingRows, type ArticlePredictions, type TrainConfig } from "./lib/cv";
import { bestF1Threshold, precisionRecallF1 } from "./lib/metrics";

export const TRAIN_SEED = 42;
/**
 * Training seeds the chosen setting's CLEF CV is also reported over (the order of the examples is the
 * seed's shuffle, and with one epoch of one-example-at-a-time updates that order moves CV MAP by about
 * as much as any setting tried: see the model README's fourth and fifth rounds). Settings are still
 * chosen at TRAIN_SEED; the file records the mean over these seeds next to TRAIN_SEED's figure.
 */
export const REPORT_SEEDS = [42, 7, 1, 2, 3];
const HASH_BITS = Number(process.env.HASH_BITS ?? 18);
const MAX_EPOCHS = Number(process.env.MAX_EPOCHS ?? 12);
const outputPath = path.resolve(__dirname, "../lib/extract/model/checkworthiness.json");

// Article candidates weighted 10 (3 before): with the ten articles added in this round, the Kushner
// piece and the held-out articles need the article standard to count for more than the debates' word
// weights; the CV figures of each weight are in lib/extract/model/README.md.
const DEFAULT_ARTICLE_WEIGHT = 10;
const ARTICLE_WEIGHTS = [DEFAULT_ARTICLE_WEIGHT];
// This round's settings (earlier rounds, with their CV MAP, are in lib/extract/model/README.md): CLEF lines
// weighted 3, L2 1e-4 and learning rate 0.3 won before. v8 trains with domain copies (scripts/lib/cv.ts): the
// shared n-gram weights are pulled hard to zero (1e-2, which in v7 lifted the Kushner claim but cost CLEF) and
// each domain's copy less, so debate-only word weights stay in the debate model. The grid is that copy's L2.
export const GRID: Omit<TrainConfig, "epochs">[] = [1e-3, 3e-3].map((l2Domain) => ({
  l2: 1e-4,
  l2Hashed: 1e-2,
  learningRate: 0.3,
  clefWeight: 3,
  clefPositiveWeight: 1,
  articleWeight: DEFAULT_ARTICLE_WEIGHT,
  domainCopies: "hashed" as const,
  l2Domain,
}));

/** Platt scaling: a, b minimising log loss of sigmoid(a·z + b), with Platt's smoothed targets (Newton steps). */
export function fitPlatt(z: number[], labels: number[]): { a: number; b: number } {
  const pos = labels.filter((l) => l === 1).length;
  const neg = labels.length - pos;
  const t = labels.map((l) => (l === 1 ? (pos + 1) / (pos + 2) : 1 / (neg + 2)));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    z.forEach((zi, i) => {
      const p = 1 / (1 + Math.exp(-(a * zi + b)));
      const d = p - t[i];
      const w = p * (1 - p);
      ga += d * zi;
      gb += d;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

function main() {
  if (!datasetsAvailable()) {
    console.log(`datasets not found in ${datasetsDir}, skipping training`);
    return;
  }
  const space = { hashBits: HASH_BITS };
  let started = performance.now();
  const corpus = currentCorpus(space);
  console.log(
    `read ${corpus.transcripts.length} CLEF transcripts (${corpus.transcripts.reduce((n, t) => n + t.examples.length, 0)} lines) ` +
      `and ${corpus.claimbuster.examples.length} ClaimBuster training sentences in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  started = performance.now();
  let best: { config: TrainConfig; perFold: number[]; mean: number } | undefined;
  const grid = process.env.CONFIG ? [{ ...GRID[0], ...JSON.parse(process.env.CONFIG) }] : GRID;
  for (const base of grid) {
    const byEpoch = crossValidate(corpus, base, MAX_EPOCHS, TRAIN_SEED);
    byEpoch.forEach((perFold, e) => {
      const { mean, sd } = meanAndSpread(perFold);
      if (process.env.VERBOSE) console.log(JSON.stringify({ ...base, epochs: e + 1 }), `CV MAP ${mean.toFixed(4)} ± ${sd.toFixed(4)}`);
      if (!best || mean > best.mean + 1e-12) best = { config: { ...base, epochs: e + 1 }, perFold, mean };
    });
  }
  if (!best) throw new Error("no configuration trained");
  const spread = meanAndSpread(best.perFold);
  console.log(
    `chosen ${JSON.stringify(best.config)}: CV MAP ${spread.mean.toFixed(4)} ± ${spread.sd.toFixed(4)} (sd over 19 folds) ` +
      `in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  // The chosen setting's CV over the report seeds: TRAIN_SEED's figure alone is one draw of the shuffle.
  started = performance.now();
  const bySeed = REPORT_SEEDS.map((seed) => (seed === TRAIN_SEED ? best!.perFold : crossValidate(corpus, best!.config, best!.config.epochs, seed).at(-1)!));
  const seedAveraged = best.perFold.map((_, k) => bySeed.reduce((a, folds) => a + folds[k], 0) / bySeed.length);
  const averaged = meanAndSpread(seedAveraged);
  console.log(
    `the same setting over seeds ${REPORT_SEEDS.join(", ")}: CV MAP ${bySeed.map((folds) => meanAndSpread(folds).mean.toFixed(4)).join(", ")}; ` +
      `seed-averaged ${averaged.mean.toFixed(4)} ± ${averaged.sd.toFixed(4)} (sd over folds) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  if (process.env.ONLY_CV) return;
  // Article weight by leave-one-article-out; calibration and threshold from the same held-out predictions.
  let chosen: { config: TrainConfig; predictions: ArticlePredictions; pooled: number } | undefined;
  for (const articleWeight of ARTICLE_WEIGHTS) {
    const config = { ...best.config, articleWeight };
    const predictions = crossValidateArticles(corpus, config, TRAIN_SEED);
    const { pooled, map } = articleAp(predictions.z, predictions.labels);
    console.log(`article weight ${articleWeight}: leave-one-article-out AP ${pooled.toFixed(4)} (MAP over articles ${map.toFixed(4)})`);
    if (!chosen || pooled > chosen.pooled + 1e-12) chosen = { config, predictions, pooled };
  }
  if (!chosen) throw new Error("no article weight tried");
  const z: number[] = [];
  const y: number[] = [];
  chosen.predictions.z.forEach((scores, k) =>
    scores.forEach((s, i) => {
      if (s === null) return;
      z.push(s);
      y.push(chosen!.predictions.labels[k][i]);
    }),
  );
  const calibration = fitPlatt(z, y);
  const prob = (s: number | null) => (s === null ? 0 : 1 / (1 + Math.exp(-(calibration.a * s + calibration.b))));
  const heldOut = chosen.predictions.z.flat().map(prob);
  const heldOutLabels = chosen.predictions.labels.flat();
  const threshold = bestF1Threshold(heldOut, heldOutLabels);
  const f1 = precisionRecallF1(heldOut, heldOutLabels, threshold);
  console.log(
    `calibration a=${calibration.a.toFixed(4)} b=${calibration.b.toFixed(4)}, threshold ${threshold} ` +
      `(held-out articles: P ${f1.precision.toFixed(3)} R ${f1.recall.toFixed(3)} F1 ${f1.f1.toFixed(3)})`,
  );

  const offset = denseOffset(space);
  const rows = trainingRows(corpus, {}, chosen.config);
  const trained = train(corpus, rows, chosen.config, chosen.config.epochs, TRAIN_SEED);
  const final = domainModel(trained, corpus, chosen.config, "article");
  const lines = domainModel(trained, corpus, chosen.config, "debate");
  const round = (x: number) => Number(x.toFixed(6));
  const denseOf = (weights: Float64Array) => Object.fromEntries(featureNames().map((name, i) => [name, round(weights[offset + i])]));

  const file: CheckworthinessModelFile = {
    name: "factdesk-checkworthiness-logreg-wink",
    featureVersion: FEATURE_VERSION,
    hashBits: HASH_BITS,
    threshold,
    bias: round(final.bias),
    calibration: { a: round(calibration.a), b: round(calibration.b) },
    dense: denseOf(final.weights),
    ...encodeHashed(final.weights.subarray(0, offset)),
    ...(chosen.config.domainCopies
      ? { lines: { bias: round(lines.bias), dense: denseOf(lines.weights), ...encodeHashed(lines.weights.subarray(0, offset)) } }
      : {}),
    training: {
      data: [
        "claimbuster-groundtruth-2class.json (80%: the held-out 20% is never trained on)",
        "CT19-T1-Training.csv (all 19 transcripts)",
        "scripts/article-set (all articles)",
      ],
      examples: rows.xs.length,
      claimbusterSplit: { seed: SPLIT_SEED, test: 0.2 },
      seed: TRAIN_SEED,
      hyperparameters: chosen.config,
      crossValidation: {
        folds: corpus.transcripts.map((t) => t.file),
        ap: best.perFold.map(round),
        mean: round(spread.mean),
        sd: round(spread.sd),
        seed: TRAIN_SEED,
        note:
          "ap, mean and sd are one training seed's (the shuffle order); settings were chosen on them. Over seeds the same setting " +
          "scores overSeeds.mean, which npm run eval:checkworthiness compares with the first model's recipe trained with the same seeds.",
        overSeeds: {
          seeds: REPORT_SEEDS,
          meanBySeed: bySeed.map((folds) => round(meanAndSpread(folds).mean)),
          ap: seedAveraged.map(round),
          mean: round(averaged.mean),
          sd: round(averaged.sd),
        },
      },
      articleSet: { articles: corpus.articles.length, leaveOneArticleOutAp: round(chosen.pooled) },
      calibration: "Platt scaling of leave-one-article-out predictions on the article set; threshold F1-optimal on them",
    },
  };
  mkdirSync(path.dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, JSON.stringify(file, null, 1) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), outputPath)}`);
}

if (require.main === module) main();
