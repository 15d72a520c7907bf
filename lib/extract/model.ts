import { featurizeDocument, FEATURE_VERSION, featureNames, denseOffset, type SparseVector } from "./features";
import { decodeHashed, type CheckworthinessModelFile } from "./model-format";
import modelFile from "./model/checkworthiness.json";

export interface ScoreOptions {
  /**
   * Use the neighbouring sentences of the array as context (true for the sentences of
   * one document, in order). Default true; false scores each sentence on its own.
   */
  context?: boolean;
  /**
   * Which weights: "article" (sentences of a news article, the default) or "debate" (lines of a
   * transcript or claims one a line, as scoreLines). They differ where the training data showed that
   * debates and articles weigh a word differently (see the model README, "domain copies").
   */
  domain?: "article" | "debate";
}

interface Weights {
  bias: number;
  weights: Float32Array;
}

interface LoadedModel {
  file: CheckworthinessModelFile;
  article: Weights;
  debate: Weights;
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
  const offset = denseOffset({ hashBits: file.hashBits });
  const unpack = (part: { bias: number; dense: Record<string, number>; hashed: string; hashedScale: number }): Weights => {
    const weights = new Float32Array(offset + featureNames().length);
    weights.set(decodeHashed(part.hashed, part.hashedScale).subarray(0, offset));
    featureNames().forEach((name, i) => {
      weights[offset + i] = part.dense[name] ?? 0;
    });
    return { bias: part.bias, weights };
  };
  const article = unpack(file);
  loaded = { file, article, debate: file.lines ? unpack(file.lines) : article };
  return loaded;
}

/** The calibrated score at or above which a sentence counts as check-worthy (chosen on articles). */
export function checkworthinessThreshold(): number {
  return load().file.threshold;
}

function scoreOne(model: LoadedModel, w: Weights, x: SparseVector): number {
  let z = w.bias;
  for (let k = 0; k < x.indices.length; k++) z += w.weights[x.indices[k]] * x.values[k];
  const { a, b } = model.file.calibration ?? { a: 1, b: 0 };
  return 1 / (1 + Math.exp(-(a * z + b)));
}

/**
 * Check-worthiness of each sentence as a calibrated probability in [0, 1] (of a reporter's
 * labeller calling it a check-worthy factual claim); deterministic and offline.
 */
export function scoreSentences(sentences: string[], opts: ScoreOptions = {}): number[] {
  const model = load();
  const weights = opts.domain === "debate" ? model.debate : model.article;
  return featurizeDocument(sentences, { context: opts.context ?? true }, { hashBits: model.file.hashBits }).map((x) =>
    scoreOne(model, weights, x),
  );
}

/**
 * Scores independent lines (e.g. one claim per line from the CLI, lines of a debate transcript),
 * without neighbour context, with the debate weights.
 */
export function scoreLines(lines: string[]): number[] {
  return scoreSentences(lines, { context: false, domain: "debate" });
}
