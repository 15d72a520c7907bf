import { markBoilerplate } from "../../lib/extract/boilerplate";
import { candidateSpan } from "../../lib/extract/candidates";
import { featurizeDocument, denseOffset, dimension, type FeatureSpace } from "../../lib/extract/features";
import { splitSentences } from "../../lib/extract/sentences";
import { loadArticleSet } from "./article-set";
import * as v1 from "./v1/features";
import { loadCrossValidationData, normalizeSentence } from "./checkworthiness-data";
import type { ArticleRows, Corpus } from "./cv";

/**
 * The article set as the app extracts it: every candidate with its label (overlaps a marked claim),
 * and the vectors of the non-boilerplate ones, scored among themselves as extractCandidates does.
 */
export function articleRows(space: FeatureSpace): ArticleRows[] {
  return loadArticleSet().map((a) => {
    const spans = splitSentences(a.text).map(candidateSpan);
    const boilerplate = markBoilerplate(a.text, spans);
    const labels = spans.map((c) => (a.marks.some(([s, e]) => c.start < e && c.end > s) ? 1 : 0) as 0 | 1);
    const content = spans.map((_, i) => i).filter((i) => !boilerplate[i]);
    return {
      id: a.id,
      labels,
      content,
      examples: content.map((i) => ({ text: spans[i].text, label: labels[i], context: {}, source: "article" as const, group: a.id })),
      vectors: featurizeDocument(content.map((i) => spans[i].text), { context: true }, space),
    };
  });
}

/** Feature vectors of the cross-validation data with the current features (each sentence read once by wink). */
export function currentCorpus(space: FeatureSpace): Corpus {
  const data = loadCrossValidationData();
  return {
    transcripts: [...data.transcripts].map(([file, examples]) => ({
      file,
      examples,
      vectors: featurizeDocument(examples.map((e) => e.text), { context: true, fromTranscript: true }, space),
    })),
    claimbuster: {
      examples: data.claimbusterTrain,
      vectors: featurizeDocument(data.claimbusterTrain.map((e) => e.text), { context: false }, space),
    },
    heldOutKeys: new Set(data.claimbusterTest.map((e) => normalizeSentence(e.text))),
    articles: articleRows(space),
    dimension: dimension(space),
    hashedDimension: denseOffset(space),
  };
}

/** The same data with the first model's features (v2), for its side-by-side cross-validation. */
export function v1Corpus(space: FeatureSpace): Corpus {
  const data = loadCrossValidationData();
  return {
    transcripts: [...data.transcripts].map(([file, examples]) => ({
      file,
      examples,
      vectors: examples.map((e) => v1.featurize(e.text, e.context, space)),
    })),
    claimbuster: { examples: data.claimbusterTrain, vectors: data.claimbusterTrain.map((e) => v1.featurize(e.text, e.context, space)) },
    heldOutKeys: new Set(data.claimbusterTest.map((e) => normalizeSentence(e.text))),
    // The first model never trained on articles.
    articles: [],
    dimension: v1.dimension(space),
    hashedDimension: v1.denseOffset(space),
  };
}
