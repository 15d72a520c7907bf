/*
 * The reranker: an L2-regularised logistic model over the standardised pair features, fitted by Newton's
 * method (19 features: the Hessian is tiny, so it converges exactly and reruns write the same bytes).
 * "pointwise" learns P(match | pair); "pairwise" learns from (match − non-match) differences within one
 * claim's candidates, which optimises the order directly (RankNet with a linear scorer).
 */
import type { QueryCandidates } from "./evaluate";

export type RankerKind = "pointwise" | "pairwise";

export interface Ranker {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function standardisation(lists: readonly QueryCandidates[]): { mean: number[]; scale: number[] } {
  const rows = lists.flatMap((l) => l.rows.map((r) => r.features));
  const d = rows[0].length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of rows) for (let j = 0; j < d; j++) mean[j] += x[j] / rows.length;
  for (const x of rows) for (let j = 0; j < d; j++) scale[j] += (x[j] - mean[j]) ** 2 / rows.length;
  return { mean, scale: scale.map((v) => Math.sqrt(v) || 1) };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Newton's method for weighted L2 logistic regression on dense rows (last coordinate: bias when `withBias`). */
function newtonLogistic(xs: number[][], ys: number[], ws: number[], l2: number, withBias: boolean): number[] {
  const d = xs[0].length + (withBias ? 1 : 0);
  let beta = new Array<number>(d).fill(0);
  const row = (x: number[]) => (withBias ? [...x, 1] : x);
  const rows = xs.map(row);
  for (let iter = 0; iter < 50; iter++) {
    const grad = beta.map((b, j) => (withBias && j === d - 1 ? 0 : l2 * b));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j && !(withBias && i === d - 1) ? l2 : i === j ? 1e-9 : 0)));
    rows.forEach((x, n) => {
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ys[n]) * ws[n];
      const h = p * (1 - p) * ws[n];
      for (let i = 0; i < d; i++) {
        grad[i] += g * x[i];
        const hx = h * x[i];
        for (let j = i; j < d; j++) hess[i][j] += hx * x[j];
      }
    });
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) hess[i][j] = hess[j][i];
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - step[j]);
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-9) break;
  }
  return beta;
}

/** Plain weighted logistic regression with a bias: [w..., bias]. */
export function fitLogistic(xs: number[][], ys: number[], l2 = 1e-6): number[] {
  return newtonLogistic(xs, ys, xs.map(() => 1), l2, true);
}

export function trainRanker(lists: readonly QueryCandidates[], kind: RankerKind, l2: number): Ranker {
  const { mean, scale } = standardisation(lists);
  const std = (x: number[]) => x.map((v, j) => (v - mean[j]) / scale[j]);
  if (kind === "pointwise") {
    const xs: number[][] = [];
    const ys: number[] = [];
    const ws: number[] = [];
    for (const l of lists) {
      // Each claim counts once, whatever the length of its candidate list; its matches as much as its non-matches.
      const pos = l.rows.filter((r) => r.label === 1).length;
      if (pos === 0) continue;
      const neg = l.rows.length - pos;
      for (const r of l.rows) {
        xs.push(std(r.features));
        ys.push(r.label);
        ws.push(r.label === 1 ? 1 / pos : 1 / Math.max(1, neg));
      }
    }
    const beta = newtonLogistic(xs, ys, ws, l2, true);
    return { mean, scale, weights: beta.slice(0, -1), bias: beta[beta.length - 1] };
  }
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const l of lists) {
    const pos = l.rows.filter((r) => r.label === 1);
    const neg = l.rows.filter((r) => r.label === 0);
    if (pos.length === 0 || neg.length === 0) continue;
    const w = 1 / (pos.length * neg.length);
    for (const p of pos) {
      const sp = std(p.features);
      for (const n of neg) {
        const sn = std(n.features);
        // Both orientations, so the fit is symmetric without a bias term.
        const diff = sp.map((v, j) => v - sn[j]);
        xs.push(diff, diff.map((v) => -v));
        ys.push(1, 0);
        ws.push(w, w);
      }
    }
  }
  const beta = newtonLogistic(xs, ys, ws, l2, false);
  return { mean, scale, weights: beta, bias: 0 };
}

export function linearScore(ranker: Ranker, x: readonly number[]): number {
  let z = ranker.bias;
  for (let j = 0; j < ranker.weights.length; j++) z += ranker.weights[j] * ((x[j] - ranker.mean[j]) / ranker.scale[j]);
  return z;
}
