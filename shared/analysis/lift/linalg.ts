/** Small dense linear algebra helpers (row-major Float64Array), enough for SCM, ridge and OLS. */

/** Gram matrix G[i][j] = <rows[i], rows[j]> over columns in [from, to). */
export function gram(rows: Float64Array[], from = 0, to = rows[0]?.length ?? 0): Float64Array {
  const n = rows.length;
  const g = new Float64Array(n * n);
  const dots = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dotsWith(rows[i]!, rows, i, from, to, dots);
    for (let j = i; j < n; j++) { g[i * n + j] = dots[j]!; g[j * n + i] = dots[j]!; }
  }
  return g;
}

/**
 * out[j] = <x, rows[j]> over columns [from, to), for j >= first. Four rows at a time, each x[t]
 * read once for the four: every sum still adds its products from t = from upwards, one at a time,
 * so the results are bit for bit those of one dot product after another.
 */
export function dotsWith(x: Float64Array, rows: Float64Array[], first: number, from: number, to: number, out: Float64Array): void {
  const n = rows.length;
  let j = first;
  for (; j + 3 < n; j += 4) {
    const a = rows[j]!; const b = rows[j + 1]!; const c = rows[j + 2]!; const d = rows[j + 3]!;
    let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0;
    for (let t = from; t < to; t++) { const v = x[t]!; s0 += v * a[t]!; s1 += v * b[t]!; s2 += v * c[t]!; s3 += v * d[t]!; }
    out[j] = s0; out[j + 1] = s1; out[j + 2] = s2; out[j + 3] = s3;
  }
  for (; j < n; j++) { const a = rows[j]!; let s = 0; for (let t = from; t < to; t++) s += x[t]! * a[t]!; out[j] = s; }
}

/** Vector b[i] = <rows[i], x> over columns in [from, to). */
export function crossVec(rows: Float64Array[], x: Float64Array, from = 0, to = x.length): Float64Array {
  const b = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) b[i] = dotFrom(rows[i]!, x, from, to);
  return b;
}

/*
 * The inner loops of the solvers and of every conformal null, as functions of their own: small
 * and called thousands of times, V8 optimises them early in a cold process (an analysis runs each
 * fit only a few times, so a loop inside a long function would stay slow for most of them).
 */

/** The sum of a[at + j] * v[j] for j < n, added in that order (row `at / n` of a row-major matrix times v). */
export function dotAt(a: Float64Array, at: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += a[at + j]! * v[j]!;
  return s;
}

/** s + the sum of a[t] * b[t] for t in [from, to), added in that order. */
export function dotFrom(a: Float64Array, b: Float64Array, from: number, to: number, s = 0): number {
  for (let t = from; t < to; t++) s += a[t]! * b[t]!;
  return s;
}

/** out[i] = out[i] + a[at + i] * w for i < n (a row of a row-major matrix, scaled, added). */
export function addScaledAt(out: Float64Array, a: Float64Array, at: number, w: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = out[i]! + a[at + i]! * w;
}

/** e[at + t] -= w * r[t] for t < n (at > 0: into a row of a row-major matrix). */
export function subtractScaled(e: Float64Array, r: Float64Array, w: number, n: number, at = 0): void {
  for (let t = 0; t < n; t++) e[at + t] = e[at + t]! - w * r[t]!;
}

/**
 * In-place Cholesky factor (lower) of a symmetric positive definite n x n matrix; returns false if not SPD.
 * The upper triangle is overwritten with the factor's transpose, which `cholSolve` reads row by row.
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) return false;
    a[j * n + j] = Math.sqrt(d);
    choleskyColumn(a, n, j, j + 1, n, (i) => a[i * n + j]!);
  }
  return true;
}

/**
 * Entries (i, j) of a Cholesky factor for rows i in [from, to), column j: (entry(i) - sum over k < j
 * of L[i][k] L[j][k]) / L[j][j], written below the diagonal and, transposed, above it. Four rows at
 * a time, each L[j][k] read once for the four: every sum still subtracts its products from k = 0
 * upwards, so the entries are bit for bit those of one row after another.
 */
export function choleskyColumn(l: Float64Array, n: number, j: number, from: number, to: number, entry: (i: number) => number): void {
  const rj = j * n; const ljj = l[rj + j]!;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const r0 = i * n; const r1 = r0 + n; const r2 = r1 + n; const r3 = r2 + n;
    let s0 = entry(i); let s1 = entry(i + 1); let s2 = entry(i + 2); let s3 = entry(i + 3);
    for (let k = 0; k < j; k++) { const x = l[rj + k]!; s0 -= l[r0 + k]! * x; s1 -= l[r1 + k]! * x; s2 -= l[r2 + k]! * x; s3 -= l[r3 + k]! * x; }
    l[r0 + j] = s0 / ljj; l[r1 + j] = s1 / ljj; l[r2 + j] = s2 / ljj; l[r3 + j] = s3 / ljj;
    l[rj + i] = s0 / ljj; l[rj + i + 1] = s1 / ljj; l[rj + i + 2] = s2 / ljj; l[rj + i + 3] = s3 / ljj;
  }
  for (; i < to; i++) {
    const ri = i * n;
    let s = entry(i);
    for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
    l[ri + j] = s / ljj; l[rj + i] = s / ljj;
  }
}

/**
 * Solve L L^T x = b given the Cholesky factor from `cholesky` (row stride n, L below the diagonal
 * and L^T above it). `m` < n solves with the leading m x m block only (a factor grown in place, see
 * free-set-factor.ts). The back substitution reads L^T's rows, not L's columns: the same products
 * summed in the same order, but contiguous in memory (a column of a 500 x 500 factor misses the cache).
 */
export function cholSolve(l: Float64Array, n: number, b: Float64Array, m = n): Float64Array {
  return cholSolve2(l, n, b, b, m)[0];
}

/** `cholSolve` for two right-hand sides at once: each the same arithmetic, the factor read once for both. */
export function cholSolve2(l: Float64Array, n: number, b: Float64Array, c: Float64Array, m = n): [Float64Array, Float64Array] {
  const y = new Float64Array(m); const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!; let t = c[i]!;
    const ri = i * n;
    for (let k = 0; k < i; k++) { const lik = l[ri + k]!; s -= lik * y[k]!; t -= lik * z[k]!; }
    y[i] = s / l[ri + i]!; z[i] = t / l[ri + i]!;
  }
  const x = new Float64Array(m); const u = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!; let t = z[i]!;
    const ri = i * n;
    for (let k = i + 1; k < m; k++) { const lik = l[ri + k]!; s -= lik * x[k]!; t -= lik * u[k]!; }
    x[i] = s / l[ri + i]!; u[i] = t / l[ri + i]!;
  }
  return [x, u];
}

/** Simple linear regression y = a + b x with the classical coefficient covariance (as R's lm/vcov). */
export interface SimpleOls { a: number; b: number; sigma: number; df: number; varA: number; varB: number; covAB: number; r2: number; slopeFree: boolean }

/** Fit y ~ 1 + x by least squares; falls back to an intercept-only model when x is constant. */
export function simpleOls(x: ArrayLike<number>, y: ArrayLike<number>): SimpleOls {
  const n = x.length;
  let mx = 0; let my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]!; my += y[i]!; }
  mx /= n; my /= n;
  let sxx = 0; let sxy = 0; let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx; const dy = y[i]! - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (sxx <= 0) {
    const df = n - 1;
    const sigma = Math.sqrt(syy / Math.max(df, 1));
    return { a: my, b: 0, sigma, df, varA: (sigma * sigma) / n, varB: 0, covAB: 0, r2: 0, slopeFree: false };
  }
  const b = sxy / sxx; const a = my - b * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) { const e = y[i]! - a - b * x[i]!; rss += e * e; }
  const df = n - 2;
  const s2 = rss / Math.max(df, 1);
  return {
    a, b, sigma: Math.sqrt(s2), df,
    varA: s2 * (1 / n + (mx * mx) / sxx), varB: s2 / sxx, covAB: (-mx * s2) / sxx,
    r2: syy > 0 ? 1 - rss / syy : 0, slopeFree: true,
  };
}

/** Largest eigenvalue of a symmetric PSD matrix by power iteration (Lipschitz constant for gradient steps). */
export function maxEigen(g: Float64Array, n: number, iters = 60): number {
  // Not the uniform vector: a centred Gram matrix (ridge) has it in its null space, which gave 0.
  let v = Float64Array.from({ length: n }, (_, i) => 1 + i / n + (i % 2 ? 0.5 : 0));
  const n0 = Math.hypot(...v);
  for (let i = 0; i < n; i++) v[i] = v[i]! / n0;
  let lambda = 0;
  for (let it = 0; it < iters; it++) {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = dotAt(g, i * n, v, n);
    let norm = 0; for (let i = 0; i < n; i++) norm += w[i]! * w[i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const next = norm;
    for (let i = 0; i < n; i++) w[i] = w[i]! / norm;
    v = w;
    if (Math.abs(next - lambda) <= 1e-9 * next) { lambda = next; break; }
    lambda = next;
  }
  return lambda;
}
