import { describe, expect, it } from 'vitest';
import { estimateLift } from '../../../shared/analysis/lift/index.ts';
import { salesPanel } from './helpers.ts';

// Reference: GeoexperimentsResearch (R) DoTBRAnalysis / DoTBRROASAnalysis(model = 'tbr1') on salesandcost,
// pretest 2015-01-05..2015-02-15, test 2015-02-16..2015-03-15, control group 1, treatment group 2.
// The R outputs are quoted in google/matched_markets (Apache-2.0):
//  - matched_markets/tests/test_tbr.py: "Slope coefficient under the R package" 0.9997001
//  - matched_markets/tests/test_tbr_iroas.py, "Summary values from R": incremental response 147337.122,
//    fixed incremental cost 50000, iROAS 90% one-sided lower bound 2.826194 (so the cumulative incremental
//    sales lower bound is 2.826194 * 50000 = 141309.7), relative lift 0.173998 (one-sided lower 0.165686);
//    two-sided 90%: iROAS 2.79135 .. 3.102936 (from 1e5 posterior draws), lift 0.163273 .. 0.184885.
const { panel, treated, control } = salesPanel();
const base = { panel, treated, control, start: '2015-02-16', end: '2015-03-15', method: 'tbr' as const, missing: 'zero' as const };

describe('TBR reproduces GeoexperimentsResearch on salesandcost', () => {
  it('slope, cumulative incremental sales and the 90% one-sided lower bound', () => {
    const r = estimateLift({ ...base, alpha: 0.2 }, { calibrate: false }); // two-sided 80% lower bound = one-sided 90% bound
    expect(r.weights[control[0]!]).toBeCloseTo(0.9997001, 6);
    expect(r.incremental!).toBeCloseTo(147337.122, 2);
    expect(r.cumulative.at(-1)!.incremental).toBeCloseTo(147337.122, 2);
    expect(r.cumulative.at(-1)!.lower).toBeCloseTo(2.826194 * 50000, 0);
    expect(Math.abs(r.lift! - 0.173998)).toBeLessThan(1e-4);
    expect(Math.abs(r.ciLow! - 0.165686)).toBeLessThan(1e-4);
    expect(r.reason).toBe('requested');
    expect(r.notes).toContain('75 missing location-date value(s) read as 0, as asked');
  });

  it('two-sided 90% interval matches the R simulation-based bounds within 0.1%', () => {
    const r = estimateLift({ ...base, alpha: 0.1 }, { calibrate: false });
    const last = r.cumulative.at(-1)!;
    expect(Math.abs(last.lower - 2.79135 * 50000) / (2.79135 * 50000)).toBeLessThan(1e-3);
    expect(Math.abs(last.upper - 3.102936 * 50000) / (3.102936 * 50000)).toBeLessThan(1e-3);
    expect(Math.abs(r.ciLow! - 0.163273)).toBeLessThan(2e-4);
    expect(Math.abs(r.ciHigh! - 0.184885)).toBeLessThan(2e-4);
    expect(r.pValue!).toBeLessThan(1e-6);
  });
});
