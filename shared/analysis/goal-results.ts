import { goalDirection, type Campaign, type Goal } from '../domain/campaign.ts';
import type { LiftResult } from './lift/index.ts';
import type { CampaignLift, Delivery, DemandComparison, GoalResult, Report } from '../report/report-types.ts';
import { evaluateGoal } from './goals.ts';
import { poissonRateRatio, type RateRatio } from './rate-ratio.ts';

/** A lift the campaign can claim: the interval excludes no change and the test is significant. */
export function liftSupported(r: LiftResult): boolean {
  return r.ciLow !== null && r.ciLow > 0 && (r.pValue ?? 1) < 0.05;
}

export interface GoalInputs {
  campaign: Campaign;
  phase: Report['phase'];
  elapsedDays: number;
  totalDays: number;
  /** goal id -> actual from goal_actuals.sql (totals and rates) */
  sqlActuals: Map<string, number | null>;
  serviceDemand: DemandComparison[];
  lift: CampaignLift[];
  delivery: Delivery;
  /** set when spend came in other currencies: spend goals then use the converted delivery */
  currencyConverted: boolean;
}

const SPEND_METRICS = new Set(['spend', 'cpm', 'cpc']);

/**
 * Every goal's result: totals and rates from SQL, uplift from the exact rate ratio, lift from the
 * geo-lift estimate. A rise the statistics do not support is never `met`.
 */
export function goalResults(x: GoalInputs): GoalResult[] {
  const c = x.campaign;
  return c.goals.map((goal) => {
    const common = { goal, direction: goalDirection(goal), phase: x.phase, elapsedDays: x.elapsedDays, totalDays: x.totalDays, partlyAt: c.partlyAt } as const;
    if (goal.kind === 'lift') {
      const r = x.lift.find((l) => l.channel === goal.metric && l.window === 'campaign')?.result;
      if (!r || r.lift === null)
        return evaluateGoal({ ...common, actual: null, note: r?.insufficient ?? `no ${goal.metric} data for targeted and control regions` });
      return evaluateGoal({ ...common, actual: r.lift * 100, supported: liftSupported(r), note: `${r.method}: ${r.reason}` });
    }
    if (goal.kind === 'uplift') {
      const ratio = upliftOf(x.serviceDemand, goal);
      if (ratio.rateRatio === null)
        return evaluateGoal({ ...common, actual: null, note: `no ${goal.metric} data in both the baseline and the campaign${goal.regions ? ` in ${goal.regions.join(', ')}` : ''}` });
      return evaluateGoal({ ...common, actual: (ratio.rateRatio - 1) * 100, supported: ratio.ciLow !== null && ratio.ciLow > 1 });
    }
    // SQL sums spend as stored; with exports in other currencies, spend goals use the converted delivery.
    if (x.currencyConverted && SPEND_METRICS.has(goal.metric)) return evaluateGoal({ ...common, actual: convertedSpendActual(x.delivery, goal) });
    return evaluateGoal({ ...common, actual: x.sqlActuals.get(goal.id) ?? null });
  });
}

/**
 * Campaign-versus-baseline rate ratio for an uplift goal: the pooled targeted regions, or the
 * goal's own regions pooled the same way (summed counts over summed region-days).
 */
function upliftOf(demand: DemandComparison[], goal: Goal): RateRatio {
  const inWindow = demand.filter((d) => d.channel === goal.metric && d.window === 'campaign');
  const cells = goal.regions ? inWindow.filter((d) => goal.regions!.includes(d.region)) : inWindow.filter((d) => d.region === 'targeted');
  const sum = (k: 'baseline' | 'campaign' | 'baselineDays' | 'campaignDays') => cells.reduce((s, d) => s + d[k], 0);
  if (cells.length === 0) return { rateRatio: null, ciLow: null, ciHigh: null, pValue: null };
  return poissonRateRatio({ baseline: sum('baseline'), compared: sum('campaign'), baselineDays: sum('baselineDays'), comparedDays: sum('campaignDays') });
}

/** Spend, CPM or CPC of a goal's regions from the currency-converted delivery (null without rates). */
function convertedSpendActual(d: Delivery, goal: Goal): number | null {
  const rows = goal.regions ? d.byRegion.filter((r) => goal.regions!.includes(r.region)) : d.byRegion;
  if (rows.some((r) => r.spend === null)) return null;
  const spend = rows.reduce((s, r) => s + r.spend!, 0);
  const impressions = rows.reduce((s, r) => s + r.impressions, 0);
  const link = rows.reduce((s, r) => s + r.link_clicks, 0);
  if (goal.metric === 'spend') return spend;
  if (goal.metric === 'cpm') return impressions > 0 ? (1000 * spend) / impressions : null;
  return link > 0 ? spend / link : null;
}
