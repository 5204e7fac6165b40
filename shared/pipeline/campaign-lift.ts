import type { Campaign } from '../domain/campaign.ts';
import type { Series, Window } from '../analysis/completeness.ts';
import { estimateLift, LiftInputError, type LiftResult } from '../analysis/lift/index.ts';
import { regionPanel } from '../analysis/region-panel.ts';
import type { CampaignLift } from '../report/report-types.ts';

/**
 * Geo lift of each channel: targeted regions against the control regions' counterfactual,
 * over the baseline (pre-period) and a compared window (the campaign, or a follow-up window;
 * the weeks between are left out so they count neither as pre nor as post). The panel comes from
 * the partner series with the completeness rules (no zero-filling, one grain).
 */
export function campaignLift(
  c: Campaign,
  series: Series[],
  baseline: Window,
  channels: string[],
  window: { kind: 'campaign' | 'follow_up'; start: string; end: string },
  excluded: string[] = [],
): CampaignLift[] {
  const control = (c.regions.control ?? []).filter((r) => !excluded.includes(r));
  if ((c.regions.control ?? []).length === 0) return [];
  const out: CampaignLift[] = [];
  for (const channel of channels) {
    const rp = regionPanel(series.filter((s) => s.channel === channel && !excluded.includes(s.region)), baseline, window);
    const present = new Set(rp.panel.locations);
    const missingTreated = c.regions.targeted.filter((r) => !present.has(r));
    let result: LiftResult;
    if (control.length === 0) result = insufficient('every control region is left out (regions.excludeControls or --exclude-control)');
    else if (missingTreated.length) result = insufficient(`no partner series in ${missingTreated.join(', ')} covers enough of the baseline and the ${window.kind === 'campaign' ? 'campaign' : 'follow-up window'}`);
    else {
      try {
        result = estimateLift({ panel: rp.panel, treated: c.regions.targeted, control: control.filter((r) => present.has(r)), start: window.start, end: window.end, preStart: baseline.start, seed: 1 });
      } catch (e) {
        if (!(e instanceof LiftInputError)) throw e;
        result = insufficient(e.message);
      }
    }
    const missingControls = control.filter((r) => !present.has(r));
    const notes = [...rp.notes, ...(missingControls.length ? [`control region(s) without usable partner data: ${missingControls.join(', ')}`] : []), ...(result.notes ?? [])];
    if (notes.length) result = { ...result, notes };
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
