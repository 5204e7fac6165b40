/**
 * Leave-one-period-out cross-validation of the ridge penalty (augsynth `cv_lambda`, holdout_length
 * = 1): per held-out period i, SCM weights on the other periods, the ridge correction for each
 * lambda of the path, and the squared error of the held-out period.
 */
import type { FreeSetFactor } from './free-set-factor.ts';
import { imbalanceProjection, ridgeAdjust, ridgeFactor, type CenteredBlock } from './ridge.ts';
import { simplexQp } from './simplex.ts';
import { Tridiagonal } from './tridiagonal.ts';
import { subtractScaled } from './linalg.ts';

/** Above this many control-period cells a panel is "large": CV uses the shared-factor form below. */
export const LARGE_PANEL = 20000;

interface Fold { i: number; syn: Float64Array; v: Float64Array }

/**
 * SCM weights without period i (warm-started from the full fit) and the imbalance they leave.
 * Given the full fit's free-set factor, the fold's starts from its rank-one downdate (G loses period
 * i's outer product) instead of a refactorisation.
 */
function fold(yC: Float64Array[], x1: Float64Array, g: Float64Array, b: Float64Array, blk: CenteredBlock, synth: Float64Array, i: number, synthFactor?: FreeSetFactor): Fold {
  const n = yC.length;
  const gf = Float64Array.from(g); const bf = Float64Array.from(b);
  const col = Float64Array.from(yC, (r) => r[i]!);
  for (let a = 0; a < n; a++) {
    bf[a] = bf[a]! - col[a]! * x1[i]!;
    subtractScaled(gf, col, col[a]!, n, a * n);
  }
  const factor = synthFactor?.downdated(gf, col) ?? undefined;
  const syn = simplexQp(gf, bf, { warm: synth, ...(factor ? { reuse: { factor } } : {}) });
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
 * The same errors from one tridiagonalisation K = Q T Q' shared by every lambda and fold: a fold's
 * system is K - u u' + lambda I (u = period i of the centred controls), solved by Sherman-Morrison,
 * (A - uu')^-1 v = A^-1 v + A^-1 u (u'A^-1 v) / (1 - u'A^-1 u), with A^-1 = Q (T + lambda I)^-1 Q'.
 * The held-out prediction needs only u'(adjustment) = u'A^-1 v / (1 - u'A^-1 u), so after rotating
 * u and v once per fold every lambda costs O(n). Equal to the reference up to rounding; a fold whose
 * denominator is too small for that to hold is factored directly. Returns the tridiagonal form too,
 * for the chosen lambda's adjustment.
 */
export function cvErrorsShared(yC: Float64Array[], x1: Float64Array, g: Float64Array, b: Float64Array, blk: CenteredBlock, synth: Float64Array, lambdas: number[], folds: number[], synthFactor?: FreeSetFactor): { errors: number[][]; tri: Tridiagonal } {
  const n = yC.length;
  const tri = new Tridiagonal(blk.k, n);
  const errors = folds.map((i) => {
    const f = fold(yC, x1, g, b, blk, synth, i, synthFactor);
    const u = Float64Array.from(blk.xc, (r) => r[i]!);
    const ut = tri.toT(u); const vt = tri.toT(f.v);
    let synPred = 0;
    for (let a = 0; a < n; a++) synPred += f.syn[a]! * u[a]!;
    return lambdas.map((lam) => {
      const au = tri.solveT(lam, ut); const av = tri.solveT(lam, vt);
      let uau = 0; let uav = 0;
      for (let a = 0; a < n; a++) { uau += ut[a]! * au[a]!; uav += ut[a]! * av[a]!; }
      const denom = 1 - uau;
      if (denom > 1e-6) return (blk.x1c[i]! - synPred - uav / denom) ** 2;
      const kf = Float64Array.from(blk.k);
      for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) kf[a * n + c] = kf[a * n + c]! - u[a]! * u[c]!;
      return heldOutError(blk, f, ridgeAdjust(ridgeFactor(kf, n, lam), n, f.v));
    });
  });
  return { errors, tri };
}
