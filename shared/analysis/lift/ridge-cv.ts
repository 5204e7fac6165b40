/**
 * Leave-one-period-out cross-validation of the ridge penalty (augsynth `cv_lambda`, holdout_length
 * = 1): per held-out period i, SCM weights on the other periods, the ridge correction for each
 * lambda of the path, and the squared error of the held-out period.
 */
import { cholSolve } from './linalg.ts';
import { imbalanceProjection, ridgeAdjust, ridgeFactor, type CenteredBlock } from './ridge.ts';
import { simplexQp } from './simplex.ts';

/** Above this many control-period cells a panel is "large": CV uses the shared-factor form below. */
export const LARGE_PANEL = 20000;

interface Fold { i: number; syn: Float64Array; v: Float64Array }

/** SCM weights without period i (warm-started from the full fit) and the imbalance they leave. */
function fold(yC: Float64Array[], x1: Float64Array, g: Float64Array, b: Float64Array, blk: CenteredBlock, synth: Float64Array, i: number): Fold {
  const n = yC.length;
  const gf = Float64Array.from(g); const bf = Float64Array.from(b);
  for (let a = 0; a < n; a++) {
    bf[a] = bf[a]! - yC[a]![i]! * x1[i]!;
    for (let c = 0; c < n; c++) gf[a * n + c] = gf[a * n + c]! - yC[a]![i]! * yC[c]![i]!;
  }
  const syn = simplexQp(gf, bf, { warm: synth });
  return { i, syn, v: imbalanceProjection(blk, syn, i) };
}

const heldOutError = (blk: CenteredBlock, f: Fold, adj: Float64Array): number => {
  let pred = 0;
  for (let a = 0; a < blk.n; a++) pred += (f.syn[a]! + adj[a]!) * blk.xc[a]![f.i]!;
  return (blk.x1c[f.i]! - pred) ** 2;
};

/** errors[fold][lambda], each fold's ridge system factored anew for every lambda (the reference form). */
export function cvErrorsExact(yC: Float64Array[], x1: Float64Array, g: Float64Array, b: Float64Array, blk: CenteredBlock, synth: Float64Array, lambdas: number[], folds: number[]): number[][] {
  const n = yC.length;
  return folds.map((i) => {
    const f = fold(yC, x1, g, b, blk, synth, i);
    const kf = Float64Array.from(blk.k);
    for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) kf[a * n + c] = kf[a * n + c]! - blk.xc[a]![i]! * blk.xc[c]![i]!;
    return lambdas.map((lam) => heldOutError(blk, f, ridgeAdjust(ridgeFactor(kf, n, lam), n, f.v)));
  });
}

/**
 * The same errors with one factor of K + lambda I per lambda, shared by every fold: a fold's system
 * is K - u u' + lambda I (u = period i of the centred controls), solved by Sherman-Morrison,
 * (A - uu')^-1 v = A^-1 v + A^-1 u (u'A^-1 v) / (1 - u'A^-1 u). Equal to the reference up to
 * rounding; a fold whose denominator is too small for that to hold is factored directly.
 * Returns the factors too, so the chosen lambda's is not computed again.
 */
export function cvErrorsShared(yC: Float64Array[], x1: Float64Array, g: Float64Array, b: Float64Array, blk: CenteredBlock, synth: Float64Array, lambdas: number[], folds: number[]): { errors: number[][]; factors: Map<number, Float64Array> } {
  const n = yC.length;
  const fs = folds.map((i) => fold(yC, x1, g, b, blk, synth, i));
  const us = fs.map((f) => Float64Array.from(blk.xc, (r) => r[f.i]!));
  const errors = fs.map(() => new Array<number>(lambdas.length));
  const factors = new Map<number, Float64Array>();
  lambdas.forEach((lam, j) => {
    const factor = ridgeFactor(blk.k, n, lam);
    factors.set(lam, factor);
    fs.forEach((f, k) => {
      const u = us[k]!;
      const au = cholSolve(factor, n, u); const av = cholSolve(factor, n, f.v);
      let uau = 0; let uav = 0;
      for (let a = 0; a < n; a++) { uau += u[a]! * au[a]!; uav += u[a]! * av[a]!; }
      const denom = 1 - uau;
      let adj: Float64Array;
      if (denom > 1e-6) {
        adj = new Float64Array(n);
        for (let a = 0; a < n; a++) adj[a] = av[a]! + (au[a]! * uav) / denom;
      } else {
        const kf = Float64Array.from(blk.k);
        for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) kf[a * n + c] = kf[a * n + c]! - u[a]! * u[c]!;
        adj = ridgeAdjust(ridgeFactor(kf, n, lam), n, f.v);
      }
      errors[k]![j] = heldOutError(blk, f, adj);
    });
  });
  return { errors, factors };
}
