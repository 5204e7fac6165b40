import { describe, expect, it } from 'vitest';
import { poissonRateRatio } from '../../../shared/analysis/lift/counts.ts';
import { CsvError, panelFromCsv, parseCsv } from '../../../shared/analysis/lift/csv.ts';
import { betaQuantile, normalQuantile, tCdf, tQuantile } from '../../../shared/analysis/lift/distributions.ts';
import { simpleOls } from '../../../shared/analysis/lift/linalg.ts';
import { makeRng } from '../../../shared/analysis/lift/prng.ts';
import { simplexQp } from '../../../shared/analysis/lift/simplex.ts';

describe('distributions', () => {
  it('match R quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(tQuantile(0.9, 40)).toBeCloseTo(1.303077, 5);
    expect(tCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
    // Clopper-Pearson limits of binom.test(5, 20): 0.08657147, 0.49104587
    expect(betaQuantile(0.025, 5, 16)).toBeCloseTo(0.08657147, 6);
    expect(betaQuantile(0.975, 6, 15)).toBeCloseTo(0.49104587, 6);
  });
});

describe('exact Poisson rate ratio', () => {
  it('equal rates give ratio 1 and p = 1', () => {
    const r = poissonRateRatio(50, 10, 50, 10);
    expect(r.ratio).toBe(1);
    expect(r.pValue).toBeCloseTo(1, 6);
    expect(r.low).toBeLessThan(1);
    expect(r.high).toBeGreaterThan(1);
  });
  it('adjusts for unequal exposure (R poisson.test(c(30, 10), c(7, 14)) ratio 6)', () => {
    const r = poissonRateRatio(30, 7, 10, 14);
    expect(r.ratio).toBeCloseTo(6, 10);
    expect(r.low).toBeGreaterThan(2.8);
    expect(r.high).toBeLessThan(14);
    expect(r.pValue).toBeLessThan(1e-5);
  });
});

describe('simplex-constrained least squares', () => {
  it('matches brute force on a small problem', () => {
    const rng = makeRng(5);
    const rows = Array.from({ length: 4 }, () => Float64Array.from({ length: 12 }, () => rng.normal()));
    const target = Float64Array.from({ length: 12 }, (_, t) => 0.6 * rows[0]![t]! + 0.4 * rows[2]![t]! + 0.05 * rng.normal());
    const g = new Float64Array(16); const b = new Float64Array(4);
    for (let i = 0; i < 4; i++) { for (let j = 0; j < 4; j++) for (let t = 0; t < 12; t++) g[i * 4 + j] = g[i * 4 + j]! + rows[i]![t]! * rows[j]![t]!; for (let t = 0; t < 12; t++) b[i] = b[i]! + rows[i]![t]! * target[t]!; }
    const w = simplexQp(g, b);
    const loss = (v: number[]): number => { let s = 0; for (let t = 0; t < 12; t++) { let p = 0; for (let i = 0; i < 4; i++) p += v[i]! * rows[i]![t]!; s += (target[t]! - p) ** 2; } return s; };
    let best = Infinity;
    for (let a = 0; a <= 50; a++) for (let c = 0; a + c <= 50; c++) for (let d = 0; a + c + d <= 50; d++) best = Math.min(best, loss([a / 50, c / 50, d / 50, (50 - a - c - d) / 50]));
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
    expect(loss([...w])).toBeLessThanOrEqual(best + 1e-9);
    expect(w[0]!).toBeCloseTo(0.6, 1);
  });
});

describe('simple OLS', () => {
  it('recovers coefficients and falls back to intercept-only for constant x', () => {
    const f = simpleOls([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(f.a).toBeCloseTo(1, 12); expect(f.b).toBeCloseTo(2, 12);
    const c = simpleOls([2, 2, 2], [1, 2, 3]);
    expect(c.slopeFree).toBe(false); expect(c.a).toBeCloseTo(2, 12);
  });
});

describe('CSV reader', () => {
  it('handles quotes, BOM, CRLF and blank lines', () => {
    const { header, rows } = parseCsv('\ufeffa,b\r\n"x, ""y""",2\r\n\r\n"multi\nline",3\n');
    expect(header).toEqual(['a', 'b']);
    expect(rows.map((r) => r.cells)).toEqual([['x, "y"', '2'], ['multi\nline', '3']]);
    expect(rows[1]!.line).toBe(4);
  });
  it('names row and column of a bad value', () => {
    const text = 'location,date,Y\na,2024-01-01,3\nb,2024-01-01,three\n';
    expect(() => panelFromCsv(text, { location: 'location', date: 'date', value: 'Y' })).toThrow(/row 3, column "Y": "three" is not a number/);
    expect(() => panelFromCsv('location,day,Y\n', { location: 'location', date: 'date', value: 'Y' })).toThrow(CsvError);
  });
});
