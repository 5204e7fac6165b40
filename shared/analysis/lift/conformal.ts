import { crossVec, gram, subtractScaled } from './linalg.ts';
import { makeRng } from './prng.ts';
import { centerBlock, imbalanceProjection, ridgeAdjust, ridgeFactor } from './ridge.ts';
import { demean } from './fixed-effects.ts';
import { LARGE_PANEL } from './ridge-cv.ts';
import { simplexQp } from './simplex.ts';

/**
 * Conformal inference for synthetic control (Chernozhukov, Wüthrich & Zhu 2021, as in augsynth
 * `conformal_inf`): under H0 "effect = tau in every test period", subtract tau from the treated test
 * values, refit on pre + test periods, and compare |sum of test-period residuals| with random
 * reassignments of residuals to periods. The control Gram matrix and ridge factor do not depend on tau,
 * so each null costs one warm-started QP.
 */
export interface ConformalSetup { pAt(tau: number, stat?: 'abs' | 'sum'): number; residualsAt(tau: number): Float64Array; perms: Int32Array; nPost: number; cols: number }

export function conformalSetup(yC: Float64Array[], x1: Float64Array, t0: number, t1: number,
  opts: { lambda: number | null; fixedEffects: boolean; permutations: number; seed: number; gram?: Float64Array; warm?: Float64Array }): ConformalSetup {
  const cols = t1; const nPost = t1 - t0; const n = yC.length;
  const ctrl = opts.fixedEffects ? yC.map((r) => demean(r, cols).row) : yC;
  // opts.gram: the same Gram, from shared prefix Grams (large panels); K then follows from it.
  const g = opts.gram ?? gram(ctrl, 0, cols);
  const blk = opts.lambda !== null ? centerBlock(ctrl, x1, cols, opts.gram) : null;
  const factor = blk && opts.lambda !== null ? ridgeFactor(blk.k, n, opts.lambda) : null;
  const colMean = new Float64Array(cols);
  for (const r of ctrl) for (let t = 0; t < cols; t++) colMean[t] = colMean[t]! + r[t]! / n;
  // iid permutations: each draws nPost distinct periods out of all cols (common across tau)
  const ns = opts.permutations;
  const rng = makeRng(opts.seed);
  const perms = new Int32Array(ns * nPost);
  const idx = new Int32Array(cols);
  for (let s = 0; s < ns; s++) {
    for (let i = 0; i < cols; i++) idx[i] = i;
    for (let k = 0; k < nPost; k++) { const j = k + rng.int(cols - k); const tmp = idx[k]!; idx[k] = idx[j]!; idx[j] = tmp; perms[s * nPost + k] = idx[k]!; }
  }
  let warm = opts.warm;
  // Large panels: every null's QP shares G, so the active-set factor is carried from one to the next.
  const reuse = n * cols > LARGE_PANEL ? {} : undefined;
  const residualsAt = (tau: number): Float64Array => {
    const x = Float64Array.from(x1.subarray(0, cols));
    for (let t = t0; t < t1; t++) x[t] = x[t]! - tau;
    const xd = opts.fixedEffects ? demean(x, cols).row : x;
    const b = crossVec(ctrl, xd, 0, cols);
    const syn = simplexQp(g, b, { warm, reuse });
    warm = syn;
    let w = syn;
    if (blk && factor) {
      for (let t = 0; t < cols; t++) blk.x1c[t] = xd[t]! - colMean[t]!;
      const adj = ridgeAdjust(factor, n, imbalanceProjection(blk, syn));
      w = new Float64Array(n);
      for (let a = 0; a < n; a++) w[a] = syn[a]! + adj[a]!;
    }
    const e = Float64Array.from(xd);
    for (let a = 0; a < n; a++) subtractScaled(e, ctrl[a]!, w[a]!, cols);
    return e;
  };
  /**
   * 'abs': sum of absolute test-period residuals (CWZ q = 1, GeoLift "Total"): sharp null of no effect in any period.
   * 'sum': absolute value of the residual sum: null of a given average effect (used to invert for the interval).
   */
  const pAt = (tau: number, stat: 'abs' | 'sum' = 'sum'): number => {
    const e = residualsAt(tau);
    const a = stat === 'abs' ? e.map(Math.abs) : e;
    let obs = 0;
    for (let t = t0; t < t1; t++) obs += a[t]!;
    obs = Math.abs(obs);
    let count = 0;
    for (let s = 0; s < ns; s++) if (Math.abs(permutedSum(a, perms, s * nPost, nPost)) >= obs - 1e-9 * (1 + obs)) count++;
    return (1 + count) / (1 + ns); // +1: the observed assignment is one of the permutations
  };
  return { pAt, residualsAt, perms, nPost, cols };
}

/**
 * The sum of a over one permutation's periods, perms[from .. from + n): a function of its own,
 * called thousands of times, so that V8 optimises it early (see linalg.ts).
 */
function permutedSum(a: Float64Array, perms: Int32Array, from: number, n: number): number {
  let z = 0;
  for (let k = 0; k < n; k++) z += a[perms[from + k]!]!;
  return z;
}

/**
 * Confidence interval for a constant effect by inverting the conformal test over a grid around the
 * estimate, refining each edge by bisection. Returns [low, high].
 */
export function invertTest(pAt: (tau: number) => number, est: number, scale: number, alpha: number, gridSize = 25): [number, number] {
  let h = Math.max(scale, 1e-9 * (1 + Math.abs(est)));
  let grid: number[] = []; let ps: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    grid = Array.from({ length: gridSize }, (_, i) => est - h + (2 * h * i) / (gridSize - 1));
    ps = grid.map(pAt);
    if (ps[0]! < alpha && ps[gridSize - 1]! < alpha) break;
    h *= 2;
  }
  const acc = ps.map((p) => p >= alpha);
  let lo = acc.indexOf(true); let hi = acc.lastIndexOf(true);
  if (lo < 0) { // nothing accepted on the grid: the interval is narrower than the grid step around the best point
    const best = ps.indexOf(Math.max(...ps));
    lo = best; hi = best;
  }
  const refine = (inside: number, outside: number): number => {
    let a = inside; let b = outside;
    for (let i = 0; i < 12; i++) { const m = (a + b) / 2; if (pAt(m) >= alpha) a = m; else b = m; }
    return a;
  };
  const low = lo > 0 ? refine(grid[lo]!, grid[lo - 1]!) : grid[0]!;
  const high = hi < gridSize - 1 ? refine(grid[hi]!, grid[hi + 1]!) : grid[gridSize - 1]!;
  return [low, high];
}
