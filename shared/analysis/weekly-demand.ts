/**
 * The weekly service-demand chart's data. A region's week is the total of its partner series, so
 * it is drawn only when every series of the region (every one that reports at some point in the
 * chart's range) reported all 7 days of it; otherwise the week is a gap, listed in `missingWeeks`,
 * never a dip (a partner that missed a week) or a step (one that joined late). The same rule as the
 * statistics and the data-completeness section: a missing period is never read as zero.
 */
import type { DemandSeries } from '../report/report-types.ts';
import { textAt, type TextColumn } from '../query/columns.ts';
import { addDays, dateOfDay, reportsIn, weekOf, weeklyCounts, type Series, type Window } from './completeness.ts';

/**
 * demand_weekly.sql's answer column by column (hundreds of thousands of rows at national scale, no
 * object per row): the total of all rows per channel, region and Monday week (days since 1970-01-01).
 */
export interface WeeklyTotals { length: number; channel: TextColumn; region: TextColumn; role: TextColumn; week: Float64Array; total: Float64Array }

/** Monday weeks that lie wholly inside the range. */
function weeksIn(range: Window): string[] {
  const out: string[] = [];
  let w = weekOf(range.start);
  if (w < range.start) w = addDays(w, 7);
  for (; addDays(w, 6) <= range.end; w = addDays(w, 7)) out.push(w);
  return out;
}

/**
 * Chart series per channel and region. A week's value is the lake's total (the figure the
 * disclosure step knows partner by partner), drawn only where the series agree with it in full.
 */
export function weeklyDemand(rows: WeeklyTotals, series: Series[], range: Window): DemandSeries[] {
  const all = weeksIn(range);
  // Rows by channel and region, keyed by their dictionary codes (no text key per row).
  const byKey = new Map<number, number[]>();
  const regions = rows.region.values.length + 1;
  for (let i = 0; i < rows.length; i++) {
    const key = rows.channel.codes[i]! * regions + rows.region.codes[i]! + 1;
    const list = byKey.get(key);
    if (list) list.push(i); else byKey.set(key, [i]);
  }
  const byRegion = new Map<string, Series[]>();
  for (const s of series) {
    const key = `${s.channel}|${s.region}`;
    const list = byRegion.get(key);
    if (list) list.push(s); else byRegion.set(key, [s]);
  }
  const out: DemandSeries[] = [];
  for (const list of byKey.values()) {
    const channel = String(textAt(rows.channel, list[0]!)); const region = String(textAt(rows.region, list[0]!));
    const key = `${channel}|${region}`;
    const own = (byRegion.get(key) ?? []).filter((s) => reportsIn(s, range)).map((s) => weeklyCounts(s));
    const total = new Map(list.map((i) => [dateOfDay(rows.week[i]!), rows.total[i]!]));
    const weeks: DemandSeries['weeks'] = []; const missingWeeks: string[] = [];
    for (const w of all) {
      // A plain loop (400 regions x 100 weeks at national scale): the sum in series order, as before.
      let complete = own.length > 0;
      let sum = 0;
      for (const m of own) {
        const v = m.get(w);
        if (v === undefined) complete = false;
        sum += v ?? 0;
      }
      // A lake total that differs from the series' own (rows left out: overlaps, another campaign's weeks) is not drawn either.
      if (complete && total.get(w) === sum) weeks.push({ weekStart: w, count: sum, days: 7 });
      else missingWeeks.push(w);
    }
    out.push({ channel, region, role: textAt(rows.role, list[0]!) === 'control' ? 'control' : 'targeted', weeks, ...(missingWeeks.length ? { missingWeeks } : {}) });
  }
  return out.sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.region < b.region ? -1 : 1));
}
