import { describe, expect, it } from 'vitest';
import { binomialCdf, clopperPearson, incompleteBeta } from '../../shared/analysis/distributions.ts';
import { poissonRateRatio, upliftRatio } from '../../shared/analysis/rate-ratio.ts';
import { compareDemand } from '../../shared/analysis/demand.ts';
import { groupSeries, addDays } from '../../shared/analysis/completeness.ts';
import { poisson, seededRandom } from '../../shared/demo/random.ts';

describe('exact distributions', () => {
  it('matches known values', () => {
    // Binomial(10, 0.5): P(X <= 3) = 176 / 1024.
    expect(binomialCdf(3, 10, 0.5)).toBeCloseTo(176 / 1024, 12);
    // Clopper-Pearson for 5 / 10 (standard tables: 0.1871 to 0.8129).
    const [lo, hi] = clopperPearson(5, 10);
    expect(lo).toBeCloseTo(0.187086, 5);
    expect(hi).toBeCloseTo(0.812914, 5);
    // I_x(1, 1) = x; I_x(a, b) = 1 - I_{1-x}(b, a).
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(1 - incompleteBeta(0.7, 4, 2.5), 12);
  });
});

describe('Poisson rate ratio', () => {
  it('adjusts for unequal window lengths', () => {
    // 56 baseline days with 112 calls (2/day), 28 campaign days with 84 calls (3/day).
    const r = poissonRateRatio({ baseline: 112, compared: 84, baselineDays: 56, comparedDays: 28 });
    expect(r.rateRatio).toBeCloseTo(1.5, 12);
    expect(r.ciLow!).toBeGreaterThan(1);
    expect(r.ciHigh!).toBeGreaterThan(1.5);
    expect(r.pValue!).toBeLessThan(0.01);
  });

  it('does not call a small-count change significant: 3 calls to 6 calls', () => {
    const r = poissonRateRatio({ baseline: 3, compared: 6, baselineDays: 28, comparedDays: 28 });
    expect(r.rateRatio).toBe(2);
    expect(r.ciLow!).toBeLessThan(1);
    expect(r.pValue!).toBeGreaterThan(0.05);
  });

  it('says so instead of inventing a ratio when there is no baseline or no data', () => {
    expect(poissonRateRatio({ baseline: 0, compared: 0, baselineDays: 28, comparedDays: 28 })).toMatchObject({ rateRatio: null, note: expect.any(String) });
    expect(poissonRateRatio({ baseline: 0, compared: 5, baselineDays: 28, comparedDays: 28 }).rateRatio).toBeNull();
    expect(poissonRateRatio({ baseline: 5, compared: 5, baselineDays: 0, comparedDays: 28 }).rateRatio).toBeNull();
  });

  it('keeps at least 95% coverage and at most 5% false positives for small counts (simulation)', () => {
    const rand = seededRandom(7);
    const trials = 4000;
    let covered = 0;
    let falsePositives = 0;
    for (let i = 0; i < trials; i++) {
      // True ratio 1.4 for coverage; ratio 1 for false positives. Means of a few calls a week.
      const b = poisson(rand, 4 * 8);
      const c = poisson(rand, 4 * 4 * 1.4);
      const r = poissonRateRatio({ baseline: b, compared: c, baselineDays: 56, comparedDays: 28 });
      if (r.ciLow !== null && r.ciLow <= 1.4 && (r.ciHigh === null || r.ciHigh >= 1.4)) covered += 1;
      const b0 = poisson(rand, 3 * 8);
      const c0 = poisson(rand, 3 * 4);
      if (poissonRateRatio({ baseline: b0, compared: c0, baselineDays: 56, comparedDays: 28 }).pValue! < 0.05) falsePositives += 1;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.95);
    expect(falsePositives / trials).toBeLessThanOrEqual(0.05);
  });
});

describe('uplift interval under over-dispersion (issue 10)', () => {
  const base = { baseline: 5000, compared: 1500, baselineExposure: 5000, comparedExposure: 1000 };

  it('is wider with fewer baseline weeks for the same dispersion (t quantile, not z)', () => {
    const many = upliftRatio({ ...base, dispersion: { phi: 4, df: 60 } });
    const few = upliftRatio({ ...base, dispersion: { phi: 4, df: 3 } });
    expect(few.ciHigh! - few.ciLow!).toBeGreaterThan(1.5 * (many.ciHigh! - many.ciLow!));
    expect(few.interval).toBe('quasi-poisson');
  });

  it('tests each ratio with its own variance: the upper limit of a large rise is wider than the estimate-based one', () => {
    const r = upliftRatio({ ...base, dispersion: { phi: 6, df: 40 } });
    // Under a negative-binomial-like spread a higher rate is noisier: the interval is skewed upwards.
    expect(r.ciHigh! - r.rateRatio!).toBeGreaterThan(r.rateRatio! - r.ciLow!);
  });

  it('counts the baseline for less when series are weighted unevenly, so the interval widens', () => {
    const even = upliftRatio({ ...base });
    const uneven = upliftRatio({ ...base, effectiveBaseline: 1500 });
    expect(uneven.ciHigh! - uneven.ciLow!).toBeGreaterThan(even.ciHigh! - even.ciLow!);
    expect(uneven.rateRatio).toBe(even.rateRatio);
    expect(uneven.method).toMatch(/counts for less/);
  });

  it('a region with only 3 baseline weeks uses its own spread with a wide t quantile, never a Poisson-only interval', () => {
    // Weekly counts 200, 320, 180 then 330: far more spread than Poisson; df = 2 for the one series.
    const rows = [200, 320, 180, 330].map((count, i) => ({ partner_id: 'p', location: '', channel: 'calls', region: 'R', role: 'targeted' as const, period_start: addDays('2026-01-05', 7 * i), period_days: 7, count }));
    const r = compareDemand(groupSeries(rows), { start: '2026-01-05', end: '2026-01-25' }, { start: '2026-01-26', end: '2026-02-01' }, 'campaign').comparisons.find((d) => d.region === 'R')!;
    expect(r.interval).toBe('quasi-poisson');
    expect(r.ciLow!).toBeLessThan(1);
    const poissonOnly = poissonRateRatio({ baseline: 700, compared: 330, baselineDays: 21, comparedDays: 7 });
    expect(poissonOnly.ciLow!).toBeGreaterThan(1);
  });
});

