import { crossVec, gram } from './linalg.ts';
import { centerBlock, chooseLambda, imbalanceProjection, lambdaPath, ridgeAdjust, ridgeFactor } from './ridge.ts';
import { simplexQp } from './simplex.ts';

/** Fitted (augmented) synthetic control. */
export interface AscmFit { weights: Float64Array; synth: Float64Array; lambda: number | null; folds: number; ridgeFailed?: boolean }

export interface AscmOptions { ridge?: boolean; lambda?: number; maxFolds?: number; warm?: Float64Array }

/**
 * Fit ridge-augmented SCM on columns [0, cols): simplex weights matching the treated mean series,
 * plus a ridge correction with lambda chosen by leave-one-period-out CV (augsynth `cv_lambda`,
 * holdout_length = 1, one-SE rule). For large panels CV uses `maxFolds` evenly spaced folds.
 */
export function fitAscm(yC: Float64Array[], x1: Float64Array, cols: number, opts: AscmOptions = {}): AscmFit {
  const n = yC.length;
  const g = gram(yC, 0, cols);
  const b = crossVec(yC, x1, 0, cols);
  const synth = simplexQp(g, b, { warm: opts.warm });
  const plain = { weights: synth, synth, lambda: null, folds: 0 };
  if (opts.ridge === false || n < 2) return plain;
  try {
    return ridgeAugment(yC, x1, cols, g, b, synth, opts);
  } catch {
    // The ridge system can be singular (e.g. two controls that mirror each other): plain SCM, never a crash.
    return { ...plain, ridgeFailed: true };
  }
}

function ridgeAugment(yC: Float64Array[], x1: Float64Array, cols: number, g: Float64Array, b: Float64Array, synth: Float64Array, opts: AscmOptions): AscmFit {
  const n = yC.length;
  const blk = centerBlock(yC, x1, cols);
  let lambda = opts.lambda;
  let folds = 0;
  if (lambda === undefined) {
    const lambdas = lambdaPath(blk.k, n);
    const all = Array.from({ length: cols - 1 }, (_, i) => i); // augsynth never holds out the last period
    const maxFolds = opts.maxFolds ?? (n * cols <= 20000 ? all.length : 12);
    const foldIdx = all.length <= maxFolds ? all : Array.from({ length: maxFolds }, (_, f) => Math.floor(((f + 0.5) * all.length) / maxFolds));
    folds = foldIdx.length;
    const errors: number[][] = [];
    for (const i of foldIdx) {
      const gf = Float64Array.from(g); const bf = Float64Array.from(b);
      for (let a = 0; a < n; a++) {
        bf[a] = bf[a]! - yC[a]![i]! * x1[i]!;
        for (let c = 0; c < n; c++) gf[a * n + c] = gf[a * n + c]! - yC[a]![i]! * yC[c]![i]!;
      }
      const syn = simplexQp(gf, bf, { warm: synth });
      const kf = Float64Array.from(blk.k);
      for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) kf[a * n + c] = kf[a * n + c]! - blk.xc[a]![i]! * blk.xc[c]![i]!;
      const v = imbalanceProjection(blk, syn, i);
      const row: number[] = [];
      for (const lam of lambdas) {
        const adj = ridgeAdjust(ridgeFactor(kf, n, lam), n, v);
        let pred = 0;
        for (let a = 0; a < n; a++) pred += (syn[a]! + adj[a]!) * blk.xc[a]![i]!;
        row.push((blk.x1c[i]! - pred) ** 2);
      }
      errors.push(row);
    }
    lambda = chooseLambda(lambdas, errors);
  }
  const adj = ridgeAdjust(ridgeFactor(blk.k, n, lambda), n, imbalanceProjection(blk, synth));
  const weights = new Float64Array(n);
  for (let a = 0; a < n; a++) weights[a] = synth[a]! + adj[a]!;
  return { weights, synth, lambda, folds };
}

/** Counterfactual treated-mean series: sum_i w_i y_i,t for all columns. */
export function predictScm(yC: Float64Array[], w: Float64Array, len: number): Float64Array {
  const out = new Float64Array(len);
  for (let a = 0; a < yC.length; a++) { const r = yC[a]!; const wa = w[a]!; if (wa === 0) continue; for (let t = 0; t < len; t++) out[t] = out[t]! + wa * r[t]!; }
  return out;
}
