import { describe, expect, it } from 'vitest';
import { draftNarrative } from '../../shared/analysis/narrative.ts';
import type { GoalResult, Report } from '../../shared/report/report-types.ts';
import { loadSample as sampleReport } from '../report/sample.ts';

const goal = (o: Partial<GoalResult>): GoalResult => ({
  id: 'g', label: 'Impressions: at least 1,000', kind: 'total', metric: 'impressions', direction: 'at_least', target: 1000, actual: 1200, attainment: 1.2, status: 'met', regions: [], ...o,
});

function narrative(mutate: (r: Report) => void): string {
  const r = sampleReport();
  mutate(r);
  return draftNarrative(r).join(' ');
}

describe('draft narrative', () => {
  it('states every goal outcome, missed ones named, and counts unmeasured goals apart', () => {
    const text = narrative((r) => {
      r.goals = [
        goal({ id: 'a' }),
        goal({ id: 'b', label: 'Link clicks: at least 50,000', metric: 'link_clicks', target: 50_000, actual: 12_796, attainment: 0.26, status: 'missed' }),
        goal({ id: 'c', label: 'CPC at most GBP 0.45', kind: 'rate', metric: 'cpc', direction: 'at_most', target: 0.45, actual: 0.68, attainment: 0.66, status: 'missed' }),
        goal({ id: 'd', label: 'Referrals: at least 40', metric: 'referrals', target: 40, actual: null, attainment: null, status: 'insufficient_data', note: 'no referral counts' }),
      ];
    });
    expect(text).toContain('Of the 4 goals, 1 met, 2 missed and 1 without enough data to judge.');
    expect(text).toContain('Missed: Link clicks: at least 50,000: 12,796 against a target of at least 50,000.');
    expect(text).toContain('Missed: CPC at most GBP 0.45: GBP 0.68 against a target of at most GBP 0.45.');
    expect(text).toContain('Not enough data: Referrals: at least 40: target 40; no referral counts.');
  });

  it('never prints Infinity or NaN, even for a rate ratio from a zero baseline', () => {
    const text = narrative((r) => {
      for (const d of r.serviceDemand) Object.assign(d, { rateRatio: Infinity, ciLow: 1.2, ciHigh: Infinity });
      for (const l of r.lift ?? []) Object.assign(l.result, { lift: Infinity, incremental: NaN });
      r.goals = [goal({ attainment: Infinity, pacing: { elapsedDays: 1, totalDays: 2, projected: Infinity, projectedAttainment: Infinity }, status: 'pending' })];
    });
    expect(text).not.toMatch(/Infinity|NaN/);
  });

  it('says "could be chance" in plain words where the interval includes zero, and explains the method in a clause', () => {
    const text = narrative((r) => {
      const l = r.lift![0]!;
      Object.assign(l.result, { method: 'tbr', lift: 0.05, ciLow: -0.04, ciHigh: 0.14, pValue: 0.3 });
      r.lift = [l];
    });
    expect(text).toMatch(/includes zero, so this could be chance/);
    expect(text).toMatch(/time-based regression: the targeted regions' [a-z ]+ predicted from the control regions' [a-z ]+ before the campaign/);
  });

  it('a refused lift says why no effect is claimed, and an open-ended interval says "no upper limit" (issue 10)', () => {
    const refused = narrative((r) => {
      const l = r.lift![0]!;
      Object.assign(l.result, { method: 'scm', lift: 0.2, ciLow: 0.1, ciHigh: null, pValue: 0.01, refused: 'before the campaign the treated regions were already drifting away from the control regions' });
      r.lift = [l];
    });
    expect(refused).toMatch(/\+10% or more, no upper limit/);
    expect(refused).toMatch(/No campaign effect is claimed: before the campaign the treated regions were already drifting/);
    expect(refused).not.toMatch(/supports a campaign effect|no estimate of the campaign's effect/);
  });
});
