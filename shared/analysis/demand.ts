import type { DemandComparison } from '../report/report-types.ts';
import { poissonRateRatio } from './rate-ratio.ts';

/** A row of demand_windows.sql. */
export interface DemandWindowRow {
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  period_window: 'baseline' | 'compared';
  total: number;
  exposure_days: number;
}

interface Cell {
  baseline: number;
  compared: number;
  baselineDays: number;
  comparedDays: number;
}

/**
 * Campaign (or follow-up) versus baseline for every channel and region, plus the pooled
 * targeted and control regions of each channel. Pooled rates divide summed counts by summed
 * region-days, so a region with a longer record does not dominate.
 */
export function compareDemand(rows: DemandWindowRow[], window: 'campaign' | 'follow_up'): DemandComparison[] {
  const cells = new Map<string, Cell & { channel: string; region: string; role: 'targeted' | 'control' }>();
  const cell = (channel: string, region: string, role: 'targeted' | 'control') => {
    const key = `${channel}|${region}|${role}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { channel, region, role, baseline: 0, compared: 0, baselineDays: 0, comparedDays: 0 }));
    return c;
  };
  for (const r of rows) {
    for (const c of [cell(r.channel, r.region, r.role), cell(r.channel, r.role, r.role)]) {
      if (r.period_window === 'baseline') {
        c.baseline += r.total;
        c.baselineDays += r.exposure_days;
      } else {
        c.compared += r.total;
        c.comparedDays += r.exposure_days;
      }
    }
  }
  return [...cells.values()]
    .sort((a, b) => a.channel.localeCompare(b.channel) || poolOrder(a) - poolOrder(b) || a.region.localeCompare(b.region))
    .map((c) => {
      const stats = poissonRateRatio({ baseline: c.baseline, compared: c.compared, baselineDays: c.baselineDays, comparedDays: c.comparedDays });
      return {
        channel: c.channel,
        region: c.region,
        role: c.role,
        window,
        baseline: c.baseline,
        campaign: c.compared,
        baselineDays: c.baselineDays,
        campaignDays: c.comparedDays,
        rateRatio: stats.rateRatio,
        ciLow: stats.ciLow,
        ciHigh: stats.ciHigh,
        pValue: stats.pValue,
        ...(stats.note ? { note: stats.note } : {}),
      };
    });
}

/** Pooled rows first (targeted, then control), then single regions. */
function poolOrder(c: { region: string; role: string }): number {
  if (c.region === 'targeted') return 0;
  if (c.region === 'control') return 1;
  return c.role === 'targeted' ? 2 : 3;
}
