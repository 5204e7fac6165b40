import { describe, expect, it } from 'vitest';
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

describe('reach goals', () => {
  const reach: Goal = { id: 'r', kind: 'total', metric: 'reach', target: 250_000 };
  it('never scores an upper bound as met, and says why', () => {
    const g = evaluateGoal({ ...post, goal: reach, direction: 'at_least', actual: 1_058_136, reach: 'daily_sum_upper_bound' });
    expect(g).toMatchObject({ status: 'insufficient_data', attainment: null });
    expect(g.note).toMatch(/upper bound.*at most 1,058,136/);
    // An upper bound below the target is a miss for sure.
    expect(evaluateGoal({ ...post, goal: reach, direction: 'at_least', actual: 100_000, reach: 'platforms_sum_upper_bound' }).status).toBe('missed');
    expect(evaluateGoal({ ...post, goal: reach, direction: 'at_least', actual: 402_089, reach: 'period' })).toMatchObject({ status: 'met', attainment: 402_089 / 250_000 });
  });
  it('is not projected linearly while running: the current value is stated instead', () => {
    const g = evaluateGoal({ goal: reach, direction: 'at_least', actual: 120_000, phase: 'running', elapsedDays: 7, totalDays: 28, partlyAt: 0.8, reach: 'period' });
    expect(g.status).toBe('pending');
    expect(g.pacing).toBeUndefined();
    expect(g.note).toMatch(/not projected.*120,000 so far/);
  });
  it('a cost of zero meets a ceiling without an infinite attainment', () => {
    const g = evaluateGoal({ ...post, goal: cpm, direction: 'at_most', actual: 0 });
    expect(g.status).toBe('met');
    expect(Number.isFinite(g.attainment!)).toBe(true);
  });
});
