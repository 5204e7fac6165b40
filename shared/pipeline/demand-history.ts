import type { PanelObservation } from '../analysis/lift/index.ts';
import { MAX_PARAMETER_CHARS, type QueryEngine } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';

/** One channel's history in the lake as a lift panel (region x period start), for planning. */
export async function demandHistory(engine: QueryEngine, channel: string, regions: string[] = []): Promise<PanelObservation[]> {
  const joined = regions.join(',');
  // A list longer than one query parameter may be (Athena: 1,024 characters) is filtered here instead.
  const list = joined.length + 2 <= MAX_PARAMETER_CHARS ? joined : '';
  const wanted = new Set(regions);
  const rows = (await engine.query(loadQuery('demand_history'), [channel, list, list])).filter((r) => wanted.size === 0 || wanted.has(String(r.location)));
  return rows.map((r) => ({ location: String(r.location), date: String(r.period_start), value: Number(r.value) }));
}
