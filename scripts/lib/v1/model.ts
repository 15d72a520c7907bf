/**
 * The first check-worthiness model (features v2, weights lib/extract/model/checkworthiness-v1.json)
 * with the splitter and boilerplate rules it shipped with, frozen here so the eval script can put
 * it side by side with the current one. Not used by the app.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeHashed, type CheckworthinessModelFile } from "../../../lib/extract/model-format";
import { markBoilerplate } from "./boilerplate";
import { denseOffset, featureNames, featurize, FEATURE_VERSION, type SentenceContext } from "./features";
import { splitSentences } from "./sentences";

export const V1_WEIGHTS = path.resolve(__dirname, "../../../lib/extract/model/checkworthiness-v1.json");

let loaded: { file: CheckworthinessModelFile; weights: Float32Array } | undefined;

function load() {
  if (loaded) return loaded;
  const file = JSON.parse(readFileSync(V1_WEIGHTS, "utf8")) as CheckworthinessModelFile;
  if (file.featureVersion !== FEATURE_VERSION) throw new Error(`${V1_WEIGHTS} is not a features-v${FEATURE_VERSION} model`);
  const offset = denseOffset({ hashBits: file.hashBits });
  const weights = new Float32Array(offset + featureNames().length);
  weights.set(decodeHashed(file.hashed, file.hashedScale).subarray(0, offset));
  featureNames().forEach((name, i) => {
    weights[offset + i] = file.dense[name] ?? 0;
  });
  loaded = { file, weights };
  return loaded;
}

export function v1Threshold(): number {
  return load().file.threshold;
}

function scoreOne(sentence: string, context: SentenceContext): number {
  const { file, weights } = load();
  const x = featurize(sentence, context, { hashBits: file.hashBits });
  let z = file.bias;
  for (let k = 0; k < x.indices.length; k++) z += weights[x.indices[k]] * x.values[k];
  return 1 / (1 + Math.exp(-z));
}

export function v1ScoreSentences(sentences: string[], context = true): number[] {
  return sentences.map((s, i) => scoreOne(s, context ? { previous: sentences[i - 1], next: sentences[i + 1] } : {}));
}

const LEADING_DATELINE = /^(?:date|published|updated|posted)?\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?\s+(?=\p{Lu})/iu;

/** extractCandidates as it was with the first model (no conflicts). */
export function v1ExtractCandidates(text: string): { text: string; start: number; end: number; score: number; boilerplate: boolean }[] {
  const spans = splitSentences(text).map((s) => {
    const d = s.text.match(LEADING_DATELINE)?.[0].length ?? 0;
    return d === 0 ? s : { text: s.text.slice(d), start: s.start + d, end: s.end };
  });
  const boilerplate = markBoilerplate(text, spans);
  const content = spans.map((_, i) => i).filter((i) => !boilerplate[i]);
  const scores = new Array<number>(spans.length).fill(0);
  v1ScoreSentences(content.map((i) => spans[i].text)).forEach((s, k) => {
    scores[content[k]] = s;
  });
  return spans.map((s, i) => ({ ...s, score: scores[i], boilerplate: boilerplate[i] }));
}
