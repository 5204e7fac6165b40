/**
 * The synthetic-control solver's shortcuts give the reference answers: the kept free-set factor
 * is bit for bit a fresh Cholesky (small problems) or equal to rounding (Givens, large ones), its
 * rank-one downdate equals a refactorisation to rounding, prefix Grams equal Grams computed
 * directly, the tridiagonal ridge solves equal Cholesky's, and the shared CV errors equal the
 * per-fold factorisations.
 */
import { describe, expect, it } from 'vitest';
import { FreeSetFactor, GIVENS_FROM } from '../../../shared/analysis/lift/free-set-factor.ts';
import { demean } from '../../../shared/analysis/lift/fixed-effects.ts';
import { cholesky, cholSolve, cholSolve2, crossVec, gram } from '../../../shared/analysis/lift/linalg.ts';
import { PrefixGrams, centredFromGram } from '../../../shared/analysis/lift/prefix-gram.ts';
import { makeRng } from '../../../shared/analysis/lift/prng.ts';
import { centerBlock, lambdaPath, ridgeAdjust, ridgeFactor } from '../../../shared/analysis/lift/ridge.ts';
import { cvErrorsExact, cvErrorsShared } from '../../../shared/analysis/lift/ridge-cv.ts';
import { simplexQp } from '../../../shared/analysis/lift/simplex.ts';
import type { FactorBox } from '../../../shared/analysis/lift/simplex-active.ts';
import { Tridiagonal } from '../../../shared/analysis/lift/tridiagonal.ts';

const rows = (n: number, t: number, seed: number) => {
  const rng = makeRng(seed);
  return Array.from({ length: n }, (_, i) => Float64Array.from({ length: t }, (_, k) => 5 + (i % 3) + Math.sin(k / 7 + i) + rng.normal()));
};

/** Solve with a fresh Cholesky of G[f, f] + jitter I, as the solver did before. */
function fresh(g: Float64Array, n: number, f: number[], jitter: number, b: Float64Array): Float64Array {
  const m = f.length;
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) a[i * m + j] = g[f[i]! * n + f[j]!]! + (i === j ? jitter : 0);
  expect(cholesky(a, m)).toBe(true);
  return cholSolve(a, m, b);
}

describe('FreeSetFactor', () => {
  it.each([[20, true], [GIVENS_FROM + 16, false]])('after pushes and drops solves as a fresh factorisation (n=%i, bit for bit: %s)', (n, exact) => {
    const g = gram(rows(n, 3 * n, 7));
    const jitter = 1e-9;
    const f = new FreeSetFactor(g, n, jitter);
    const order: number[] = [];
    for (let i = 0; i < n; i += 2) { order.push(i); expect(f.push(i)).toBe(true); }
    const kept = order.filter((_, k) => k % 3 !== 1);
    expect(f.keep(kept)).toBe(true);
    for (let i = 1; i < n; i += 4) { kept.push(i); expect(f.push(i)).toBe(true); }
    expect(f.order).toEqual(kept);
    const b = Float64Array.from(kept, (_, k) => 1 + (k % 5));
    const got = f.solve(b); const want = fresh(g, n, kept, jitter, b);
    if (exact) expect([...got]).toEqual([...want]);
    else got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-9 * (1 + Math.abs(want[k]!))));
  });
});

describe('FreeSetFactor.downdated', () => {
  it('is the factor of G - uu\' on the same free set, to rounding', () => {
    const n = GIVENS_FROM + 36;
    const y = rows(n, 3 * n, 5);
    const g = gram(y); const u = Float64Array.from(y, (r) => r[17]!);
    const gu = Float64Array.from(g, (v, k) => v - u[Math.floor(k / n)]! * u[k % n]!);
    const f = new FreeSetFactor(g, n, 1e-9);
    const free = [4, 90, 0, 33, 61, 12, 77, 5];
    for (const i of free) expect(f.push(i)).toBe(true);
    const d = f.downdated(gu, u)!;
    expect(d.order).toEqual(free);
    const b = Float64Array.from(free, (_, k) => 2 - (k % 3));
    const got = d.solve(b); const want = fresh(gu, n, free, 1e-9, b);
    got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-9 * (1 + Math.abs(want[k]!))));
  });
});

describe('cholSolve2', () => {
  it('gives bit for bit two cholSolve answers', () => {
    const n = 30; const a = gram(rows(n, 90, 2));
    expect(cholesky(a, n)).toBe(true);
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i)); const c = Float64Array.from({ length: n }, (_, i) => 1 + i);
    const [x, z] = cholSolve2(a, n, b, c);
    expect([...x]).toEqual([...cholSolve(a, n, b)]);
    expect([...z]).toEqual([...cholSolve(a, n, c)]);
  });
});

describe('Tridiagonal', () => {
  it('solves (K + lambda I) x = r as the Cholesky factor does, over the whole lambda path', () => {
    const n = 50;
    const blk = centerBlock(rows(n, 120, 8), rows(1, 120, 9)[0]!, 120);
    const tri = new Tridiagonal(blk.k, n);
    const r = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 3));
    for (const lam of lambdaPath(blk.k, n)) {
      const want = ridgeAdjust(ridgeFactor(blk.k, n, lam), n, r); const got = tri.solve(lam, r);
      const scale = Math.max(...want.map(Math.abs));
      got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-6 * scale));
    }
  });
});

describe('PrefixGrams', () => {
  it('gives the Gram of the rows demeaned over any prefix, derived from the nearest prefix computed', () => {
    const y = rows(30, 200, 3);
    const pg = new PrefixGrams(y);
    for (const c of [150, 120, 90, 200, 60]) {
      const direct = gram(y.map((r) => demean(r, c).row), 0, c);
      const derived = pg.gram(c, true);
      direct.forEach((v, k) => expect(Math.abs(v - derived[k]!)).toBeLessThan(1e-9 * (1 + Math.abs(v))));
      expect([...pg.gram(c, false)].every((v, k) => Math.abs(v - gram(y, 0, c)[k]!) < 1e-8 * (1 + Math.abs(v)))).toBe(true);
    }
    expect(pg.matches(y.map((r) => Float64Array.from(r.subarray(0, 90))), 90)).toBe(true);
    expect(pg.matches(rows(30, 90, 4), 90)).toBe(false);
  });

  it('centred Gram from the plain Gram equals centring the rows first', () => {
    const y = rows(25, 80, 9);
    const k = centerBlock(y, y[0]!, 80).k;
    const fromGram = centredFromGram(gram(y, 0, 80), 25);
    k.forEach((v, i) => expect(Math.abs(v - fromGram[i]!)).toBeLessThan(1e-9 * (1 + Math.abs(v))));
  });
});

describe('ridge cross-validation with one factor per lambda', () => {
  it('gives the per-fold factorisations\' errors, so the same lambda', () => {
    const yC = rows(40, 160, 11).map((r) => demean(r, 160).row);
    const x1 = demean(Float64Array.from({ length: 160 }, (_, t) => 0.5 * yC[0]![t]! + 0.3 * yC[5]![t]! + 0.2 * yC[9]![t]!), 160).row;
    const g = gram(yC, 0, 160); const b = crossVec(yC, x1, 0, 160);
    const synth = simplexQp(g, b);
    const blk = centerBlock(yC, x1, 160);
    const lambdas = lambdaPath(blk.k, 40);
    const folds = [3, 40, 77, 120, 158];
    const exact = cvErrorsExact(yC, x1, g, b, blk, synth, lambdas, folds);
    const shared = cvErrorsShared(yC, x1, g, b, blk, synth, lambdas, folds).errors;
    exact.forEach((row, f) => row.forEach((e, j) => expect(Math.abs(e - shared[f]![j]!)).toBeLessThan(1e-6 * (1 + e))));
    // ... and with each fold's QP started from the downdated factor of the full fit
    const box: FactorBox = {};
    simplexQp(g, b, { reuse: box });
    const downdated = cvErrorsShared(yC, x1, g, b, blk, synth, lambdas, folds, box.factor).errors;
    exact.forEach((row, f) => row.forEach((e, j) => expect(Math.abs(e - downdated[f]![j]!)).toBeLessThan(1e-6 * (1 + e))));
  });
});
