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
  /** Platt scaling of the linear score, fitted on dev: p = sigmoid(a·z + b). */
  platt: { a: number; b: number };
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
  /** Calibrated probability that the pair is a match. */
  calibrated(z: number): number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

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
    calibrated: (z) => sigmoid(platt.a * z + platt.b),
  };
}

let loaded: MatchingModel | undefined;

/** The committed model, decoded once per process. */
export function matchingModel(): MatchingModel {
  loaded ??= modelFromFile(committed as MatchingModelFile);
  return loaded;
}
