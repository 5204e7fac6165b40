import { maxEigen } from './linalg.ts';
import { simplexActiveSet, type FactorBox } from './simplex-active.ts';

/** Euclidean projection of v onto the probability simplex {w >= 0, sum w = 1}. */
export function projectSimplex(v: Float64Array, out: Float64Array = new Float64Array(v.length)): Float64Array {
  const n = v.length;
  const u = Float64Array.from(v).sort().reverse();
  let css = 0; let theta = 0;
  for (let i = 0; i < n; i++) {
    css += u[i]!;
    const t = (css - 1) / (i + 1);
    if (u[i]! - t > 0) theta = t;
  }
  for (let i = 0; i < n; i++) out[i] = Math.max(v[i]! - theta, 0);
  return out;
}

/** Options for the simplex-constrained quadratic program. */
export interface SimplexQpOptions {
  warm?: Float64Array; maxIter?: number; tol?: number; lipschitz?: number;
  /** a factor kept between solves on the same G (see simplexActiveSet) */
  reuse?: FactorBox;
  /** set to whether the exact active-set solver answered (its weights are exactly 0 off their support) */
  report?: { exact: boolean };
}

/**
 * Minimise 0.5 w'Gw - b'w over the simplex (synthetic-control weights) with FISTA and adaptive restart.
 * G is the Gram matrix of control pre-period outcomes, b the cross product with the treated series.
 */
export function simplexQp(g: Float64Array, b: Float64Array, opts: SimplexQpOptions = {}): Float64Array {
  const n = b.length;
  if (n === 1) {
    if (opts.report) opts.report.exact = true;
    return new Float64Array([1]);
  }
  const exact = simplexActiveSet(g, b, opts.warm, undefined, opts.reuse);
  if (opts.report) opts.report.exact = exact !== null;
  if (exact) return exact;
  const L = opts.lipschitz ?? maxEigen(g, n);
  if (!(L > 0)) return new Float64Array(n).fill(1 / n);
  const step = 1 / L;
  const maxIter = opts.maxIter ?? 20000;
  const tol = opts.tol ?? 1e-11;
  let w = opts.warm ? Float64Array.from(opts.warm) : new Float64Array(n).fill(1 / n);
  let y = Float64Array.from(w);
  let tk = 1;
  const grad = new Float64Array(n);
  const z = new Float64Array(n);
  let next = new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    for (let i = 0; i < n; i++) {
      let s = -b[i]!;
      const row = i * n;
      for (let j = 0; j < n; j++) s += g[row + j]! * y[j]!;
      grad[i] = s;
    }
    for (let i = 0; i < n; i++) z[i] = y[i]! - step * grad[i]!;
    projectSimplex(z, next);
    let diff = 0; let dot = 0;
    for (let i = 0; i < n; i++) {
      const d = next[i]! - w[i]!;
      diff = Math.max(diff, Math.abs(d));
      dot += (y[i]! - next[i]!) * d;
    }
    if (dot > 0 && tk > 1) { // gradient-based adaptive restart (O'Donoghue & Candes)
      tk = 1; y = Float64Array.from(w); continue;
    }
    const tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
    const mom = (tk - 1) / tNext;
    for (let i = 0; i < n; i++) y[i] = next[i]! + mom * (next[i]! - w[i]!);
    const tmp = w; w = next; next = tmp;
    tk = tNext;
    if (diff < tol) break;
  }
  return w;
}
