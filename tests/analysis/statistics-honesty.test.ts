import { describe, expect, it } from 'vitest';
import { chooseBaseline } from '../../shared/analysis/baseline.ts';
import { addDays, coverage, groupSeries, periodRows, weeklyCounts, type DemandSeriesRow } from '../../shared/analysis/completeness.ts';
import { checkContamination } from '../../shared/analysis/contamination.ts';
import { compareDemand } from '../../shared/analysis/demand.ts';
import { upliftRatio } from '../../shared/analysis/rate-ratio.ts';
import { densePanel } from '../../shared/analysis/lift/index.ts';
import { regionPanel } from '../../shared/analysis/region-panel.ts';

const row = (partner: string, region: string, start: string, days: number, count: number, role: 'targeted' | 'control' = 'targeted'): DemandSeriesRow =>
  ({ partner_id: partner, location: '', channel: 'calls', region, role, period_start: start, period_days: days, count });

describe('completeness model', () => {
  it('brings daily rows to weeks only when all 7 days were reported, and keeps a weekly row over overlapping daily ones', () => {
    const rows = [
      ...Array.from({ length: 7 }, (_, i) => row('a', 'GB-CAM', addDays('2026-01-05', i), 1, 2)),
      ...Array.from({ length: 6 }, (_, i) => row('a', 'GB-CAM', addDays('2026-01-12', i), 1, 2)), // Sunday missing
      row('b', 'GB-CAM', '2026-01-05', 7, 30),
      row('b', 'GB-CAM', '2026-01-06', 1, 99), // inside b's week: a duplicate, dropped
    ];
    const [a, b] = groupSeries(rows);
    expect([...weeklyCounts(a!)]).toEqual([['2026-01-05', 14]]);
    expect(periodRows(b!)).toEqual([{ start: '2026-01-05', days: 7, count: 30 }]);
    expect(b!.overlapping).toBe(1);
    expect(coverage(a!, { start: '2026-01-05', end: '2026-01-18' }, 'campaign')).toMatchObject({ reportedDays: 13, missingWeeks: ['2026-01-12..2026-01-18'] });
  });

  it('a series that starts during the campaign is left out, not read as a rise', () => {
    const base = { start: '2026-01-05', end: '2026-02-01' }; const camp = { start: '2026-02-02', end: '2026-02-15' };
    const rows = [
      ...[0, 7, 14, 21, 28, 35].map((d) => row('old', 'GB-CAM', addDays('2026-01-05', d), 7, 50)),
      ...[28, 35].map((d) => row('new', 'GB-CAM', addDays('2026-01-05', d), 7, 500)),
    ];
    const r = compareDemand(groupSeries(rows), base, camp, 'campaign');
    expect(r.comparisons.find((d) => d.region === 'targeted')!.rateRatio).toBeCloseTo(1, 12);
    expect(r.completeness.find((c) => c.partner === 'new')!.windows[1]).toMatchObject({ used: false, reason: expect.stringMatching(/nothing in the baseline/) });
  });

  it('region panel: a region-period some partner did not report is absent, never zero', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, w) => row('a', 'GB-CAM', addDays('2026-01-05', 7 * w), 7, 40)),
      ...Array.from({ length: 10 }, (_, w) => row('b', 'GB-CAM', addDays('2026-01-05', 7 * w), 7, 10)).filter((_, w) => w !== 8),
    ];
    const p = regionPanel(groupSeries(rows), { start: '2026-01-05', end: '2026-02-22' }, { start: '2026-02-23', end: '2026-03-15' });
    const [cam] = p.panel.rows;
    expect(p.panel.locations).toEqual(['GB-CAM']);
    expect(p.panel.dates.slice(-3)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect([...cam!.slice(-3)]).toEqual([50, Number.NaN, 50]);
    // No region has that week: the lift's panel has no such date (as with no observation for it).
    expect(densePanel(p.panel).dates).not.toContain('2026-03-02');
  });
});

describe('uplift intervals that survive over-dispersion', () => {
  it('keeps the exact interval for Poisson-like baselines and widens it (quasi-Poisson) when the baseline varies more', () => {
    const exact = upliftRatio({ baseline: 600, compared: 180, baselineExposure: 600, comparedExposure: 150, dispersion: { phi: 0.9, df: 1e6 } });
    expect(exact.interval).toBe('exact');
    const wide = upliftRatio({ baseline: 600, compared: 180, baselineExposure: 600, comparedExposure: 150, dispersion: { phi: 4, df: 19 } });
    expect(wide.interval).toBe('quasi-poisson');
    expect(wide.rateRatio).toBe(exact.rateRatio);
    expect(wide.ciLow!).toBeLessThan(exact.ciLow!);
    expect(wide.ciHigh!).toBeGreaterThan(exact.ciHigh!);
    expect(wide.pValue!).toBeGreaterThan(exact.pValue!);
    expect(wide.method).toMatch(/4\.0 times as much as Poisson/);
  });
});

describe('contamination and baseline', () => {
  it('flags control regions with more than 1% of impressions and targeted regions with none', () => {
    const c = checkContamination(
      [{ region: 'GB-CAM', impressions: 9_595 }, { region: 'GB-NFK', impressions: 400 }, { region: 'GB-SFK', impressions: 5 }],
      { targeted: ['GB-CAM', 'GB-LIN'], control: ['GB-NFK', 'GB-SFK'], excluded: [] },
    );
    expect(c.controls).toEqual([{ region: 'GB-NFK', share: 0.04, excluded: false }]);
    expect(c.untreated).toEqual(['GB-LIN']);
    expect(c.notes.join(' ')).toMatch(/GB-NFK received 4\.0%.*--exclude-control GB-NFK/);
    const ex = checkContamination([{ region: 'GB-NFK', impressions: 400 }, { region: 'GB-CAM', impressions: 9_600 }], { targeted: ['GB-CAM'], control: ['GB-NFK'], excluded: ['GB-NFK'] });
    expect(ex.notes.join(' ')).toMatch(/left out of geo lift/);
  });

  it('default baseline: the longest history every region has, up to a year, stated with its length', () => {
    const c = { start: '2026-03-02', end: '2026-03-29', baseline: { start: '2025-03-02', end: '2026-03-01', auto: true } };
    const rows = [
      ...Array.from({ length: 40 }, (_, w) => row('a', 'GB-CAM', addDays('2025-05-26', 7 * w), 7, 5)),
      ...Array.from({ length: 22 }, (_, w) => row('b', 'GB-NFK', addDays('2025-09-29', 7 * w), 7, 5, 'control')),
    ];
    const b = chooseBaseline(c, groupSeries(rows));
    expect(b.window).toEqual({ start: '2025-09-29', end: '2026-03-01' });
    expect(b.note).toMatch(/22 weeks, 5\.5 times the campaign's length\): the longest history every region/);
    const given = chooseBaseline({ ...c, baseline: { start: '2026-02-02', end: '2026-03-01' } }, groupSeries(rows));
    expect(given.note).toMatch(/shorter than the 4 to 5 times/);
  });
});
