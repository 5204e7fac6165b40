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
  /** reach goals: how the reach figure was measured (a sum over days or platforms is only an upper bound) */
  reach?: 'period' | 'daily_sum_upper_bound' | 'platforms_sum_upper_bound' | 'none';
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
  const upperBound = input.reach === 'daily_sum_upper_bound' || input.reach === 'platforms_sum_upper_bound';
  // An upper bound is not an attainment: "423%" of a reach goal from summed daily reach would be false.
  const attainment = actual === null || upperBound ? null : ratio(actual, goal.target, direction);
  const notes = (...extra: (string | undefined)[]): { note?: string } => {
    const text = [input.note, ...extra].filter(Boolean).join('; ');
    return text ? { note: text } : {};
  };
  const result = (status: GoalStatus, extra: Partial<GoalResult> = {}): GoalResult => ({
    ...base,
    attainment,
    status,
    ...notes(),
    ...extra,
  });
  const boundText = upperBound
    ? `only an upper bound is available (${input.reach === 'daily_sum_upper_bound' ? 'reach summed over days counts a person once per day' : 'reach added across platforms counts a person once per platform'}): true reach is at most ${Math.round(actual ?? 0).toLocaleString('en-GB')}`
    : undefined;
  if (phase === 'not_started') return { ...base, actual: null, attainment: null, status: 'pending', note: 'the campaign has not started' };
  if (actual === null) return result(phase === 'running' ? 'pending' : 'insufficient_data');
  if (phase === 'running') {
    if (goal.metric === 'reach' && goal.kind === 'total')
      return result('pending', notes(`reach does not grow in a straight line (the same people see the ads again), so it is not projected to the end date: ${boundText ? 'at most ' : ''}${Math.round(actual).toLocaleString('en-GB')} so far`));
    if (goal.kind !== 'total' || elapsedDays <= 0) return result('pending');
    const projected = (actual / elapsedDays) * totalDays;
    return result('pending', { pacing: { elapsedDays, totalDays, projected, projectedAttainment: projected / goal.target } });
  }
  if (upperBound) {
    if (actual < goal.target * partlyAt) return result('missed', notes(`${boundText}, below the target`));
    return result('insufficient_data', notes(`${boundText}; export a whole-period report for true reach`));
  }
  const a = attainment!;
  if (a >= 1 && input.supported === false)
    return result('partly', notes('the point estimate reaches the target but the interval includes no change'));
  if (a >= 1) return result('met');
  if (a >= partlyAt) return result('partly');
  return result('missed');
}

function ratio(actual: number, target: number, direction: 'at_least' | 'at_most'): number {
  if (direction === 'at_least') return target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  // A cost of 0 meets any ceiling: capped at 10x so no report ever prints Infinity.
  return actual <= 0 ? 10 : Math.min(10, target / actual);
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
