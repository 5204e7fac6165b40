import type { PanelObservation } from '../analysis/lift/index.ts';
import type { QueryEngine } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';

/** One channel's history in the lake as a lift panel (region x period start), for planning. */
export async function demandHistory(engine: QueryEngine, channel: string, regions: string[] = []): Promise<PanelObservation[]> {
  const list = regions.join(',');
  const rows = await engine.query(loadQuery('demand_history'), [channel, list, list]);
  return rows.map((r) => ({ location: String(r.location), date: String(r.period_start), value: Number(r.value) }));
}
