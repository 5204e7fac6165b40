/**
 * Region-by-period panel for geo lift, built from partner series without ever reading a missing
 * period as zero: series are brought to one grain (weeks when any series reports weekly), a
 * region's value for a period is the sum of its series only when every one of them reported that
 * period, and series that cover too little of the pre-period or none of the test are left out.
 */
import { addDays, dateOfDay, hasDaily, hasLonger, weeklyCounts, type Series, type Window } from './completeness.ts';
import type { DensePanel } from './lift/types.ts';

/** A series must report at least this share of the pre-period's periods to be summed into its region. */
export const MIN_PRE_COVERAGE = 0.5;

export interface RegionPanel {
  /** regions that have at least one complete period, over the sorted periods (NaN where incomplete) */
  panel: DensePanel;
  grain: 'day' | 'week';
  notes: string[];
  /** series left out of the panel, with the reason */
  leftOut: { partner: string; location: string; region: string; reason: string }[];
}

function periodsIn(w: Window, grain: 'day' | 'week'): string[] {
  const out: string[] = [];
  // Days by number, their text from the shared cache (a panel of two years has 730 days per window).
  if (grain === 'day') for (let n = dayOf(w.start), last = dayOf(w.end); n <= last; n++) out.push(dateOfDay(n));
  else {
    let d = w.start;
    while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
    for (; addDays(d, 6) <= w.end; d = addDays(d, 7)) out.push(d);
  }
  return out;
}

/** Reported periods of a series over the panel's periods, by position: has[k] when it reported periods[k], with value[k]. */
interface Reported { has: Uint8Array; value: Float64Array }

const count = (has: Uint8Array, from: number, to: number): number => {
  let n = 0;
  for (let k = from; k < to; k++) n += has[k]!;
  return n;
};

/** Panel for a campaign: series must cover half the pre-period and some of the test period. */
export function regionPanel(series: Series[], pre: Window, test: Window): RegionPanel {
  const grain = grainFor(series);
  const prePeriods = periodsIn(pre, grain); const testPeriods = periodsIn(test, grain);
  const unit = grain === 'week' ? 'week' : 'day';
  const nPre = prePeriods.length; const n = nPre + testPeriods.length;
  return build(series, grain, [...prePeriods, ...testPeriods], ({ has }) => {
    const before = count(has, 0, nPre);
    if (count(has, nPre, n) === 0) return `reported no whole ${unit} of the test period`;
    if (before < MIN_PRE_COVERAGE * prePeriods.length) return `reported ${before} of ${prePeriods.length} ${unit}s before the campaign (at least ${MIN_PRE_COVERAGE * 100}% are needed)`;
    return null;
  });
}

/** Panel of a history (for planning): series must cover half of it. */
export function historyPanel(series: Series[], w: Window): RegionPanel {
  const grain = grainFor(series);
  const periods = periodsIn(w, grain);
  return build(series, grain, periods, ({ has }) => {
    const n = count(has, 0, periods.length);
    return n < MIN_PRE_COVERAGE * periods.length ? `reported ${n} of ${periods.length} ${grain === 'week' ? 'week' : 'day'}s of the history (at least ${MIN_PRE_COVERAGE * 100}% are needed)` : null;
  });
}

function grainFor(series: Series[]): 'day' | 'week' {
  return series.some(hasLonger) ? 'week' : 'day';
}

const DAY = 86_400_000;
const dayOf = (d: string): number => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);

/**
 * Each series' counts over the periods, in typed arrays (a national panel has millions of
 * region-days: no map per series). Daily: the series' one-day rows; weekly: its whole Monday weeks.
 */
function reportedOver(periods: string[], grain: 'day' | 'week'): (s: Series) => Reported {
  if (grain === 'week')
    return (s) => {
      const m = weeklyCounts(s);
      return { has: Uint8Array.from(periods, (p) => (m.has(p) ? 1 : 0)), value: Float64Array.from(periods, (p) => m.get(p) ?? 0) };
    };
  // Days as offsets from the first period day, so a series' rows land by index (a day may be a period twice).
  const days = periods.map(dayOf);
  let first = Infinity; let last = -Infinity;
  for (const d of days) { first = Math.min(first, d); last = Math.max(last, d); }
  const span = days.length ? last - first + 1 : 0;
  const got = new Uint8Array(span); const byDay = new Float64Array(span);
  return (s) => {
    got.fill(0);
    const { day, days: length, count: c } = s.periods;
    for (let i = 0; i < day.length; i++) {
      const d = day[i]! - first;
      if (length[i] === 1 && d >= 0 && d < span) { got[d] = 1; byDay[d] = c[i]!; }
    }
    const has = new Uint8Array(periods.length); const value = new Float64Array(periods.length);
    for (let k = 0; k < periods.length; k++) { const d = days[k]! - first; if (got[d]) { has[k] = 1; value[k] = byDay[d]!; } }
    return { has, value };
  };
}

function build(series: Series[], grain: 'day' | 'week', periods: string[], reject: (counts: Reported) => string | null): RegionPanel {
  const notes: string[] = [];
  const leftOut: RegionPanel['leftOut'] = [];
  const byRegion = new Map<string, Reported[]>();
  const reported = reportedOver(periods, grain);
  for (const s of series) {
    const counts = reported(s);
    const reason = reject(counts);
    if (reason) { leftOut.push({ partner: s.partner, location: s.location, region: s.region, reason }); continue; }
    const list = byRegion.get(s.region) ?? [];
    list.push(counts);
    byRegion.set(s.region, list);
  }
  // One row per region over the distinct sorted periods; a period listed twice adds up, in order.
  const dates = [...new Set(periods)].sort();
  const col = new Map(dates.map((d, c) => [d, c]));
  const colOf = periods.map((p) => col.get(p)!);
  // Periods already distinct and in order (the usual case): period k is column k.
  const inOrder = colOf.every((c, k) => c === k);
  const panel: DensePanel = { locations: [], dates, rows: [] };
  let incomplete = 0;
  for (const [region, list] of byRegion) {
    // The usual region: one series that reported every period, whose counts are the row as they are.
    if (inOrder && list.length === 1 && count(list[0]!.has, 0, periods.length) === periods.length) {
      if (periods.length) { panel.locations.push(region); panel.rows.push(list[0]!.value); }
      continue;
    }
    const row = new Float64Array(dates.length).fill(Number.NaN);
    let any = false;
    // Plain loops (no closure per region-period: a national panel has millions); the sum in list order, as before.
    periods: for (let k = 0; k < periods.length; k++) {
      let sum = 0;
      for (let j = 0; j < list.length; j++) {
        const m = list[j]!;
        if (!m.has[k]) { incomplete++; continue periods; }
        sum += m.value[k]!;
      }
      const c = colOf[k]!;
      row[c] = (Number.isNaN(row[c]!) ? 0 : row[c]!) + sum;
      any = true;
    }
    if (any) { panel.locations.push(region); panel.rows.push(row); }
  }
  if (grain === 'week' && series.some(hasDaily)) notes.push('daily and weekly rows were brought to whole Monday weeks before they were summed');
  if (incomplete) notes.push(`${incomplete} region-${grain === 'week' ? 'week' : 'day'}(s) left out because a partner in the region did not report them (never read as zero)`);
  for (const l of leftOut) notes.push(`left out ${l.partner}${l.location ? ` (${l.location})` : ''} in ${l.region}: ${l.reason}`);
  return { panel, grain, notes, leftOut };
}
