import { chooseBaseline } from '../analysis/baseline.ts';
import { withoutWindows, type Series, type SeriesCompleteness, type Window } from '../analysis/completeness.ts';
import { compareDemand } from '../analysis/demand.ts';
import type { Campaign } from '../domain/campaign.ts';
import { addDays } from '../domain/dates.ts';
import { readSeries, type RunColumns } from './demand-series.ts';
import type { CampaignOverlap } from './registered-campaigns.ts';
import type { DemandComparison } from '../report/report-types.ts';

export interface CampaignDemand {
  /** partner series as reported, without the periods of other campaigns in these regions */
  series: Series[];
  baseline: Window;
  baselineNote: string;
  serviceDemand: DemandComparison[];
  completeness: SeriesCompleteness[];
}

/**
 * Service demand of a campaign: the partner series from the lake, a clean baseline (the longest
 * history by default; periods when another registered campaign targeted one of the regions left
 * out), and the campaign (or follow-up) window compared with it, series by series.
 */
export async function campaignDemand(
  runColumns: RunColumns,
  c: Campaign,
  o: {
    campaignWindow?: Window; followUpWindow?: Window; seriesEnd: string; years: (from: string, to: string) => [string, string]; overlaps: readonly CampaignOverlap[];
    /** Called with the chosen baseline as soon as the series are read, before the comparisons are computed (reads that need it can start). */
    onBaseline?: (baseline: Window) => void;
  },
): Promise<CampaignDemand> {
  // Millions of rows at national scale: read column by column, straight into series.
  const reported = await readSeries(runColumns, [c.id, '', '', ...o.years(c.baseline.start, o.seriesEnd), c.baseline.start, o.seriesEnd]);
  const others = o.overlaps.filter((x) => x.start < c.start && x.end >= c.baseline.start);
  const { series, dropped } = withoutWindows(reported, others.map((x) => ({ ...x, end: x.end < c.start ? x.end : addDays(c.start, -1) })));
  const chosen = chooseBaseline(c, series);
  o.onBaseline?.(chosen.window);
  const ids = [...new Set(others.map((x) => x.id))];
  const baselineNote = ids.length
    ? `${chosen.note} Left out of it: ${dropped} partner row(s) from when ${ids.length === 1 ? 'another campaign' : `${ids.length} other campaigns`} (${ids.slice(0, 3).join(', ')}) targeted these regions.`
    : chosen.note;
  const serviceDemand: DemandComparison[] = [];
  const completeness: SeriesCompleteness[] = [];
  if (o.campaignWindow) {
    const r = compareDemand(series, chosen.window, o.campaignWindow, 'campaign');
    // Loops, not push(...xs): thousands of series would be spread into one call.
    for (const x of r.comparisons) serviceDemand.push(x);
    for (const x of r.completeness) completeness.push(x);
  }
  if (o.followUpWindow) {
    const r = compareDemand(series, chosen.window, o.followUpWindow, 'follow_up');
    for (const x of r.comparisons) serviceDemand.push(x);
    // Same series, one more window each.
    for (const f of r.completeness) {
      const same = completeness.find((x) => x.channel === f.channel && x.region === f.region && x.partner === f.partner && x.location === f.location);
      if (same) same.windows.push(f.windows[1]!);
      else completeness.push(f);
    }
  }
  return { series, baseline: chosen.window, baselineNote, serviceDemand, completeness };
}
