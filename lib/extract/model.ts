import { featurize, FEATURE_VERSION, featureNames, denseOffset, type SentenceContext } from "./features";
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

/** The score at or above which a sentence counts as check-worthy. */
export function checkworthinessThreshold(): number {
  return load().file.threshold;
}

function scoreOne(model: LoadedModel, sentence: string, context: SentenceContext): number {
  const x = featurize(sentence, context, { hashBits: model.file.hashBits });
  let z = model.file.bias;
  for (let k = 0; k < x.indices.length; k++) z += model.weights[x.indices[k]] * x.values[k];
  return 1 / (1 + Math.exp(-z));
}

/** Check-worthiness in [0, 1] for each sentence; deterministic and offline. */
export function scoreSentences(sentences: string[], opts: ScoreOptions = {}): number[] {
  const model = load();
  const useContext = opts.context ?? true;
  return sentences.map((sentence, i) =>
    scoreOne(
      model,
      sentence,
      useContext ? { previous: sentences[i - 1], next: sentences[i + 1] } : {},
    ),
  );
}

/** Scores independent lines (e.g. one claim per line from the CLI), without neighbour context. */
export function scoreLines(lines: string[]): number[] {
  return scoreSentences(lines, { context: false });
}
