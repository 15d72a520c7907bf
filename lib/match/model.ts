import { FEATURE_NAMES, FEATURE_VERSION, type CharIdf } from "./features";
import committed from "./model/matching.json";

/** lib/match/model/matching.json, written by `npm run train:matching` (never edited by hand). */
export interface MatchingModelFile {
  format: "factdesk-matching";
  featureVersion: number;
  features: string[];
  /** Standardisation of each feature before the weights: (x − mean) / scale. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /**
   * Calibration fitted on dev (Platt scaling with one more input): p = sigmoid(a·z + margin·m + b), where
   * m is the candidate's lead over the best other candidate of its list (negative below the top).
   */
  platt: { a: number; b: number; margin?: number };
  /** The calibrated score from which a match counts as "checked before" (chosen on dev). */
  threshold: number;
  /** How many BM25 candidates are reranked. */
  candidates: number;
  idf: { bits: number; maxIdf: number; base64: string };
  /** Settings and dev figures, for the record (lib/match/model/README.md explains them). */
  trained: Record<string, unknown>;
}

export interface MatchingModel {
  file: MatchingModelFile;
  idf: CharIdf;
  /** Linear score of a feature vector. */
  linear(x: readonly number[]): number;
  /** Calibrated probability that the pair is a match, from its linear score and its lead over the list's best other. */
  calibrated(z: number, margin: number): number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Each score's lead over the best other score of its list (the top's lead over the second; below it, negative). */
export function margins(z: readonly number[]): number[] {
  let first = -Infinity;
  let second = -Infinity;
  for (const v of z) {
    if (v > first) [first, second] = [v, first];
    else if (v > second) second = v;
  }
  return z.map((v) => (v === first ? (Number.isFinite(second) ? v - second : MARGIN_ALONE) : v - first));
}

/** The lead of a lone candidate (nothing else found): as clear a lead as the training data shows. */
const MARGIN_ALONE = 5;

export function modelFromFile(file: MatchingModelFile): MatchingModel {
  if (file.format !== "factdesk-matching" || file.featureVersion !== FEATURE_VERSION || file.features.join() !== FEATURE_NAMES.join()) {
    throw new Error("lib/match/model/matching.json does not fit this code's features: run npm run train:matching.");
  }
  const values = Uint8Array.from(Buffer.from(file.idf.base64, "base64"));
  const idf: CharIdf = { bits: file.idf.bits, maxIdf: file.idf.maxIdf, values };
  const { mean, scale, weights, bias, platt } = file;
  return {
    file,
    idf,
    linear(x) {
      let z = bias;
      for (let j = 0; j < weights.length; j++) z += weights[j] * ((x[j] - mean[j]) / scale[j]);
      return z;
    },
    calibrated: (z, margin) => sigmoid(platt.a * z + (platt.margin ?? 0) * margin + platt.b),
  };
}

let loaded: MatchingModel | undefined;

/** The committed model, decoded once per process. */
export function matchingModel(): MatchingModel {
  loaded ??= modelFromFile(committed as MatchingModelFile);
  return loaded;
}
