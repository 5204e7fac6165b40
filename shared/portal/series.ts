/**
 * A partner's own service-demand counts over time, as the reports see them (newest upload per
 * period key, withdrawn uploads left out). Rows of all their sites and regions are added up per
 * channel and period.
 */
import { readCurrentRows } from '../lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../lake/tables.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** One channel's counts, oldest first. */
export interface ChannelSeries {
  channel: string;
  points: { periodStart: string; periodDays: number; count: number }[];
}

/** Everything the partner has in the lake: one series per channel, plus the regions seen. */
export interface PartnerData {
  series: ChannelSeries[];
  regions: string[];
}

/** Read a partner's counts from curated/ (the TypeScript read path: the portal runs no SQL engine). */
export async function partnerData(store: ObjectStore, partnerId: string): Promise<PartnerData> {
  const sums = new Map<string, Map<string, { days: number; count: number }>>();
  const regions = new Set<string>();
  for (const r of await readCurrentRows(store, SERVICE_DEMAND, { where: (row) => row.partner_id === partnerId })) {
    regions.add(String(r.region_code));
    const byDate = sums.get(String(r.channel)) ?? new Map<string, { days: number; count: number }>();
    sums.set(String(r.channel), byDate);
    const at = byDate.get(String(r.period_start)) ?? { days: Number(r.period_days), count: 0 };
    at.count += Number(r.count);
    byDate.set(String(r.period_start), at);
  }
  const series = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, byDate]) => ({
      channel,
      points: [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([periodStart, v]) => ({ periodStart, periodDays: v.days, count: v.count })),
    }));
  return { series, regions: [...regions].sort() };
}
