import { featurizeDocument, FEATURE_VERSION, featureNames, denseOffset, type SparseVector } from "./features";
import { decodeHashed, type CheckworthinessModelFile } from "./model-format";
import modelFile from "./model/checkworthiness.json";

export interface ScoreOptions {
  /**
   * Use the neighbouring sentences of the array as context (true for the sentences of
   * one document, in order). Default true; false scores each sentence on its own.
   */
  context?: boolean;
}

interface LoadedModel {
  file: CheckworthinessModelFile;
  weights: Float32Array;
}

let loaded: LoadedModel | undefined;

function load(): LoadedModel {
  if (loaded) return loaded;
  const file = modelFile as CheckworthinessModelFile;
  if (file.featureVersion !== FEATURE_VERSION) {
    throw new Error(
      `checkworthiness.json was trained with features v${file.featureVersion}, code is v${FEATURE_VERSION}: run npm run train:checkworthiness`,
    );
  }
  const space = { hashBits: file.hashBits };
  const hashed = decodeHashed(file.hashed, file.hashedScale);
  const offset = denseOffset(space);
  const weights = new Float32Array(offset + featureNames().length);
  weights.set(hashed.subarray(0, offset));
  featureNames().forEach((name, i) => {
    weights[offset + i] = file.dense[name] ?? 0;
  });
  loaded = { file, weights };
  return loaded;
}

/** The calibrated score at or above which a sentence counts as check-worthy (chosen on articles). */
export function checkworthinessThreshold(): number {
  return load().file.threshold;
}

function scoreOne(model: LoadedModel, x: SparseVector): number {
  let z = model.file.bias;
  for (let k = 0; k < x.indices.length; k++) z += model.weights[x.indices[k]] * x.values[k];
  const { a, b } = model.file.calibration ?? { a: 1, b: 0 };
  return 1 / (1 + Math.exp(-(a * z + b)));
}

/**
 * Check-worthiness of each sentence as a calibrated probability in [0, 1] (of a reporter's
 * labeller calling it a check-worthy factual claim); deterministic and offline.
 */
export function scoreSentences(sentences: string[], opts: ScoreOptions = {}): number[] {
  const model = load();
  return featurizeDocument(sentences, { context: opts.context ?? true }, { hashBits: model.file.hashBits }).map((x) =>
    scoreOne(model, x),
  );
}

/** Scores independent lines (e.g. one claim per line from the CLI), without neighbour context. */
export function scoreLines(lines: string[]): number[] {
  return scoreSentences(lines, { context: false });
}
