import { describe, expect, it } from 'vitest';
import { exactBounds, judge, mcSe } from '../../bench/lift-verdict.ts';
import { addOutcome, cellVerdict, emptyTally, panelSeed } from '../../bench/lift-simulation.ts';

describe('Monte-Carlo verdicts of the simulation bench', () => {
  it('one-sided exact bounds match closed forms', () => {
    // 0 of n: upper bound 1 - alpha^(1/n); n of n: lower bound alpha^(1/n).
    expect(exactBounds(0, 200).high).toBeCloseTo(1 - 0.05 ** (1 / 200), 6);
    expect(exactBounds(50, 50).low).toBeCloseTo(0.05 ** (1 / 50), 6);
    expect(mcSe(190, 200)).toBeCloseTo(Math.sqrt(0.95 * 0.05 / 200), 12);
  });

  it('a cell at the nominal 95% coverage is not flagged by chance; a cell clearly below 90% is', () => {
    expect(judge(190, 200, 0.9, 'atLeast')).toBe('met');
    expect(judge(176, 200, 0.9, 'atLeast')).toBe('undecided'); // 88%: within Monte-Carlo error at 200 panels
    expect(judge(160, 200, 0.9, 'atLeast')).toBe('missed');
    // The old bench called 44 of 50 (88%) a miss; it is undecided, so the bench adds panels.
    expect(judge(44, 50, 0.9, 'atLeast')).toBe('undecided');
  });

  it('false positives: 5% of 200 meets <= 7%, 12% misses it, 7% needs more panels', () => {
    expect(judge(5, 200, 0.07, 'atMost')).toBe('met');
    expect(judge(24, 200, 0.07, 'atMost')).toBe('missed');
    expect(judge(14, 200, 0.07, 'atMost')).toBe('undecided');
  });

  it('a cell with every result refused meets the coverage target (refusing is allowed) and claims nothing', () => {
    const t = emptyTally();
    for (let i = 0; i < 200; i++) addOutcome(t, { estimate: null, low: null, high: null, claimed: false, refused: true, method: 'scm' }, 0);
    expect(cellVerdict(t, 0)).toBe('met');
    expect(t.refused).toBe(200);
  });

  it('panel seeds are hashed: distinct and far apart', () => {
    const seeds = Array.from({ length: 1000 }, (_, r) => panelSeed(r));
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds.slice(1).filter((s, i) => Math.abs(s - seeds[i]!) < 1e6).length).toBeLessThan(5);
  });
});
