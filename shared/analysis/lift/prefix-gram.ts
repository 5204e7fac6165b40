import { dotsWith } from './linalg.ts';

/**
 * Gram matrices of a panel's control rows over prefixes [0, c) of its columns, each derived from
 * the nearest prefix already computed (adding or removing the columns between), so the placebo
 * fits, which use ever shorter prefixes of the same rows, cost one pass over the columns in all
 * instead of one whole Gram each. With unit fixed effects the rows are demeaned over the prefix:
 * sum_t (y_it - m_i)(y_jt - m_j) = G_ij - S_i S_j / c, with S the row sums.
 */
export class PrefixGrams {
  private readonly done = new Map<number, { g: Float64Array; s: Float64Array }>();
  /** Synthetic-control weights of the latest fit on these rows: a warm start for the next one. */
  warm?: Float64Array;

  constructor(private readonly rows: Float64Array[]) {}

  /** True when `other` holds the first `cols` columns of these rows (a truncated copy of the panel). */
  matches(other: Float64Array[], cols: number): boolean {
    if (other.length !== this.rows.length) return false;
    for (let a = 0; a < other.length; a++) {
      const x = other[a]!; const y = this.rows[a]!;
      if (x.length < cols || y.length < cols) return false;
      for (let t = 0; t < cols; t++) if (x[t] !== y[t]) return false;
    }
    return true;
  }

  /** Raw Gram and row sums over [0, c). */
  raw(c: number): { g: Float64Array; s: Float64Array } {
    const hit = this.done.get(c);
    if (hit) return hit;
    const n = this.rows.length;
    // Start from the computed prefix nearest to c, when that is cheaper than starting from nothing.
    let from = 0;
    let base: { g: Float64Array; s: Float64Array } | undefined;
    let cost = c;
    for (const [k, v] of this.done) if (Math.abs(k - c) < cost) { cost = Math.abs(k - c); from = k; base = v; }
    const g = base ? Float64Array.from(base.g) : new Float64Array(n * n);
    const s = base ? Float64Array.from(base.s) : new Float64Array(n);
    const [lo, hi, sign] = from <= c ? [from, c, 1] : [c, from, -1];
    const dots = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ri = this.rows[i]!;
      let si = 0;
      for (let t = lo; t < hi; t++) si += ri[t]!;
      s[i] = s[i]! + sign * si;
      dotsWith(ri, this.rows, i, lo, hi, dots);
      for (let j = i; j < n; j++) {
        const e = g[i * n + j]! + sign * dots[j]!;
        g[i * n + j] = e; g[j * n + i] = e;
      }
    }
    const out = { g, s };
    this.done.set(c, out);
    return out;
  }

  /** Gram over [0, c) of the rows demeaned over [0, c) (fixed effects), or of the raw rows. */
  gram(c: number, demeaned: boolean): Float64Array {
    const { g, s } = this.raw(c);
    if (!demeaned) return g;
    const n = s.length;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = g[i * n + j]! - (s[i]! * s[j]!) / c;
    return out;
  }
}

/**
 * The per-period centred Gram K = Xc Xc' (controls centred on their mean in every period) from the
 * plain Gram G of the same rows: K_ij = G_ij - r_i - r_j + mu, r the row means of G, mu their mean.
 */
export function centredFromGram(g: Float64Array, n: number): Float64Array {
  const r = new Float64Array(n);
  let mu = 0;
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += g[i * n + j]!; r[i] = s / n; mu += s; }
  mu /= n * n;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = g[i * n + j]! - r[i]! - r[j]! + mu;
  return k;
}
