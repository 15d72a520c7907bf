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
  /**
   * Domain copies ("frustratingly easy domain adaptation", Daumé 2007): every feature of a debate line
   * (CLEF, ClaimBuster) also fires a debate-only copy, every feature of an article candidate an
   * article-only copy; a domain's model is the shared weights plus its copies. "hashed" copies the
   * n-grams only, "all" every feature but from_transcript. Absent: one model for both (v7 and before).
   */
  domainCopies?: "hashed" | "all";
  /** L2 of the domain copies. */
  l2Domain?: number;
  /** CLEF lines fire a copy of their own (fact-checkers' picks) instead of the debate copy ClaimBuster fires. */
  clefDomain?: boolean;
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

export const DOMAINS = ["debate", "article", "clef"] as const;
export type Domain = (typeof DOMAINS)[number];

function domainOf(e: Example, config: Settings): number {
  if (e.source === "article") return 1;
  return e.source === "clef" && config.clefDomain ? 2 : 0;
}

/** The domain whose model ranks CLEF transcripts. */
export function clefDomainName(config: Settings): Domain {
  return config.clefDomain ? "clef" : "debate";
}

/** Coordinates a domain copy repeats: the hashed n-grams, or every feature but the last (from_transcript). */
function copiedEnd(corpus: Corpus, config: Settings): number {
  return config.domainCopies === "hashed" ? corpus.hashedDimension : corpus.dimension - 1;
}

/** Dimension of the training vectors: the features, then one block of copies per domain. */
export function trainingDimension(corpus: Corpus, config: Settings): number {
  return config.domainCopies ? corpus.dimension * (1 + DOMAINS.length) : corpus.dimension;
}

const copies = new WeakMap<SparseVector, SparseVector[]>();
/** The vector with its domain's copies appended (cached: the same vectors recur in every fold). */
function withDomain(x: SparseVector, domain: number, corpus: Corpus, config: Settings): SparseVector {
  if (!config.domainCopies) return x;
  const end = copiedEnd(corpus, config);
  let byDomain = copies.get(x);
  if (!byDomain) copies.set(x, (byDomain = []));
  const key = domain * 2 + (config.domainCopies === "hashed" ? 0 : 1);
  let out = byDomain[key];
  if (!out) {
    const indices = [...x.indices];
    const values = [...x.values];
    const base = corpus.dimension * (1 + domain);
    x.indices.forEach((j, k) => {
      if (j < end) {
        indices.push(base + j);
        values.push(x.values[k]);
      }
    });
    out = byDomain[key] = { indices, values };
  }
  return out;
}

/** A domain's model over the plain features: the shared weights plus that domain's copies. */
export function domainModel(model: LinearModel, corpus: Corpus, config: Settings, domain: Domain): LinearModel {
  if (!config.domainCopies) return model;
  const weights = new Float64Array(corpus.dimension);
  const base = corpus.dimension * (1 + DOMAINS.indexOf(domain));
  for (let j = 0; j < corpus.dimension; j++) weights[j] = model.weights[j] + model.weights[base + j];
  return { weights, bias: model.bias };
}

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
      xs.push(withDomain(vectors[i], domainOf(e, config), corpus, config));
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

export function train(corpus: Corpus, rows: ReturnType<typeof trainingRows>, config: Settings, epochs: number, seed: number, onEpoch?: (epoch: number, model: LinearModel) => void) {
  return trainLogistic(rows.xs, rows.ys, rows.ws, {
    dimension: trainingDimension(corpus, config),
    hashedDimension: corpus.hashedDimension,
    domainStart: corpus.dimension,
    l2Domain: config.l2Domain,
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
    train(corpus, trainingRows(corpus, { transcript: k }, config), config, maxEpochs, seed, (epoch, trained) => {
      const model = domainModel(trained, corpus, config, clefDomainName(config));
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
    const model = domainModel(train(corpus, trainingRows(corpus, { article: k }, config), config, config.epochs, seed), corpus, config, "article");
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
