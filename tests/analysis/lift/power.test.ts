import { describe, expect, it } from 'vitest';
import { estimateLift, minimumDetectableLift } from '../../../shared/analysis/lift/index.ts';
import { claimedEffect } from '../../../shared/analysis/lift/claim.ts';
import { geoliftPanel, synthPanel } from './helpers.ts';

describe('minimum detectable lift', () => {
  it('GeoLift pre-test history, 15 days, TBR: power rises with lift and MDL is plausible', () => {
    const r = minimumDetectableLift({ panel: geoliftPanel('GeoLift_PreTest.csv'), treated: ['chicago', 'portland'], durationDays: 15, method: 'tbr' });
    expect(r.method).toBe('tbr');
    expect(r.mdl).not.toBeNull();
    expect(r.mdl!).toBeGreaterThan(0.02);
    expect(r.mdl!).toBeLessThan(0.25);
    expect(r.curve[0]).toMatchObject({ lift: 0, power: expect.any(Number), tests: r.tests });
    expect(r.falsePositiveRate).toBe(r.curve[0]!.power);
    // Non-overlapping pseudo tests only: 15-day windows, each with at least the method's pre-period before it.
    const days = new Set(geoliftPanel('GeoLift_PreTest.csv').map((o) => o.date)).size;
    expect(r.tests).toBeLessThanOrEqual(Math.floor(days / 15));
    for (const c of r.curve) { expect(c.low).toBeLessThanOrEqual(c.power); expect(c.high).toBeGreaterThanOrEqual(c.power); }
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
    // The range the power's uncertainty allows brackets the estimate (it used to start above it).
    expect(r.mdl).not.toBeNull();
    expect(r.mdlRange.low!).toBeLessThanOrEqual(r.mdl!);
    if (r.mdlRange.high !== null) expect(r.mdlRange.high).toBeGreaterThanOrEqual(r.mdl!);
  });
});

describe('minimum detectable lift: guard rails', () => {
  it('injects a lift into small counts by Poisson resampling, so 10% is not rounded away', () => {
    // Counts of 1 to 3 a day: rounding (the old way) left 3 * 1.1 = 3.3 -> 3 and injected nothing at 10%.
    const small = synthPanel({ seed: 7, scale: [1, 3], days: 140, testDays: 0, locations: 8 });
    const r = minimumDetectableLift({ panel: small.panel, treated: small.treated, durationDays: 14, method: 'did' });
    const at = (l: number) => r.curve.find((c) => c.lift === l);
    expect(r.tests).toBeGreaterThanOrEqual(5);
    expect(r.curve.length).toBeGreaterThan(2);
    // power rises with the lift overall (largest tested lift beats zero lift)
    expect(r.curve.at(-1)!.power).toBeGreaterThan(at(0)!.power);
  });

  it('warns when the rejection rate at zero lift is above alpha, after the calibration a report applies', () => {
    // A 14-day spike (+60%, a local news story) in the treated region at the end of the history: the
    // pseudo test on it looks like an effect, and no other period (its placebos) explains it away.
    const panel = [];
    const spike = (t: number) => t >= 126;
    for (let t = 0; t < 140; t++) {
      const date = new Date(Date.UTC(2025, 0, 1 + t)).toISOString().slice(0, 10);
      for (const location of ['a', 'b', 'c']) panel.push({ location, date, value: Math.round((100 + ((t * 13 + location.charCodeAt(0)) % 7)) * (location === 'a' && spike(t) ? 1.6 : 1)) });
    }
    const r = minimumDetectableLift({ panel, treated: ['a'], durationDays: 14, method: 'did' });
    expect(r.tests).toBeGreaterThanOrEqual(8);
    expect(r.falsePositiveRate!).toBeGreaterThan(0.05);
    expect(r.warnings.join(' ')).toMatch(/more than alpha/);
    expect(r.curve[0]!.high).toBeGreaterThan(r.curve[0]!.power); // with its interval
    // Exactly the one pseudo test a report would also call an effect (same placebo periods before it).
    expect(Math.round(r.falsePositiveRate! * r.tests)).toBe(1);
    const report = estimateLift({ panel, treated: ['a'], start: '2025-05-07', end: '2025-05-20', method: 'did' });
    expect(claimedEffect(report)).toBe('rise');
    const quiet = estimateLift({ panel: panel.filter((o) => o.date <= '2025-05-06'), treated: ['a'], start: '2025-04-23', end: '2025-05-06', method: 'did' });
    expect(claimedEffect(quiet)).toBeNull();
  });

  it('a drifting treated region: the calibration and pre-trend check keep the rejection rate at zero lift at or below alpha', () => {
    // The old plan counted every pseudo test after the drift began as an effect (its own p-value only).
    const panel = [];
    for (let t = 0; t < 120; t++) {
      const date = new Date(Date.UTC(2025, 0, 1 + t)).toISOString().slice(0, 10);
      for (const location of ['a', 'b', 'c']) panel.push({ location, date, value: 100 + (location === 'a' ? (t >= 40 ? 0.6 * t : 0) : 0) + ((t * 13 + location.charCodeAt(0)) % 7) });
    }
    const r = minimumDetectableLift({ panel, treated: ['a'], durationDays: 14, method: 'did' });
    expect(r.tests).toBeGreaterThanOrEqual(5);
    expect(r.falsePositiveRate!).toBeLessThanOrEqual(0.05);
  });

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
