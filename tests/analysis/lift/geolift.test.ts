import { describe, expect, it } from 'vitest';
import { estimateLift } from '../../../shared/analysis/lift/index.ts';
import { geoliftPanel } from './helpers.ts';

// Reference: GeoLift walkthrough (facebookincubator/GeoLift, README / vignette "GeoLift Walkthrough"):
// GeoLift(Y_id = "Y", data = GeoTestData_Test, locations = c("chicago", "portland"),
//         treatment_start_time = 91, treatment_end_time = 105)
// -> Average ATT 155.556, Percent Lift 5.4%, Incremental Y 4667, significant at 95% (p < 0.05).
// That run used augsynth with fixed effects (unit demeaning): without them the same SCM gives ATT 122.7.
const REF = { att: 155.556, lift: 0.054, incremental: 4667 };
const input = { panel: geoliftPanel(), treated: ['chicago', 'portland'], start: '2021-04-01', end: '2021-04-15', method: 'scm' as const };

const rel = (a: number | null, b: number): number => Math.abs((a ?? Number.NaN) - b) / Math.abs(b);

describe('GeoLift walkthrough reproduction (scm)', () => {
  // The published method's own inference (conformal), as GeoLift reports it.
  const r = estimateLift(input, { calibrate: false });

  it('ridge-augmented SCM is within 3% of the published ATT, lift and incremental', () => {
    expect(r.method).toBe('scm');
    expect(rel(r.att, REF.att)).toBeLessThan(0.03);
    expect(rel(r.lift, REF.lift)).toBeLessThan(0.03);
    expect(rel(r.incremental, REF.incremental)).toBeLessThan(0.03);
  });

  it('is significant at 5% like GeoLift', () => {
    expect(r.pValue).not.toBeNull();
    expect(r.pValue!).toBeLessThanOrEqual(0.05);
  });

  it('reports weights over the 38 controls, a lift interval around the estimate and full series', () => {
    expect(Object.keys(r.weights)).toHaveLength(38);
    const sum = Object.values(r.weights).reduce((s, w) => s + w, 0);
    expect(sum).toBeCloseTo(1, 6);
    expect(r.ciLow!).toBeLessThan(r.lift!);
    expect(r.ciHigh!).toBeGreaterThan(r.lift!);
    expect(r.series).toHaveLength(105);
    expect(r.cumulative).toHaveLength(15);
    expect(r.cumulative.at(-1)!.incremental).toBeCloseTo(r.incremental!, 6);
    expect(r.preFit.periods).toBe(90);
    expect(r.preFit.mape!).toBeLessThan(0.05);
  });

  it('plain SCM with fixed effects (GeoLift model = "none") matches the walkthrough exactly', () => {
    const plain = estimateLift(input, { ridge: false, skipCi: true });
    expect(plain.att!).toBeCloseTo(155.556, 1);
    expect(Math.round(plain.incremental!)).toBe(4667);
    expect(Math.round(plain.lift! * 1000) / 10).toBe(5.4);
  });

  it('calibrated on in-time placebo tests (the default), the p-value can only grow and the interval only widen', () => {
    const c = estimateLift(input);
    expect(c.pValue!).toBeGreaterThanOrEqual(r.pValue!);
    expect(c.ciLow!).toBeLessThanOrEqual(r.ciLow!);
    expect(c.lift).toBe(r.lift);
    expect(c.diagnostics!.join(' ')).toMatch(/\d+ placebo tests before the campaign/);
  });

  it('is deterministic for a seed', () => {
    const again = estimateLift({ ...input, seed: 1 }, { skipCi: true, calibrate: false });
    expect(again.pValue).toBe(r.pValue);
    expect(again.att).toBe(r.att);
  });
});
