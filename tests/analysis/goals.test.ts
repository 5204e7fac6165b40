import { describe, expect, it } from 'vitest';
import { chooseAdditiveKind, chooseReach } from '../../shared/analysis/delivery-kind.ts';
import { evaluateGoal } from '../../shared/analysis/goals.ts';
import type { Goal } from '../../shared/domain/campaign.ts';

const impressions: Goal = { id: 'g1', kind: 'total', metric: 'impressions', target: 1000 };
const cpm: Goal = { id: 'g2', kind: 'rate', metric: 'cpm', target: 5 };
const uplift: Goal = { id: 'g3', kind: 'uplift', metric: 'helpline_calls', target: 20 };
const post = { phase: 'post', elapsedDays: 28, totalDays: 28, partlyAt: 0.8 } as const;

describe('goal status', () => {
  it('met, partly (80% by default) and missed after the campaign', () => {
    expect(evaluateGoal({ ...post, goal: impressions, direction: 'at_least', actual: 1200 })).toMatchObject({ status: 'met', attainment: 1.2 });
    expect(evaluateGoal({ ...post, goal: impressions, direction: 'at_least', actual: 850 }).status).toBe('partly');
    expect(evaluateGoal({ ...post, goal: impressions, direction: 'at_least', actual: 700 }).status).toBe('missed');
    expect(evaluateGoal({ ...post, goal: impressions, direction: 'at_least', actual: 700, partlyAt: 0.6 }).status).toBe('partly');
  });

  it('inverts attainment for at-most goals (CPM, CPC)', () => {
    expect(evaluateGoal({ ...post, goal: cpm, direction: 'at_most', actual: 4 })).toMatchObject({ status: 'met', attainment: 1.25 });
    expect(evaluateGoal({ ...post, goal: cpm, direction: 'at_most', actual: 10 })).toMatchObject({ status: 'missed', attainment: 0.5 });
  });

  it('is pending with pacing while the campaign runs', () => {
    const g = evaluateGoal({ goal: impressions, direction: 'at_least', actual: 400, phase: 'running', elapsedDays: 7, totalDays: 28, partlyAt: 0.8 });
    expect(g.status).toBe('pending');
    expect(g.pacing).toEqual({ elapsedDays: 7, totalDays: 28, projected: 1600, projectedAttainment: 1.6 });
  });

  it('is insufficient_data without a measurement, pending before the start', () => {
    expect(evaluateGoal({ ...post, goal: impressions, direction: 'at_least', actual: null }).status).toBe('insufficient_data');
    expect(evaluateGoal({ ...post, phase: 'not_started', goal: impressions, direction: 'at_least', actual: null }).status).toBe('pending');
  });

  it('never calls an unsupported rise met', () => {
    const g = evaluateGoal({ ...post, goal: uplift, direction: 'at_least', actual: 35, supported: false });
    expect(g.status).toBe('partly');
    expect(g.note).toMatch(/interval includes no change/);
    expect(evaluateGoal({ ...post, goal: uplift, direction: 'at_least', actual: 35, supported: true }).status).toBe('met');
  });
});

describe('which ad rows to sum', () => {
  const kinds = [
    { breakdown: 'age,gender', granularity: 'day', rowCount: 10, reach: 900 },
    { breakdown: 'region', granularity: 'day', rowCount: 10, reach: 1000 },
    { breakdown: 'region', granularity: 'period', rowCount: 2, reach: 300 },
  ] as const;
  it('sums daily region rows, never a demographic export on top of them', () => {
    expect(chooseAdditiveKind([...kinds])).toMatchObject({ breakdown: 'region', granularity: 'day' });
  });
  it('takes reach from a whole-period export, else labels the daily sum an upper bound', () => {
    expect(chooseReach([...kinds], kinds[1])).toEqual({ value: 300, kind: 'period' });
    expect(chooseReach([kinds[0], kinds[1]], kinds[1])).toEqual({ value: 1000, kind: 'daily_sum_upper_bound' });
  });
});
