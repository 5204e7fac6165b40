/**
 * Cholesky factor of G[free, free] + jitter I kept up to date as the active-set solver adds and
 * drops indices, instead of refactoring the whole m x m block every step (O(m^2) per added index
 * instead of O(m^3)). Every entry is computed by the same formula, in the same order of summation,
 * as `cholesky` in linalg.ts computes it from scratch, so the factor (and the solver's answer) is
 * bit for bit the one a full refactorisation gives: entries left of a dropped index are unchanged
 * because a Cholesky entry (i, j) depends only on rows and columns up to j. As `linalg.cholesky`
 * does, the factor's transpose is kept above the diagonal, for `cholSolve`.
 */
import { choleskyColumn, cholSolve, cholSolve2 } from './linalg.ts';

/** Problems with more indices than this drop indices by Givens rotations (see keep). */
export const GIVENS_FROM = 64;

export class FreeSetFactor {
  /** free indices, in factor order */
  readonly order: number[] = [];
  private readonly l: Float64Array;

  constructor(
    readonly matrix: Float64Array,
    private readonly n: number,
    private readonly jitter: number,
  ) {
    this.l = new Float64Array(n * n);
  }

  get size(): number {
    return this.order.length;
  }

  private entry(p: number, q: number): number {
    return this.matrix[this.order[p]! * this.n + this.order[q]!]! + (p === q ? this.jitter : 0);
  }

  /** Compute rows [from, m) of the factor; false when the block is not positive definite. */
  private rowsFrom(from: number): boolean {
    const { l, n } = this;
    const m = this.order.length;
    // Column-major like linalg.cholesky: column j's diagonal, then the rows below it.
    for (let j = 0; j < m; j++) {
      const rj = j * n;
      if (j >= from) {
        let d = this.entry(j, j);
        for (let k = 0; k < j; k++) d -= l[rj + k]! * l[rj + k]!;
        if (!(d > 0)) return false;
        l[rj + j] = Math.sqrt(d);
      }
      choleskyColumn(l, n, j, Math.max(j + 1, from), m, (i) => this.entry(i, j));
    }
    return true;
  }

  /** Add an index at the end; false when the enlarged block is not positive definite. */
  push(index: number): boolean {
    this.order.push(index);
    return this.rowsFrom(this.order.length - 1);
  }

  /**
   * Replace the free set by `next`, a subsequence of the current order (indices dropped, none added).
   * Above {@link GIVENS_FROM} indices a dropped one is taken out by Givens rotations (O(m^2) each,
   * equal to a refactorisation up to rounding); below, the trailing rows are recomputed (bit for bit).
   */
  keep(next: number[]): boolean {
    if (this.n > GIVENS_FROM) {
      const drop = new Set(this.order.filter((i) => !next.includes(i)));
      for (let k = this.order.length - 1; k >= 0; k--) if (drop.has(this.order[k]!) && !this.deleteAt(k)) return false;
      return true;
    }
    let first = 0;
    while (first < next.length && next[first] === this.order[first]) first++;
    this.order.length = 0;
    this.order.push(...next);
    return first >= next.length || this.rowsFrom(first);
  }

  /** Take out position k: shift the rows below up, then rotate their superdiagonal entries away. */
  private deleteAt(k: number): boolean {
    const { l, n } = this;
    const m = this.order.length;
    for (let r = k; r < m - 1; r++) l.copyWithin(r * n, (r + 1) * n, (r + 1) * n + r + 2);
    this.order.splice(k, 1);
    for (let r = k; r < m - 1; r++) {
      const a = l[r * n + r]!; const b = l[r * n + r + 1]!;
      const h = Math.hypot(a, b);
      if (!(h > 0)) return false;
      const c = a / h; const s = b / h;
      for (let i = r; i < m - 1; i++) {
        const x = l[i * n + r]!; const y = l[i * n + r + 1]!;
        l[i * n + r] = c * x + s * y;
        l[i * n + r + 1] = -s * x + c * y;
      }
      l[r * n + r + 1] = 0;
    }
    // The shift and the rotations left the transpose above the diagonal stale from row k on.
    for (let i = k; i < m - 1; i++) for (let j = 0; j < i; j++) l[j * n + i] = l[i * n + j]!;
    return true;
  }

  /**
   * The factor of the same free set for `matrix` = this matrix - u u' (u over all n indices), by a
   * rank-one downdate of this factor: O(m^2) instead of a refactorisation's O(m^3), equal to it up
   * to rounding (the jitter stays this factor's). Null when the downdated block is not positive definite.
   */
  downdated(matrix: Float64Array, u: Float64Array): FreeSetFactor | null {
    const { n } = this; const m = this.order.length;
    const out = new FreeSetFactor(matrix, n, this.jitter);
    out.order.push(...this.order);
    const l = out.l;
    l.set(this.l);
    const x = Float64Array.from(this.order, (i) => u[i]!);
    // Column k of L is row k of its transpose, above the diagonal: read and written row by row.
    for (let k = 0; k < m; k++) {
      const rk = k * n; const lkk = l[rk + k]!;
      const r2 = lkk * lkk - x[k]! * x[k]!;
      if (!(r2 > 0)) return null;
      const r = Math.sqrt(r2); const c = r / lkk; const s = x[k]! / lkk;
      l[rk + k] = r;
      for (let i = k + 1; i < m; i++) {
        const lik = (l[rk + i]! - s * x[i]!) / c;
        l[rk + i] = lik;
        x[i] = c * x[i]! - s * lik;
      }
    }
    for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) l[i * n + j] = l[j * n + i]!;
    return out;
  }

  /** Replace the free set by any list of indices (a fresh factorisation). */
  reset(next: number[]): boolean {
    this.order.length = 0;
    this.order.push(...next);
    return next.length === 0 || this.rowsFrom(0);
  }

  /** Solve (G[free, free] + jitter I) x = b, b given in factor order (as linalg.cholSolve). */
  solve(b: Float64Array): Float64Array {
    return cholSolve(this.l, this.n, b, this.order.length);
  }

  /** Two solves in one pass over the factor (linalg.cholSolve2). */
  solve2(b: Float64Array, c: Float64Array): [Float64Array, Float64Array] {
    return cholSolve2(this.l, this.n, b, c, this.order.length);
  }
}
