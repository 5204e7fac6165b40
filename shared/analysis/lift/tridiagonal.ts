/**
 * Householder tridiagonalisation of a symmetric matrix, K = Q T Q' (Q orthogonal, T tridiagonal),
 * so that (K + lambda I) x = r is solved for any lambda in O(n) after rotating r: the ridge
 * cross-validation solves one system per lambda and fold, and factoring K once this way costs
 * about as much as five of the 21 Cholesky factorisations it replaces. Backward stable, like Cholesky.
 */
export class Tridiagonal {
  /** diagonal of T */
  readonly d: Float64Array;
  /** sub-diagonal of T: e[k] = T[k+1][k] */
  readonly e: Float64Array;
  /** unit Householder vectors; vector k acts on components k+1..n-1 (row k, from column k+1) */
  private readonly v: Float64Array;

  constructor(k: Float64Array, readonly n: number) {
    const a = Float64Array.from(k);
    this.d = new Float64Array(n); this.e = new Float64Array(Math.max(n - 1, 0)); this.v = new Float64Array(n * n);
    const u = new Float64Array(n); const w = new Float64Array(n);
    for (let c = 0; c < n - 2; c++) {
      // The reflector that maps column c below the diagonal onto a multiple of the first unit vector.
      let norm = 0;
      for (let i = c + 1; i < n; i++) norm += a[i * n + c]! ** 2;
      norm = Math.sqrt(norm);
      const x0 = a[(c + 1) * n + c]!;
      const alpha = x0 > 0 ? -norm : norm;
      const vr = c * n;
      let vn = 0;
      for (let i = c + 1; i < n; i++) { const vi = i === c + 1 ? x0 - alpha : a[i * n + c]!; this.v[vr + i] = vi; vn += vi * vi; }
      this.d[c] = a[c * n + c]!;
      this.e[c] = alpha;
      if (!(vn > 0)) { for (let i = c + 1; i < n; i++) this.v[vr + i] = 0; continue; }
      vn = Math.sqrt(vn);
      for (let i = c + 1; i < n; i++) this.v[vr + i] = this.v[vr + i]! / vn;
      // A22 <- P A22 P with P = I - 2vv': u = A22 v, gamma = v'u, A22 -= v w' + w v', w = 2u - 2 gamma v.
      let gamma = 0;
      for (let i = c + 1; i < n; i++) {
        let s = 0; const ri = i * n;
        for (let j = c + 1; j < n; j++) s += a[ri + j]! * this.v[vr + j]!;
        u[i] = s; gamma += this.v[vr + i]! * s;
      }
      for (let i = c + 1; i < n; i++) w[i] = 2 * u[i]! - 2 * gamma * this.v[vr + i]!;
      for (let i = c + 1; i < n; i++) {
        const ri = i * n; const vi = this.v[vr + i]!; const wi = w[i]!;
        for (let j = c + 1; j < n; j++) a[ri + j] = a[ri + j]! - vi * w[j]! - wi * this.v[vr + j]!;
      }
    }
    if (n >= 2) { this.d[n - 2] = a[(n - 2) * n + n - 2]!; this.e[n - 2] = a[(n - 1) * n + n - 2]!; }
    if (n >= 1) this.d[n - 1] = a[(n - 1) * n + n - 1]!;
  }

  /** Q' x (into T's basis). */
  toT(x: Float64Array): Float64Array {
    const y = Float64Array.from(x);
    for (let c = 0; c < this.n - 2; c++) this.reflect(c, y);
    return y;
  }

  /** Q y (back from T's basis). */
  fromT(y: Float64Array): Float64Array {
    const x = Float64Array.from(y);
    for (let c = this.n - 3; c >= 0; c--) this.reflect(c, x);
    return x;
  }

  private reflect(c: number, x: Float64Array): void {
    const { n, v } = this; const vr = c * n;
    let s = 0;
    for (let i = c + 1; i < n; i++) s += v[vr + i]! * x[i]!;
    if (s === 0) return;
    s *= 2;
    for (let i = c + 1; i < n; i++) x[i] = x[i]! - s * v[vr + i]!;
  }

  /** (T + lambda I)^-1 r (LDL' without pivoting: T + lambda I is positive definite for lambda > 0 when K is PSD). */
  solveT(lambda: number, r: Float64Array): Float64Array {
    const { n, d, e } = this;
    const piv = new Float64Array(n); const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const l = i > 0 ? e[i - 1]! / piv[i - 1]! : 0;
      piv[i] = d[i]! + lambda - (i > 0 ? l * e[i - 1]! : 0);
      if (!(piv[i]! > 0)) throw new Error('ridge system not positive definite');
      y[i] = r[i]! - (i > 0 ? l * y[i - 1]! : 0);
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) x[i] = (y[i]! - (i < n - 1 ? e[i]! * x[i + 1]! : 0)) / piv[i]!;
    return x;
  }

  /** (K + lambda I)^-1 r. */
  solve(lambda: number, r: Float64Array): Float64Array {
    return this.fromT(this.solveT(lambda, this.toT(r)));
  }
}
