import { FreeSetFactor } from './free-set-factor.ts';
import { addScaledAt } from './linalg.ts';

/** Holds the free-set factor between solves on the same G (see `reuse`). */
export interface FactorBox { factor?: FreeSetFactor }

/**
 * Exact primal active-set solver for min 0.5 w'Gw - b'w subject to w >= 0, sum(w) = 1
 * (the synthetic control problem). SCM solutions are sparse, so the working set stays small and
 * this is much faster and more precise than first-order methods on ill-conditioned series.
 * Returns null if it fails to converge (caller falls back to projected gradient).
 */
export function simplexActiveSet(g: Float64Array, b: Float64Array, warm?: Float64Array, maxIter = 2000, reuse?: FactorBox): Float64Array | null {
  const n = b.length;
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(g[i * n + i]!));
  if (!(maxDiag > 0)) return new Float64Array(n).fill(1 / n);
  const jitter = maxDiag * 1e-12;
  const w = new Float64Array(n);
  let free: number[] = [];
  if (warm && warm.length === n) {
    for (let i = 0; i < n; i++) if (warm[i]! > 0) { w[i] = warm[i]!; free.push(i); }
    const s = w.reduce((a, v) => a + v, 0);
    if (s > 0) for (let i = 0; i < n; i++) w[i] = w[i]! / s;
  }
  if (free.length === 0) {
    let best = 0; let bestV = Infinity;
    for (let i = 0; i < n; i++) { const v = 0.5 * g[i * n + i]! - b[i]!; if (v < bestV) { bestV = v; best = i; } }
    w[best] = 1; free = [best];
  }
  const tol = maxDiag * 1e-11;
  // The factor of the free block follows `free` (indices appended or dropped) instead of being rebuilt.
  // `reuse` (repeated solves on one G, large panels): when the warm support is the free set it
  // ended with last time, start from that factor, in its order, instead of factoring anew.
  const kept = reuse?.factor?.matrix === g ? reuse.factor : undefined;
  const factor = kept ?? new FreeSetFactor(g, n, jitter);
  if (reuse) reuse.factor = factor;
  let factored: boolean;
  if (kept && kept.size === free.length && kept.order.every((i) => w[i]! > 0)) {
    free = [...kept.order];
    factored = true;
  } else factored = factor.reset(free);
  const solveFree = (f: number[]): Float64Array | null => {
    if (!factored) return null;
    const m = f.length;
    const bf = new Float64Array(m); const ones = new Float64Array(m).fill(1);
    for (let i = 0; i < m; i++) bf[i] = b[f[i]!]!;
    const [u, v] = factor.solve2(bf, ones);
    let su = 0; let sv = 0;
    for (let i = 0; i < m; i++) { su += u[i]!; sv += v[i]!; }
    const mu = (su - 1) / sv;
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) z[i] = u[i]! - mu * v[i]!;
    return z;
  };
  const grad = new Float64Array(n);
  for (let iter = 0; iter < maxIter; iter++) {
    // inner loop: move to the optimum on the current free set, dropping indices that hit zero
    for (let inner = 0; inner < n + 5; inner++) {
      const z = solveFree(free);
      if (!z) return null;
      let alpha = 1; let blocking = -1;
      for (let k = 0; k < free.length; k++) {
        if (z[k]! <= 0) {
          const wi = w[free[k]!]!;
          const a = wi / (wi - z[k]!);
          if (a < alpha) { alpha = a; blocking = k; }
        }
      }
      for (let k = 0; k < free.length; k++) { const i = free[k]!; w[i] = w[i]! + alpha * (z[k]! - w[i]!); }
      if (blocking < 0) break;
      w[free[blocking]!] = 0;
      free = free.filter((i) => w[i]! > 1e-15);
      if (free.length === 0) return null;
      factored = factor.keep(free);
    }
    // optimality: reduced costs of excluded indices must be non-negative
    // The gradient Gw - b, accumulated row j of G at a time over the free j (G is symmetric, so
    // row j is column j): each entry adds the same products in the same order as a dot product of
    // row i with w would, but G is read row by row and only the free rows.
    for (let i = 0; i < n; i++) grad[i] = -b[i]!;
    for (const j of free) addScaledAt(grad, g, j * n, w[j]!, n);
    let nu = 0;
    for (const i of free) nu += grad[i]!;
    nu /= free.length;
    const inFree = new Uint8Array(n);
    for (const i of free) inFree[i] = 1;
    let enter = -1; let most = -tol;
    for (let i = 0; i < n; i++) {
      if (inFree[i]) continue;
      const d = grad[i]! - nu;
      if (d < most) { most = d; enter = i; }
    }
    if (enter < 0) {
      for (let i = 0; i < n; i++) if (!inFree[i]) w[i] = 0;
      return w;
    }
    free.push(enter);
    factored = factor.push(enter);
  }
  return null;
}
