import { cholesky, cholSolve, dotFrom, gram, maxEigen, subtractScaled } from './linalg.ts';
import { centredFromGram } from './prefix-gram.ts';

/**
 * Ridge augmentation of synthetic control weights (Ben-Michael, Feller & Rothstein 2021, augsynth
 * progfunc="Ridge"). Works in the n-control dual form: (K + λI)^{-1} Xc r with K = Xc Xc', Xc the
 * control outcomes centred per period, r the SCM residual imbalance. The ridge part sums to zero.
 */
export interface CenteredBlock { xc: Float64Array[]; x1c: Float64Array; k: Float64Array; n: number; cols: number }

/**
 * Centre control rows and the treated series per column over [0, cols). Given the plain Gram of
 * the rows over the same columns, K is derived from it (O(n^2)) instead of another O(n^2 cols) pass.
 */
export function centerBlock(yC: Float64Array[], x1: Float64Array, cols: number, gramOfRows?: Float64Array): CenteredBlock {
  const n = yC.length;
  const mean = new Float64Array(cols);
  for (const r of yC) for (let t = 0; t < cols; t++) mean[t] = mean[t]! + r[t]! / n;
  const xc = yC.map((r) => { const o = new Float64Array(cols); for (let t = 0; t < cols; t++) o[t] = r[t]! - mean[t]!; return o; });
  const x1c = new Float64Array(cols);
  for (let t = 0; t < cols; t++) x1c[t] = x1[t]! - mean[t]!;
  if (gramOfRows) return { xc, x1c, k: centredFromGram(gramOfRows, n), n, cols };
  return { xc, x1c, k: gram(xc, 0, cols), n, cols };
}

/** v = Xc (x1c - Xc' w) restricted to columns not equal to `skip`: the imbalance pushed back onto controls. */
export function imbalanceProjection(blk: CenteredBlock, w: Float64Array, skip = -1): Float64Array {
  const { xc, x1c, n, cols } = blk;
  // r = x1c - sum_i w_i xc_i, row by row: each r[t] takes the same subtractions in the same order
  // as a loop over i inside a loop over t, without striding across the rows.
  const r = Float64Array.from(x1c.subarray(0, cols));
  for (let i = 0; i < n; i++) subtractScaled(r, xc[i]!, w[i]!, cols);
  const skipped = skip >= 0 && skip < cols;
  if (skipped) r[skip] = 0;
  const v = new Float64Array(n);
  // The column `skip` left out of each sum (not added as a zero), the rest in order.
  for (let i = 0; i < n; i++) v[i] = skipped ? dotFrom(xc[i]!, r, skip + 1, cols, dotFrom(xc[i]!, r, 0, skip)) : dotFrom(xc[i]!, r, 0, cols);
  return v;
}

/** Factor K + λI once so repeated ridge solves (conformal refits) are cheap. */
export function ridgeFactor(k: Float64Array, n: number, lambda: number): Float64Array {
  const a = Float64Array.from(k);
  for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + lambda;
  if (!cholesky(a, n)) throw new Error('ridge system not positive definite');
  return a;
}

/** Ridge weight adjustment given a factor from `ridgeFactor`. */
export function ridgeAdjust(factor: Float64Array, n: number, v: Float64Array): Float64Array {
  return cholSolve(factor, n, v);
}

/** augsynth's lambda path: lambda_max * scaler^(0..20) with scaler = 1e-8^(1/20). */
export function lambdaPath(k: Float64Array, n: number, nLambda = 20, minRatio = 1e-8): number[] {
  let lmax = maxEigen(k, n, 200);
  if (!(lmax > 0)) { lmax = 0; for (let i = 0; i < n; i++) lmax += k[i * n + i]! / n; }
  if (!(lmax > 0)) throw new Error('control series do not vary: no ridge path');
  const scaler = Math.pow(minRatio, 1 / nLambda);
  return Array.from({ length: nLambda + 1 }, (_, i) => lmax * Math.pow(scaler, i));
}

/** Pick lambda by the one-standard-error rule over per-fold squared errors (as augsynth `choose_lambda`). */
export function chooseLambda(lambdas: number[], errors: number[][]): number {
  const nf = errors.length;
  const mean = lambdas.map((_, j) => errors.reduce((s, e) => s + e[j]!, 0) / nf);
  const se = lambdas.map((_, j) => {
    const m = mean[j]!;
    const v = errors.reduce((s, e) => s + (e[j]! - m) ** 2, 0) / Math.max(nf - 1, 1);
    return Math.sqrt(v) / Math.sqrt(nf);
  });
  let best = 0;
  for (let j = 1; j < lambdas.length; j++) if (mean[j]! < mean[best]!) best = j;
  const thr = mean[best]! + se[best]!;
  let chosen = lambdas[best]!;
  for (let j = 0; j < lambdas.length; j++) if (mean[j]! <= thr && lambdas[j]! > chosen) chosen = lambdas[j]!;
  return chosen;
}
