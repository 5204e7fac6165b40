/**
 * Conformal nulls on a large panel: a tau between two solved nulls whose weights have one support
 * is interpolated, not solved, and gives the residuals a solve would (to rounding), so the interval
 * and the p-values are those of solving every null.
 */
import { describe, expect, it } from 'vitest';
import { conformalSetup, gridValues, invertTest } from '../../../shared/analysis/lift/conformal.ts';
import { makeRng } from '../../../shared/analysis/lift/prng.ts';
import { LARGE_PANEL } from '../../../shared/analysis/lift/ridge-cv.ts';

/** 80 control rows over 300 periods (a large panel) and a treated mean close to a few of them. */
function panel(seed: number) {
  const rng = makeRng(seed);
  const n = 80; const cols = 300; const t0 = 270;
  const yC = Array.from({ length: n }, (_, i) => Float64Array.from({ length: cols }, (_, t) => 20 + (i % 7) + 3 * Math.sin(t / 9 + i) + rng.normal()));
  const x1 = Float64Array.from({ length: cols }, (_, t) => 0.5 * yC[3]![t]! + 0.3 * yC[10]![t]! + 0.2 * yC[44]![t]! + 0.4 * rng.normal() + (t >= t0 ? 1.5 : 0));
  return { yC, x1, t0, t1: cols, n, cols };
}

const setupOf = (p: ReturnType<typeof panel>, lambda: number | null) => conformalSetup(p.yC, p.x1, p.t0, p.t1, { lambda, fixedEffects: true, permutations: 400, seed: 5 });

describe('conformal nulls between solved ones', () => {
  for (const lambda of [null, 2.5]) {
    it(`give a solve's residuals and p-values, with fewer solves (ridge ${lambda === null ? 'off' : 'on'})`, () => {
      const p = panel(lambda === null ? 1 : 2);
      expect(p.n * p.cols).toBeGreaterThan(LARGE_PANEL);
      const shared = setupOf(p, lambda);
      expect(shared.interpolates).toBe(true);
      const taus = Array.from({ length: 41 }, (_, i) => -1 + (5 * i) / 40);
      // In the order invertTest takes a grid (ends first, then halving inward).
      gridValues(taus, (tau) => {
        const fresh = setupOf(p, lambda);
        const want = fresh.residualsAt(tau);
        const got = shared.residualsAt(tau);
        let worst = 0;
        for (let t = 0; t < p.cols; t++) worst = Math.max(worst, Math.abs(got[t]! - want[t]!) / (1 + Math.abs(want[t]!)));
        expect(worst, `tau ${tau}`).toBeLessThan(1e-9);
        expect(shared.pAt(tau)).toBe(fresh.pAt(tau));
        return 0;
      });
      expect(shared.nullsSolved()).toBeLessThan(taus.length);
    });
  }

  it('leave the interval as solving every null gives it', () => {
    const p = panel(3);
    const solvedEach = (tau: number) => setupOf(p, 1).pAt(tau, 'sum');
    const shared = setupOf(p, 1);
    const want = invertTest(solvedEach, 1.4, 2, 0.1);
    const got = invertTest((tau) => shared.pAt(tau, 'sum'), 1.4, 2, 0.1, { endsFirst: true });
    expect(got[0]).toBeCloseTo(want[0], 9);
    expect(got[1]).toBeCloseTo(want[1], 9);
    expect(shared.nullsSolved()).toBeLessThan(25 + 24);
  });
});
