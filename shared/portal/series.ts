/**
 * A partner's own service-demand counts over time, read from their curated Parquet files
 * (curated/service_demand/month=YYYY-MM/<partner-stem>.parquet). Rows of all their sites and
 * regions are added up per channel and period.
 */
import { tablePrefix, stem } from '../lake/layout.ts';
import { readParquet } from '../lake/parquet.ts';
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

/** Read a partner's counts from curated/. */
export async function partnerData(store: ObjectStore, partnerId: string): Promise<PartnerData> {
  const file = `/${stem(partnerId)}.parquet`;
  const keys = (await store.list(tablePrefix(SERVICE_DEMAND))).map((o) => o.key).filter((k) => k.endsWith(file));
  const sums = new Map<string, Map<string, { days: number; count: number }>>();
  const regions = new Set<string>();
  for (const key of keys) {
    for (const r of await readParquet(SERVICE_DEMAND, await store.get(key))) {
      // Files are named by the partner's stem: two ids could share one, so check the id too.
      if (r.partner_id !== partnerId) continue;
      regions.add(String(r.region_code));
      const byDate = sums.get(String(r.channel)) ?? new Map<string, { days: number; count: number }>();
      sums.set(String(r.channel), byDate);
      const at = byDate.get(String(r.period_start)) ?? { days: Number(r.period_days), count: 0 };
      at.count += Number(r.count);
      byDate.set(String(r.period_start), at);
    }
  }
  const series = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, byDate]) => ({
      channel,
      points: [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([periodStart, v]) => ({ periodStart, periodDays: v.days, count: v.count })),
    }));
  return { series, regions: [...regions].sort() };
}
