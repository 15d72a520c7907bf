/* Retrieval, ranking measures and calibration shared by train-matching.ts and eval-matching.ts. */
import type { Db } from "@/db/client";
import { FEATURE_NAMES, FEATURE_VERSION, type CharIdf } from "@/lib/match/features";
import { prepareQuery, rankArchive } from "@/lib/match/matcher";
import { modelFromFile, type MatchingModel, type MatchingModelFile } from "@/lib/match/model";
import type { Query } from "./data";

export interface CandidateRow {
  vclaim: string;
  label: 0 | 1;
  features: number[];
  bm25Rank: number;
}

export interface QueryCandidates {
  query: Query;
  rows: CandidateRow[];
}

/** A model file that scores by BM25 alone: what feature extraction runs under, and the baseline's order. */
export function bm25ModelFile(idf: CharIdf, candidates: number): MatchingModelFile {
  return {
    format: "factdesk-matching",
    featureVersion: FEATURE_VERSION,
    features: [...FEATURE_NAMES],
    mean: FEATURE_NAMES.map(() => 0),
    scale: FEATURE_NAMES.map(() => 1),
    weights: FEATURE_NAMES.map((n) => (n === "bm25" ? 1 : 0)),
    bias: 0,
    platt: { a: 1, b: 0 },
    threshold: 0.5,
    candidates,
    idf: { bits: idf.bits, maxIdf: idf.maxIdf, base64: Buffer.from(idf.values).toString("base64") },
    trained: {},
  };
}

/** Every query's BM25 top `k` from the archive database, with features, in BM25 order. */
export function candidatesOf(db: Db, idOf: Map<number, string>, queries: readonly Query[], model: MatchingModel, k: number): QueryCandidates[] {
  return queries.map((query) => {
    const ranked = rankArchive(db, prepareQuery(query.text, model), model, k).sort((a, b) => b.bm25 - a.bm25 || a.id - b.id);
    return {
      query,
      rows: ranked.map((c, i) => {
        const vclaim = idOf.get(c.id)!;
        return { vclaim, label: query.relevant.has(vclaim) ? 1 : 0, features: c.features, bm25Rank: i };
      }),
    };
  });
}

/** Average precision of the top k (the CLEF 2020 Task 2 measure: relevant found in the top k, over min(k, relevant)). */
export function apAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return relevant.size === 0 ? 0 : sum / Math.min(k, relevant.size);
}

export function mapAtK(rankings: readonly { ranked: string[]; relevant: ReadonlySet<string> }[], k: number): number {
  return rankings.reduce((total, r) => total + apAtK(r.ranked, r.relevant, k), 0) / Math.max(1, rankings.length);
}

export function rankBy(list: QueryCandidates[], score: (row: CandidateRow) => number) {
  return list.map(({ query, rows }) => ({
    ranked: rows
      .map((row) => ({ row, s: score(row) }))
      .sort((a, b) => b.s - a.s || a.row.bm25Rank - b.row.bm25Rank)
      .map((x) => x.row.vclaim),
    relevant: query.relevant,
  }));
}

export interface ThresholdFigures {
  threshold: number;
  /** Of the matches shown (score ≥ threshold), the share that settle the claim. */
  precision: number;
  /** Of the claims whose fact-check is in the archive, the share whose fact-check is shown. */
  recall: number;
  /** Claims whose fact-check was taken out of the archive that still show something (false alarms). */
  falseAlarmRate: number;
  shown: number;
}

/**
 * "Checked before" figures at a threshold, over two views of dev: every tweet with its fact-check in the
 * archive (`present`), and the same tweets with it removed (`absent`: anything shown is wrong).
 */
export function thresholdFigures(present: readonly { scores: number[]; labels: number[] }[], absent: readonly number[][], threshold: number): ThresholdFigures {
  let tp = 0;
  let fp = 0;
  let found = 0;
  for (const q of present) {
    let hit = false;
    q.scores.forEach((s, i) => {
      if (s < threshold) return;
      if (q.labels[i] === 1) {
        tp++;
        hit = true;
      } else fp++;
    });
    if (hit) found++;
  }
  let alarms = 0;
  for (const scores of absent) {
    const wrong = scores.filter((s) => s >= threshold).length;
    fp += wrong;
    if (wrong) alarms++;
  }
  return {
    threshold,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: found / Math.max(1, present.length),
    falseAlarmRate: alarms / Math.max(1, absent.length),
    shown: tp + fp,
  };
}

export function modelWith(file: MatchingModelFile): MatchingModel {
  return modelFromFile(file);
}
