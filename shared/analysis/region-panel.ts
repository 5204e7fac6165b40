/**
 * Region-by-period panel for geo lift, built from partner series without ever reading a missing
 * period as zero: series are brought to one grain (weeks when any series reports weekly), a
 * region's value for a period is the sum of its series only when every one of them reported that
 * period, and series that cover too little of the pre-period or none of the test are left out.
 */
import { addDays, dailyCounts, hasDaily, hasLonger, weeklyCounts, type Series, type Window } from './completeness.ts';
import type { PanelObservation } from './lift/types.ts';

/** A series must report at least this share of the pre-period's periods to be summed into its region. */
export const MIN_PRE_COVERAGE = 0.5;

export interface RegionPanel {
  panel: PanelObservation[];
  grain: 'day' | 'week';
  notes: string[];
  /** series left out of the panel, with the reason */
  leftOut: { partner: string; location: string; region: string; reason: string }[];
}

function periodsIn(w: Window, grain: 'day' | 'week'): string[] {
  const out: string[] = [];
  if (grain === 'day') for (let d = w.start; d <= w.end; d = addDays(d, 1)) out.push(d);
  else {
    let d = w.start;
    while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
    for (; addDays(d, 6) <= w.end; d = addDays(d, 7)) out.push(d);
  }
  return out;
}

/** Panel for a campaign: series must cover half the pre-period and some of the test period. */
export function regionPanel(series: Series[], pre: Window, test: Window): RegionPanel {
  const grain = grainFor(series);
  const prePeriods = periodsIn(pre, grain); const testPeriods = periodsIn(test, grain);
  const unit = grain === 'week' ? 'week' : 'day';
  return build(series, grain, [...prePeriods, ...testPeriods], (counts) => {
    const before = prePeriods.filter((p) => counts.has(p)).length;
    if (!testPeriods.some((p) => counts.has(p))) return `reported no whole ${unit} of the test period`;
    if (before < MIN_PRE_COVERAGE * prePeriods.length) return `reported ${before} of ${prePeriods.length} ${unit}s before the campaign (at least ${MIN_PRE_COVERAGE * 100}% are needed)`;
    return null;
  });
}

/** Panel of a history (for planning): series must cover half of it. */
export function historyPanel(series: Series[], w: Window): RegionPanel {
  const grain = grainFor(series);
  const periods = periodsIn(w, grain);
  return build(series, grain, periods, (counts) => {
    const n = periods.filter((p) => counts.has(p)).length;
    return n < MIN_PRE_COVERAGE * periods.length ? `reported ${n} of ${periods.length} ${grain === 'week' ? 'week' : 'day'}s of the history (at least ${MIN_PRE_COVERAGE * 100}% are needed)` : null;
  });
}

function grainFor(series: Series[]): 'day' | 'week' {
  return series.some(hasLonger) ? 'week' : 'day';
}

function build(series: Series[], grain: 'day' | 'week', periods: string[], reject: (counts: Map<string, number>) => string | null): RegionPanel {
  const notes: string[] = [];
  const leftOut: RegionPanel['leftOut'] = [];
  const byRegion = new Map<string, Map<string, number>[]>();
  for (const s of series) {
    const counts = grain === 'week' ? weeklyCounts(s) : dailyCounts(s);
    const reason = reject(counts);
    if (reason) { leftOut.push({ partner: s.partner, location: s.location, region: s.region, reason }); continue; }
    const list = byRegion.get(s.region) ?? [];
    list.push(counts);
    byRegion.set(s.region, list);
  }
  const panel: PanelObservation[] = [];
  let incomplete = 0;
  for (const [region, list] of byRegion) {
    for (const p of periods) {
      if (list.some((m) => !m.has(p))) { incomplete++; continue; }
      panel.push({ location: region, date: p, value: list.reduce((a, m) => a + m.get(p)!, 0) });
    }
  }
  if (grain === 'week' && series.some(hasDaily)) notes.push('daily and weekly rows were brought to whole Monday weeks before they were summed');
  if (incomplete) notes.push(`${incomplete} region-${grain === 'week' ? 'week' : 'day'}(s) left out because a partner in the region did not report them (never read as zero)`);
  for (const l of leftOut) notes.push(`left out ${l.partner}${l.location ? ` (${l.location})` : ''} in ${l.region}: ${l.reason}`);
  return { panel, grain, notes, leftOut };
}
