import { describe, expect, it } from 'vitest';
import { SCENARIOS, simulate } from '../../bench/lift-scenarios.ts';
import { runCell, type BenchMethod } from '../../bench/lift-simulation.ts';

// Fast subset of `npm run bench` (bench/lift-simulation.ts): the scenarios issue 10 measured the old
// code failing on, at zero lift (false positives) and one true effect (power), few panels each.
const scenario = (prefix: string) => SCENARIOS.find((s) => s.name.startsWith(prefix))!;
const REPS = 24;

describe('simulation scenarios with known truth (fast subset of the bench)', () => {
  const zero: [string, BenchMethod][] = [
    ['negative binomial k=2', 'uplift'], // was 48-50% false positives with the Poisson-only interval
    ['negative binomial k=5', 'auto'],
    ['weekend closures', 'tbr'], // was 31% false positives
    ['regional trends', 'did'], // was 34-36%
    ['missing days', 'auto'], // was significant in 99.5% of panels, coverage 0%
    ['a partner going quiet', 'auto'], // was significant in 91%
    ['2 controls', 'scm'], // used to crash
  ];
  for (const [name, method] of zero) {
    it(`${name}, ${method}: no effect claimed where there is none, intervals cover the truth`, () => {
      const c = runCell(scenario(name), method, 0, REPS);
      expect(c.claimRate).toBeLessThanOrEqual(0.1);
      if (c.coverage !== null) expect(c.coverage).toBeGreaterThanOrEqual(0.85);
      expect(c.refused).toBeLessThan(REPS); // it does say something
    });
  }

  it('uplift under negative-binomial counts covers a true 50% rise (the cells the old bench flagged at 88%)', () => {
    // 300 panels: uplift needs no model fit, so this is cheap; Monte-Carlo SE about 1.3 points.
    for (const name of ['negative binomial k=10', 'negative binomial k=5']) {
      const c = runCell(scenario(name), 'uplift', 0.5, 300);
      expect(c.coverage!).toBeGreaterThanOrEqual(0.9);
      expect(c.refused).toBe(0);
    }
  });

  it('finds a true 50% lift in Poisson panels, and its interval covers it', () => {
    const c = runCell(scenario('Poisson'), 'auto', 0.5, 12);
    expect(c.claimRate).toBeGreaterThanOrEqual(0.8);
    expect(c.coverage!).toBeGreaterThanOrEqual(0.85);
    expect(Math.abs(c.bias!)).toBeLessThan(0.05);
  });

  it('simulated partner rows have the features asked for', () => {
    const weekly = simulate(scenario('weekly reporting'), 0, 1);
    expect(weekly.rows.every((r) => r.period_days === 7)).toBe(true);
    const quiet = simulate(scenario('a partner going quiet'), 0, 1);
    expect(new Set(quiet.rows.filter((r) => r.region === 'R0').map((r) => r.partner_id))).toEqual(new Set(['P0a', 'P0b']));
    expect(quiet.rows.filter((r) => r.partner_id === 'P0b' && r.period_start >= '2024-04-01').length).toBe(0);
  });
});
