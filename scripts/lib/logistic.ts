import type { SparseVector } from "../../lib/extract/features";
import { seededRandom, shuffle } from "./checkworthiness-data";

export interface TrainOptions {
  dimension: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /**
   * L2 of the hashed n-gram weights (coordinates below hashedDimension), when it differs from l2: a
   * stronger pull to zero keeps the debate-heavy word weights from outvoting the named features on articles.
   */
  l2Hashed?: number;
  hashedDimension?: number;
  /**
   * Coordinates from domainStart on are domain copies (see cv.ts, "domain copies"), pulled to zero by
   * l2Domain: the shared weight carries what debates and articles agree on, each copy what only its domain shows.
   */
  domainStart?: number;
  l2Domain?: number;
  seed: number;
  /** Called after each epoch with the current weights (for picking the epoch count on validation). */
  onEpoch?: (epoch: number, model: LinearModel) => void;
  /**
   * Return (and report to onEpoch) the mean of the weights at the end of each epoch so far instead of
   * the last ones: averaging smooths out the order-dependent noise of one-example-at-a-time updates.
   */
  average?: boolean;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function predict(model: LinearModel, x: SparseVector): number {
  let z = model.bias;
  for (let k = 0; k < x.indices.length; k++) z += model.weights[x.indices[k]] * x.values[k];
  return sigmoid(z);
}

/**
 * L2-regularised logistic regression trained with AdaGrad on one example at a time.
 * The regulariser is applied to the coordinates an example touches, which keeps
 * updates sparse; everything runs in a fixed, seeded order so reruns are identical.
 */
export function trainLogistic(
  xs: SparseVector[],
  ys: number[],
  sampleWeights: number[],
  options: TrainOptions,
): LinearModel {
  const model: LinearModel = { weights: new Float64Array(options.dimension), bias: 0 };
  const squaredGradients = new Float64Array(options.dimension).fill(1e-8);
  let biasSquaredGradient = 1e-8;
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const hashedEnd = options.l2Hashed === undefined ? 0 : (options.hashedDimension ?? 0);
  const l2Hashed = options.l2Hashed ?? options.l2;
  const domainStart = options.domainStart ?? options.dimension;
  const l2Domain = options.l2Domain ?? options.l2;

  const sum: LinearModel | undefined = options.average ? { weights: new Float64Array(options.dimension), bias: 0 } : undefined;
  const averaged = (epochs: number): LinearModel => {
    const out = { weights: new Float64Array(options.dimension), bias: sum!.bias / epochs };
    for (let j = 0; j < out.weights.length; j++) out.weights[j] = sum!.weights[j] / epochs;
    return out;
  };
  let result = model;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const i of shuffle(order, random)) {
      const x = xs[i];
      const error = (predict(model, x) - ys[i]) * sampleWeights[i];
      for (let k = 0; k < x.indices.length; k++) {
        const j = x.indices[k];
        const g = error * x.values[k] + (j < hashedEnd ? l2Hashed : j >= domainStart ? l2Domain : options.l2) * model.weights[j];
        squaredGradients[j] += g * g;
        model.weights[j] -= (options.learningRate * g) / Math.sqrt(squaredGradients[j]);
      }
      biasSquaredGradient += error * error;
      model.bias -= (options.learningRate * error) / Math.sqrt(biasSquaredGradient);
    }
    if (sum) {
      for (let j = 0; j < sum.weights.length; j++) sum.weights[j] += model.weights[j];
      sum.bias += model.bias;
      result = averaged(epoch);
    }
    options.onEpoch?.(epoch, result);
  }
  return result;
}
