import { groupSeries, type DemandSeriesRow, type Series } from '../analysis/completeness.ts';
import type { QueryEngine } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { registeredCampaigns } from './registered-campaigns.ts';

/** One channel's history in the lake, series by series, limited to some regions ([] = all), for planning. */
export async function demandHistory(engine: QueryEngine, channel: string, regions: string[] = []): Promise<Series[]> {
  const rows = (await engine.query(loadQuery('demand_history'), [channel])) as unknown as DemandSeriesRow[];
  const wanted = new Set(regions);
  return groupSeries(regions.length ? rows.filter((r) => wanted.has(String(r.region))) : rows);
}

/** Date ranges of every registered campaign, earliest first (planning leaves them out of the history). */
export async function campaignWindows(store: ObjectStore): Promise<{ id: string; start: string; end: string }[]> {
  return (await registeredCampaigns(store)).map((c) => ({ id: c.id, start: c.start, end: c.end }));
}
