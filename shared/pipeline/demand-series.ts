import { withoutOverlaps, type Periods, type Series } from '../analysis/completeness.ts';
import { numbers, textAt, texts, type ColumnarResult } from '../query/columns.ts';

/**
 * Partner series from the columnar answer of demand_series.sql (names on each series' first row,
 * days as epoch days), the same Series `groupSeries` makes from row objects: a series' rows sorted
 * by start; where a weekly row and daily rows cover the same days, the longer row is kept.
 * The periods of every series are copied once into three shared typed arrays (a series holds
 * views of its run), so the answer itself can be let go as soon as this returns.
 */
export function seriesFromColumns(r: ColumnarResult): Series[] {
  const id = numbers(r, 'series'); const dayCol = numbers(r, 'day'); const daysCol = numbers(r, 'period_days'); const countCol = numbers(r, 'count');
  const partner = texts(r, 'partner_id'); const location = texts(r, 'location'); const channel = texts(r, 'channel'); const region = texts(r, 'region'); const role = texts(r, 'role');
  const all: Periods = { day: Int32Array.from(dayCol), days: Int32Array.from(daysCol), count: Float64Array.from(countCol) };
  const out: Series[] = [];
  for (let first = 0; first < r.length; ) {
    let end = first + 1;
    // Rows come sorted by day: a row that starts inside the previous one's days overlaps it.
    let overlapPossible = false;
    for (let lastEnd = all.day[first]! + all.days[first]!; end < r.length && id[end] === id[first]; end++) {
      if (all.day[end]! < lastEnd) overlapPossible = true;
      lastEnd = Math.max(lastEnd, all.day[end]! + all.days[end]!);
    }
    const own: Periods = { day: all.day.subarray(first, end), days: all.days.subarray(first, end), count: all.count.subarray(first, end) };
    const clean = overlapPossible ? withoutOverlaps(own) : { periods: own, overlapping: 0 };
    const p = String(textAt(partner, first)); const l = textAt(location, first) ?? ''; const ch = String(textAt(channel, first)); const rg = String(textAt(region, first));
    out.push({ key: `${ch}|${rg}|${p}|${l}`, partner: p, location: l, channel: ch, region: rg, role: textAt(role, first) === 'control' ? 'control' : 'targeted', periods: clean.periods, overlapping: clean.overlapping });
    first = end;
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}
