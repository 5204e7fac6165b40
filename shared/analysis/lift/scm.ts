import { crossVec, gram } from './linalg.ts';
import { centerBlock, chooseLambda, imbalanceProjection, lambdaPath, ridgeAdjust, ridgeFactor } from './ridge.ts';
import { cvErrorsExact, cvErrorsShared, LARGE_PANEL } from './ridge-cv.ts';
import type { FreeSetFactor } from './free-set-factor.ts';
import { simplexQp } from './simplex.ts';
import type { FactorBox } from './simplex-active.ts';
import type { Tridiagonal } from './tridiagonal.ts';

/** Fitted (augmented) synthetic control. */
export interface AscmFit { weights: Float64Array; synth: Float64Array; lambda: number | null; folds: number; ridgeFailed?: boolean }

export interface AscmOptions {
  ridge?: boolean; lambda?: number; maxFolds?: number; warm?: Float64Array;
  /** Gram of yC over [0, cols) when the caller has it (placebo fits share prefix Grams) */
  gram?: Float64Array;
}

/**
 * Fit ridge-augmented SCM on columns [0, cols): simplex weights matching the treated mean series,
 * plus a ridge correction with lambda chosen by leave-one-period-out CV (augsynth `cv_lambda`,
 * holdout_length = 1, one-SE rule). For large panels CV uses `maxFolds` evenly spaced folds and
 * one ridge factor per lambda shared by the folds (ridge-cv.ts).
 */
export function fitAscm(yC: Float64Array[], x1: Float64Array, cols: number, opts: AscmOptions = {}): AscmFit {
  const n = yC.length;
  const g = opts.gram ?? gram(yC, 0, cols);
  const b = crossVec(yC, x1, 0, cols);
  // Large panels keep the fit's free-set factor: the CV folds start from its downdates.
  const box: FactorBox = {};
  const synth = simplexQp(g, b, { warm: opts.warm, ...(n * cols > LARGE_PANEL ? { reuse: box } : {}) });
  const plain = { weights: synth, synth, lambda: null, folds: 0 };
  if (opts.ridge === false || n < 2) return plain;
  try {
    return ridgeAugment(yC, x1, cols, g, b, synth, opts, box.factor);
  } catch {
    // The ridge system can be singular (e.g. two controls that mirror each other): plain SCM, never a crash.
    return { ...plain, ridgeFailed: true };
  }
}

function ridgeAugment(yC: Float64Array[], x1: Float64Array, cols: number, g: Float64Array, b: Float64Array, synth: Float64Array, opts: AscmOptions, synthFactor?: FreeSetFactor): AscmFit {
  const n = yC.length;
  const large = n * cols > LARGE_PANEL;
  // Large panels derive K from the Gram already computed instead of another pass over the columns.
  const blk = centerBlock(yC, x1, cols, large ? g : undefined);
  let lambda = opts.lambda;
  let folds = 0;
  let tri: Tridiagonal | undefined;
  if (lambda === undefined) {
    const lambdas = lambdaPath(blk.k, n);
    const all = Array.from({ length: cols - 1 }, (_, i) => i); // augsynth never holds out the last period
    const maxFolds = opts.maxFolds ?? (large ? 12 : all.length);
    const foldIdx = all.length <= maxFolds ? all : Array.from({ length: maxFolds }, (_, f) => Math.floor(((f + 0.5) * all.length) / maxFolds));
    folds = foldIdx.length;
    if (large) {
      const cv = cvErrorsShared(yC, x1, g, b, blk, synth, lambdas, foldIdx, synthFactor);
      lambda = chooseLambda(lambdas, cv.errors);
      tri = cv.tri;
    } else lambda = chooseLambda(lambdas, cvErrorsExact(yC, x1, g, b, blk, synth, lambdas, foldIdx));
  }
  const v = imbalanceProjection(blk, synth);
  const adj = tri ? tri.solve(lambda, v) : ridgeAdjust(ridgeFactor(blk.k, n, lambda), n, v);
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
