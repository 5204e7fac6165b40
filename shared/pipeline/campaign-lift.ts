import type { Campaign } from '../domain/campaign.ts';
import { estimateLift, LiftInputError, type LiftResult, type PanelObservation } from '../analysis/lift/index.ts';
import type { CampaignLift } from '../report/report-types.ts';
import { partitionRange } from '../lake/layout.ts';
import { SERVICE_DEMAND } from '../lake/tables.ts';
import type { QueryEngine } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';

/**
 * Geo lift of each channel: targeted regions against the control regions' counterfactual,
 * over the baseline (pre-period) and a compared window (the campaign, or a follow-up window;
 * the weeks between are left out so they count neither as pre nor as post).
 */
export async function campaignLift(
  engine: QueryEngine,
  c: Campaign,
  channels: string[],
  window: { kind: 'campaign' | 'follow_up'; start: string; end: string },
): Promise<CampaignLift[]> {
  const control = c.regions.control ?? [];
  if (control.length === 0) return [];
  const [y0, y1] = partitionRange(SERVICE_DEMAND, c.baseline.start, window.end);
  const out: CampaignLift[] = [];
  for (const channel of channels) {
    const rows = await engine.query(loadQuery('demand_panel'), [c.id, channel, y0, y1, c.baseline.start, window.end]);
    const panel: PanelObservation[] = rows
      .map((r) => ({ location: String(r.location), date: String(r.period_start), value: Number(r.value) }))
      .filter((o) => o.date <= c.baseline.end || (o.date >= window.start && o.date <= window.end));
    let result: LiftResult;
    try {
      result = estimateLift({ panel, treated: c.regions.targeted, control, start: window.start, end: window.end, preStart: c.baseline.start, seed: 1 });
    } catch (e) {
      if (!(e instanceof LiftInputError)) throw e;
      result = insufficient(e.message);
    }
    out.push({ channel, window: window.kind, start: window.start, end: window.end, result });
  }
  return out;
}

function insufficient(why: string): LiftResult {
  return {
    method: 'prepost',
    reason: 'no estimate',
    att: null,
    incremental: null,
    lift: null,
    ciLow: null,
    ciHigh: null,
    pValue: null,
    weights: {},
    preFit: { periods: 0 },
    series: [],
    cumulative: [],
    insufficient: why,
  };
}
