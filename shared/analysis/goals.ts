import type { Goal } from '../domain/campaign.ts';
import type { GoalResult, GoalStatus } from '../report/report-types.ts';

export interface GoalEvaluationInput {
  goal: Goal;
  direction: 'at_least' | 'at_most';
  /** measured value; for uplift and lift goals the change in percent */
  actual: number | null;
  phase: 'not_started' | 'running' | 'post' | 'follow_up';
  elapsedDays: number;
  totalDays: number;
  partlyAt: number;
  /** uplift / lift goals: whether the change is statistically supported (interval excludes no change) */
  supported?: boolean;
  note?: string;
}

/**
 * Status of one goal. Running campaigns are `pending` with pacing (totals projected to the end
 * date at the current daily rate); finished ones are met, partly (at least partlyAt of the
 * target) or missed. A rise that the count-aware test does not support is never `met`.
 */
export function evaluateGoal(input: GoalEvaluationInput): GoalResult {
  const { goal, direction, actual, phase, elapsedDays, totalDays, partlyAt } = input;
  const base = {
    id: goal.id,
    label: goal.label ?? defaultLabel(goal),
    kind: goal.kind,
    metric: goal.metric,
    direction,
    target: goal.target,
    regions: goal.regions ?? [],
    actual,
  };
  const attainment = actual === null ? null : ratio(actual, goal.target, direction);
  const result = (status: GoalStatus, extra: Partial<GoalResult> = {}): GoalResult => ({
    ...base,
    attainment,
    status,
    ...(input.note ? { note: input.note } : {}),
    ...extra,
  });
  if (phase === 'not_started') return result('pending', { note: 'the campaign has not started' });
  if (actual === null) return result(phase === 'running' ? 'pending' : 'insufficient_data');
  if (phase === 'running') {
    if (goal.kind !== 'total' || elapsedDays <= 0) return result('pending');
    const projected = (actual / elapsedDays) * totalDays;
    return result('pending', { pacing: { elapsedDays, totalDays, projected, projectedAttainment: projected / goal.target } });
  }
  const a = attainment!;
  if (a >= 1 && input.supported === false)
    return result('partly', { note: `${input.note ? `${input.note}; ` : ''}the point estimate reaches the target but the interval includes no change` });
  if (a >= 1) return result('met');
  if (a >= partlyAt) return result('partly');
  return result('missed');
}

function ratio(actual: number, target: number, direction: 'at_least' | 'at_most'): number {
  if (direction === 'at_least') return target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  return actual === 0 ? Infinity : target / actual;
}

const NAMES: Record<string, string> = {
  impressions: 'Impressions',
  reach: 'Reach',
  clicks: 'Clicks (all)',
  link_clicks: 'Link clicks',
  spend: 'Spend',
  ctr: 'CTR (%)',
  cpm: 'CPM',
  cpc: 'Cost per link click',
};

export function metricName(metric: string): string {
  return NAMES[metric] ?? metric.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function defaultLabel(goal: Goal): string {
  const name = metricName(goal.metric);
  switch (goal.kind) {
    case 'total':
      return `${name}: at least ${goal.target.toLocaleString('en-GB')}`;
    case 'rate':
      return `${name}: ${goal.metric === 'ctr' ? 'at least' : 'at most'} ${goal.target}`;
    case 'uplift':
      return `${name}: rise of at least ${goal.target}% on baseline`;
    case 'lift':
      return `${name}: lift of at least ${goal.target}% versus control regions`;
  }
}
