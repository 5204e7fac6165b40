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
export interface ConformalSetup {
  pAt(tau: number, stat?: 'abs' | 'sum'): number; residualsAt(tau: number): Float64Array; perms: Int32Array; nPost: number; cols: number;
  /** Large panels: nulls between two solved ones of one support are interpolated (see residualsAt), so a grid is best taken ends first. */
  interpolates: boolean;
  /** How many nulls were solved (QP and ridge) so far; the rest were interpolated. */
  nullsSolved(): number;
}

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
  let solves = 0;
  const solve = (tau: number): Solved => {
    solves++;
    const x = Float64Array.from(x1.subarray(0, cols));
    for (let t = t0; t < t1; t++) x[t] = x[t]! - tau;
    const xd = opts.fixedEffects ? demean(x, cols).row : x;
    const b = crossVec(ctrl, xd, 0, cols);
    const report = { exact: false };
    const syn = simplexQp(g, b, { warm, reuse, report });
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
    return { tau, e, support: report.exact ? supportOf(syn) : null };
  };
  /**
   * The nulls solved so far, by tau. Under H0 "effect = tau" the QP's right-hand side moves linearly
   * with tau, and while the weights keep the same support the optimum (and so every residual) moves
   * linearly too: the same support at two taus means the same at every tau between them (KKT
   * points with one support combine convexly). So a tau between two solved nulls of one support is
   * interpolated exactly (to rounding) instead of solved: most of the interval's grid and bisection.
   */
  const solved: Solved[] = [];
  // Small panels solve every null, as the recorded answers were (bit for bit).
  const interpolates = reuse !== undefined;
  /** The test-period residuals under H0 "effect = tau" (read-only: a solved null's are kept). */
  const residualsAt = (tau: number): Float64Array => {
    if (!interpolates) return solve(tau).e;
    let i = 0;
    while (i < solved.length && solved[i]!.tau < tau) i++;
    const hi = solved[i]; const lo = solved[i - 1];
    if (hi && hi.tau === tau) return hi.e;
    if (lo && hi && sameSupport(lo.support, hi.support)) return between(lo, hi, tau);
    const s = solve(tau);
    solved.splice(i, 0, s);
    return s.e;
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
  return { pAt, residualsAt, perms, nPost, cols, interpolates, nullsSolved: () => solves };
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

/** A null solved at tau: its residuals and the support of its QP weights (null when the QP was not solved exactly). */
interface Solved { tau: number; e: Float64Array; support: Uint8Array | null }

function supportOf(w: Float64Array): Uint8Array {
  const s = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) s[i] = w[i]! > 0 ? 1 : 0;
  return s;
}

function sameSupport(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The residuals at tau on the line through two solved nulls of one support. */
function between(lo: Solved, hi: Solved, tau: number): Float64Array {
  const theta = (tau - lo.tau) / (hi.tau - lo.tau);
  const e = new Float64Array(lo.e.length);
  for (let t = 0; t < e.length; t++) e[t] = lo.e[t]! + theta * (hi.e[t]! - lo.e[t]!);
  return e;
}

/**
 * Confidence interval for a constant effect by inverting the conformal test over a grid around the
 * estimate, refining each edge by bisection. Returns [low, high]. `endsFirst` takes the grid's
 * p-values in another order (the same values) for a test that interpolates (ConformalSetup.interpolates).
 */
export function invertTest(pAt: (tau: number) => number, est: number, scale: number, alpha: number, opts: { gridSize?: number; endsFirst?: boolean } = {}): [number, number] {
  const gridSize = opts.gridSize ?? 25;
  let h = Math.max(scale, 1e-9 * (1 + Math.abs(est)));
  let grid: number[] = []; let ps: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    grid = Array.from({ length: gridSize }, (_, i) => est - h + (2 * h * i) / (gridSize - 1));
    ps = opts.endsFirst ? gridValues(grid, pAt) : grid.map(pAt);
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

/**
 * f at every grid point, the same values as grid.map(f), taken ends first and then halving inward:
 * a p-value function that interpolates between the points it solved (conformalSetup) then solves
 * only where its weights change support.
 */
export function gridValues(grid: number[], f: (x: number) => number): number[] {
  const out = new Array<number>(grid.length);
  const last = grid.length - 1;
  const fill = (a: number, b: number): void => {
    if (b - a < 2) return;
    const m = (a + b) >> 1;
    out[m] = f(grid[m]!);
    fill(a, m);
    fill(m, b);
  };
  out[0] = f(grid[0]!);
  if (last > 0) out[last] = f(grid[last]!);
  fill(0, last);
  return out;
}
