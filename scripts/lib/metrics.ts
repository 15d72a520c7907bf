export function averagePrecision(scores: number[], labels: number[]): number {
  // Stable tie-break on original order keeps the metric deterministic.
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let hits = 0;
  let sum = 0;
  order.forEach(([, i], rank) => {
    if (labels[i] === 1) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits === 0 ? 0 : sum / hits;
}

/** Mean over groups (transcripts) of the average precision of each group's ranking. */
export function meanAveragePrecision(groups: Map<string, { scores: number[]; labels: number[] }>): {
  map: number;
  perGroup: Record<string, number>;
} {
  const perGroup: Record<string, number> = {};
  for (const [group, { scores, labels }] of groups) perGroup[group] = averagePrecision(scores, labels);
  const values = Object.values(perGroup);
  return { map: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), perGroup };
}

export function precisionRecallF1(scores: number[], labels: number[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (predicted && labels[i] === 1) tp++;
    else if (predicted) fp++;
    else if (labels[i] === 1) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Threshold maximising F1, searched over the observed scores. */
export function bestF1Threshold(scores: number[], labels: number[]): number {
  let best = { f1: -1, threshold: 0.5 };
  const candidates = [...new Set(scores.map((s) => Math.round(s * 100) / 100))].sort((a, b) => a - b);
  for (const threshold of candidates) {
    const { f1 } = precisionRecallF1(scores, labels, threshold);
    if (f1 > best.f1) best = { f1, threshold };
  }
  return best.threshold;
}
