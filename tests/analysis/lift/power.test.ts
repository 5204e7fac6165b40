import { describe, expect, it } from 'vitest';
import { minimumDetectableLift } from '../../../shared/analysis/lift/index.ts';
import { geoliftPanel, synthPanel } from './helpers.ts';

describe('minimum detectable lift', () => {
  it('GeoLift pre-test history, 15 days, TBR: power rises with lift and MDL is plausible', () => {
    const r = minimumDetectableLift({ panel: geoliftPanel('GeoLift_PreTest.csv'), treated: ['chicago', 'portland'], durationDays: 15, method: 'tbr' });
    expect(r.method).toBe('tbr');
    expect(r.mdl).not.toBeNull();
    expect(r.mdl!).toBeGreaterThan(0.02);
    expect(r.mdl!).toBeLessThan(0.25);
    expect(r.curve[0]).toEqual({ lift: 0, power: expect.any(Number) });
    expect(r.curve[0]!.power).toBeLessThanOrEqual(0.2);
    expect(r.curve.at(-1)!.power).toBeGreaterThanOrEqual(0.8);
    expect(r.note).toMatch(/80% power/);
  });

  it('larger regions give a smaller MDL than sparse ones, and is deterministic', () => {
    const big = synthPanel({ seed: 41, scale: [200, 400], days: 100, testDays: 0 });
    const small = synthPanel({ seed: 41, scale: [5, 10], days: 100, testDays: 0 });
    const a = minimumDetectableLift({ panel: big.panel, treated: big.treated, durationDays: 14, method: 'did' });
    const b = minimumDetectableLift({ panel: small.panel, treated: small.treated, durationDays: 14, method: 'did' });
    expect(a.mdl!).toBeLessThan(b.mdl ?? Infinity);
    expect(minimumDetectableLift({ panel: big.panel, treated: big.treated, durationDays: 14, method: 'did' })).toEqual(a);
  });

  it('scm power simulation on the GeoLift history finishes and reports a curve', () => {
    const r = minimumDetectableLift({ panel: geoliftPanel('GeoLift_PreTest.csv'), treated: ['chicago', 'portland'], durationDays: 15, simulations: 5 });
    expect(r.method).toBe('scm');
    expect(r.curve.length).toBeGreaterThan(2);
  });
});

describe('minimum detectable lift: guard rails', () => {
  it('reads durationDays as calendar days on weekly panels and refuses too few pseudo-tests', () => {
    // 30 weekly points: a 28-day test is 4 periods; with 5 look-back windows there is an estimate.
    const panel = [];
    for (let w = 0; w < 30; w++)
      for (const location of ['a', 'b', 'c', 'd', 'e'])
        panel.push({ location, date: new Date(Date.UTC(2026, 0, 5 + 7 * w)).toISOString().slice(0, 10), value: 50 + ((w * 7 + location.charCodeAt(0)) % 11) });
    const ok = minimumDetectableLift({ panel, treated: ['a'], durationDays: 28, simulations: 5 });
    expect(ok.note).toMatch(/over 28 days \(5 simulated tests/);
    const few = minimumDetectableLift({ panel, treated: ['a'], durationDays: 28, simulations: 2 });
    expect(few.mdl).toBeNull();
    expect(few.note).toMatch(/only 2 simulated 28-day test\(s\); at least 5 are needed/);
  });
});
