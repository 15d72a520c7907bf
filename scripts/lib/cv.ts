/**
 * Cross-validation shared by the training script (to choose settings) and the eval script (to
 * report old and new side by side).
 *
 * - CLEF: leave one of the 19 CLEF 2019 training transcripts out, train on the other 18 plus the
 *   ClaimBuster training part (80%: its held-out 20% is never trained on) and the article set,
 *   rank the left-out transcript.
 * - Articles: leave one article of the article set out, train on everything else, rank its candidates.
 *
 * Training sentences whose text is in the left-out part or in the ClaimBuster held-out split are
 * dropped (leakage: ClaimBuster samples the debates CLEF transcribes).
 */
import type { SparseVector } from "../../lib/extract/features";
import { normalizeSentence, type Example } from "./checkworthiness-data";
import { predict, trainLogistic, type LinearModel } from "./logistic";
import { averagePrecision } from "./metrics";

export interface TrainConfig {
  l2: number;
  /** L2 of the hashed n-gram weights (absent: l2 for every weight, as the first model). */
  l2Hashed?: number;
  learningRate: number;
  /** Example weight of CLEF lines, and the extra factor for their positives. */
  clefWeight: number;
  clefPositiveWeight: number;
  /** Example weight of article-set candidates (absent: the first model, which had none). */
  articleWeight?: number;
  /** Average the weights over epochs (see trainLogistic); absent in the first model. */
  average?: boolean;
  epochs: number;
}

export interface ArticleRows {
  id: string;
  /** Label of every candidate of the article, boilerplate included. */
  labels: (0 | 1)[];
  /** Indexes (into labels) of the candidates that are not boilerplate, in order. */
  content: number[];
  examples: Example[];
  vectors: SparseVector[];
}

export interface Corpus {
  /** CLEF transcripts in name order, each with its feature vectors. */
  transcripts: { file: string; examples: Example[]; vectors: SparseVector[] }[];
  /** ClaimBuster training part (train + validation of the fixed split). */
  claimbuster: { examples: Example[]; vectors: SparseVector[] };
  /** Normalised texts of the ClaimBuster held-out split. */
  heldOutKeys: Set<string>;
  articles: ArticleRows[];
  dimension: number;
  /** The hashed n-gram coordinates are [0, hashedDimension); the named features follow. */
  hashedDimension: number;
}

type Settings = Omit<TrainConfig, "epochs">;

export function sampleWeight(e: Example, c: Settings): number {
  if (e.source === "article") return c.articleWeight ?? 0;
  return e.source === "clef" ? c.clefWeight * (e.label === 1 ? c.clefPositiveWeight : 1) : 1;
}

/** The training rows with one transcript or one article left out (or nothing: the final model). */
export function trainingRows(corpus: Corpus, leftOut: { transcript?: number; article?: number }, config: Settings) {
  const banned = new Set(corpus.heldOutKeys);
  const outExamples =
    leftOut.transcript !== undefined
      ? corpus.transcripts[leftOut.transcript].examples
      : leftOut.article !== undefined
        ? corpus.articles[leftOut.article].examples
        : [];
  for (const e of outExamples) banned.add(normalizeSentence(e.text));
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  const add = (examples: Example[], vectors: SparseVector[]) =>
    examples.forEach((e, i) => {
      const w = sampleWeight(e, config);
      if (w === 0 || banned.has(normalizeSentence(e.text))) return;
      xs.push(vectors[i]);
      ys.push(e.label);
      ws.push(w);
    });
  corpus.transcripts.forEach((t, k) => {
    if (k !== leftOut.transcript) add(t.examples, t.vectors);
  });
  add(corpus.claimbuster.examples, corpus.claimbuster.vectors);
  corpus.articles.forEach((a, k) => {
    if (k !== leftOut.article) add(a.examples, a.vectors);
  });
  return { xs, ys, ws };
}

function train(corpus: Corpus, rows: ReturnType<typeof trainingRows>, config: Settings, epochs: number, seed: number, onEpoch?: (epoch: number, model: LinearModel) => void) {
  return trainLogistic(rows.xs, rows.ys, rows.ws, {
    dimension: corpus.dimension,
    hashedDimension: corpus.hashedDimension,
    epochs,
    learningRate: config.learningRate,
    l2: config.l2,
    l2Hashed: config.l2Hashed,
    seed,
    onEpoch,
    average: config.average,
  });
}

/** Per-fold average precision of the left-out transcript after each epoch: apByEpoch[epoch - 1][fold]. */
export function crossValidate(corpus: Corpus, config: Settings, maxEpochs: number, seed: number): number[][] {
  const apByEpoch: number[][] = Array.from({ length: maxEpochs }, () => []);
  corpus.transcripts.forEach((t, k) => {
    const labels = t.examples.map((e) => e.label);
    train(corpus, trainingRows(corpus, { transcript: k }, config), config, maxEpochs, seed, (epoch, model) => {
      apByEpoch[epoch - 1][k] = averagePrecision(t.vectors.map((x) => predict(model, x)), labels);
    });
  });
  return apByEpoch;
}

export function linearScore(model: LinearModel, x: SparseVector): number {
  let z = model.bias;
  for (let k = 0; k < x.indices.length; k++) z += model.weights[x.indices[k]] * x.values[k];
  return z;
}

export interface ArticlePredictions {
  /** Per article, the linear score of every candidate (null for boilerplate, which the app never scores). */
  z: (number | null)[][];
  labels: (0 | 1)[][];
  ids: string[];
}

/** Leave-one-article-out: each article's candidates scored by a model trained without it. */
export function crossValidateArticles(corpus: Corpus, config: TrainConfig, seed: number): ArticlePredictions {
  const z = corpus.articles.map((a, k) => {
    const model = train(corpus, trainingRows(corpus, { article: k }, config), config, config.epochs, seed);
    const out: (number | null)[] = a.labels.map(() => null);
    a.content.forEach((i, j) => {
      out[i] = linearScore(model, a.vectors[j]);
    });
    return out;
  });
  return { z, labels: corpus.articles.map((a) => a.labels), ids: corpus.articles.map((a) => a.id) };
}

/**
 * Average precision per article and pooled over the set, for scores where null marks boilerplate
 * (ranked last, so a marked claim dropped as page chrome counts as missed).
 */
export function articleAp(scores: (number | null)[][], labels: (0 | 1)[][]): { perArticle: number[]; map: number; pooled: number } {
  const flat = (xs: (number | null)[]) => xs.map((s) => (s === null ? -Infinity : s));
  const perArticle = scores.map((s, k) => averagePrecision(flat(s), labels[k]));
  return {
    perArticle,
    map: perArticle.reduce((a, b) => a + b, 0) / perArticle.length,
    pooled: averagePrecision(flat(scores.flat()), labels.flat()),
  };
}

export function meanAndSpread(values: number[]): { mean: number; sd: number; se: number; min: number; max: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd, se: sd / Math.sqrt(values.length), min: Math.min(...values), max: Math.max(...values) };
}
