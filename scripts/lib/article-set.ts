/**
 * The article set (scripts/article-set/, standard in LABELLING.md): the demo articles of
 * lib/demo/seed-data.ts and short news articles written for it, with their check-worthy claims marked.
 * It lives in the repo (it is ours), so the tests and scripts that use it never skip.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_ARTICLES } from "@/lib/demo/seed-data";
import { averagePrecision } from "./metrics";

export const articleSetDir = path.resolve(__dirname, "../article-set");

export interface LabelledArticle {
  id: string;
  text: string;
  /** [start, end) character ranges of the check-worthy claims. */
  marks: Array<[number, number]>;
}

/** Strips the {{ }} markers of one file, keeping the ranges they enclosed. */
export function parseMarked(marked: string): { text: string; marks: Array<[number, number]> } {
  let text = "";
  const marks: Array<[number, number]> = [];
  const re = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    text += marked.slice(last, m.index);
    marks.push([text.length, text.length + m[1].length]);
    text += m[1];
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/\{\{|\}\}/.test(text)) throw new Error("unbalanced {{ }} marker in the article set");
  return { text, marks };
}

export function loadArticleSet(): LabelledArticle[] {
  const written = readdirSync(articleSetDir)
    .filter((f) => /^\d\d-.*\.txt$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ""), ...parseMarked(readFileSync(path.join(articleSetDir, f), "utf8")) }));
  const labels = JSON.parse(readFileSync(path.join(articleSetDir, "demo-labels.json"), "utf8")) as {
    checkWorthy: Record<string, string[]>;
  };
  const demo = DEMO_ARTICLES.map((a) => {
    const prefixes = labels.checkWorthy[a.key] ?? [];
    const marks = prefixes.map((p): [number, number] => {
      const at = a.body.indexOf(p);
      if (at < 0) throw new Error(`demo-labels.json: “${p}” is not in demo article ${a.key} (seed data changed?)`);
      return [at, at + p.length];
    });
    return { id: `demo-${a.key}`, text: a.body, marks };
  });
  return [...demo, ...written];
}

export interface ScoredSpan {
  start: number;
  end: number;
  score: number;
  boilerplate: boolean;
}

export interface ArticleResult {
  /** Mean over articles of each article's average precision. */
  map: number;
  /** Average precision of all the set's candidates ranked together (what one threshold sees). */
  pooledAp: number;
  perArticle: Record<string, number>;
  /** Candidates of each article (its slice of scores and labels, in order). */
  perArticleCount: Record<string, number>;
  scores: number[];
  labels: number[];
}

/**
 * Scores each article with `extract` (the app's pipeline: split, boilerplate, model). A candidate is
 * check-worthy when it overlaps a marked claim; boilerplate candidates are ranked last, so a claim the
 * pipeline throws away as page chrome counts as missed.
 */
export function evaluateArticles(articles: LabelledArticle[], extract: (text: string) => ScoredSpan[]): ArticleResult {
  const perArticle: Record<string, number> = {};
  const perArticleCount: Record<string, number> = {};
  const scores: number[] = [];
  const labels: number[] = [];
  for (const a of articles) {
    const candidates = extract(a.text);
    const s = candidates.map((c) => (c.boilerplate ? -1 : c.score));
    const l = candidates.map((c) => (a.marks.some(([ms, me]) => c.start < me && c.end > ms) ? 1 : 0));
    perArticle[a.id] = averagePrecision(s, l);
    perArticleCount[a.id] = s.length;
    scores.push(...s);
    labels.push(...l);
  }
  const values = Object.values(perArticle);
  return { map: values.reduce((x, y) => x + y, 0) / values.length, pooledAp: averagePrecision(scores, labels), perArticle, perArticleCount, scores, labels };
}
