import { goalDirection, type Campaign, type Goal } from '../domain/campaign.ts';
import type { LiftResult } from './lift/index.ts';
import { claimedEffect } from './lift/claim.ts';
import { isAdMetric } from '../domain/metrics.ts';
import type { CampaignLift, Delivery, DeliveryReach, DemandComparison, GoalResult, Report } from '../report/report-types.ts';
import { platformName } from './delivery.ts';
import { evaluateGoal } from './goals.ts';
import { pooledUplift } from './demand.ts';
import type { RateRatio, Uplift } from './rate-ratio.ts';

/** A lift the campaign can claim: not refused by its checks, the interval excludes no change and the test is significant. */
export function liftSupported(r: LiftResult): boolean {
  return claimedEffect(r) === 'rise';
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
  /** The report's delivery section: ad-metric goals use exactly its figures. */
  delivery: Delivery;
}

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
      return evaluateGoal({ ...common, actual: (ratio.rateRatio - 1) * 100, supported: ratio.ciLow !== null && ratio.ciLow > 1, ...('method' in ratio ? { note: ratio.method } : {}) });
    }
    if (isAdMetric(goal.metric) || goal.kind === 'rate') {
      const ad = adActual(x.delivery, goal);
      return evaluateGoal({ ...common, actual: ad.value, ...(ad.reach ? { reach: ad.reach } : {}), ...(ad.note ? { note: ad.note } : {}) });
    }
    return evaluateGoal({ ...common, actual: x.sqlActuals.get(goal.id) ?? null });
  });
}

/**
 * Campaign-versus-baseline rate ratio for an uplift goal: the pooled targeted regions, or the
 * goal's own regions pooled the same way (summed counts over summed exposures, widened for
 * over-dispersion).
 */
function upliftOf(demand: DemandComparison[], goal: Goal): RateRatio | Uplift {
  const inWindow = demand.filter((d) => d.channel === goal.metric && d.window === 'campaign');
  const cells = goal.regions ? inWindow.filter((d) => goal.regions!.includes(d.region)) : inWindow.filter((d) => d.region === 'targeted');
  if (cells.length === 0) return { rateRatio: null, ciLow: null, ciHigh: null, pValue: null };
  return pooledUplift(cells);
}

/**
 * An ad-metric goal's actual, from the same figures as the delivery section: the combined totals,
 * or the table by region for a goal limited to some regions. Reach says how it was measured.
 */
function adActual(d: Delivery, goal: Goal): { value: number | null; reach?: DeliveryReach['kind']; note?: string } {
  const metric = goal.metric;
  if (!goal.regions) {
    if (metric === 'reach') return { value: d.reach.value, reach: d.reach.kind };
    const value = (d as unknown as Record<string, number | null>)[metric] ?? null;
    const ps = d.platformsOf?.[metric];
    const all = (d.platforms ?? []).filter((p) => p.totalsFrom !== null).map((p) => p.platform);
    const partial = ps && ps.length < all.length ? `from ${ps.map(platformName).join(' and ')} only (the other platforms did not export it)` : undefined;
    return { value, ...(partial ? { note: partial } : {}) };
  }
  const rows = d.byRegion.filter((r) => goal.regions!.includes(r.region));
  const rp = d.regionPlatforms ?? [];
  const note =
    d.platforms && rp.length < d.platforms.length
      ? rp.length
        ? `regional delivery from ${rp.map(platformName).join(' and ')} only`
        : "no platform exported delivery by the campaign's regions"
      : undefined;
  const sum = (k: 'impressions' | 'clicks' | 'link_clicks' | 'spend' | 'reach'): number | null =>
    rows.length === 0 || rows.every((r) => r[k] === null || r[k] === undefined) ? null : rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  const withNote = (value: number | null) => ({ value, ...(note ? { note } : {}) });
  const i = sum('impressions');
  const l = sum('link_clicks');
  const sp = sum('spend');
  switch (metric) {
    case 'reach':
      return { ...withNote(sum('reach')), reach: d.reach.kind === 'daily_sum_upper_bound' ? 'daily_sum_upper_bound' : 'period' };
    case 'ctr':
      return withNote(i && l !== null ? (100 * l) / i : null);
    case 'cpm':
      return withNote(i && sp !== null ? (1000 * sp) / i : null);
    case 'cpc':
      return withNote(l && sp !== null ? sp / l : null);
    case 'impressions':
    case 'clicks':
    case 'link_clicks':
    case 'spend':
      return withNote(sum(metric));
    default:
      return { value: null, note: `${metric} is not available by region` };
  }
}
