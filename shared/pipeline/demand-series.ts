import { dropOverlaps, type Series, type SeriesPeriod } from '../analysis/completeness.ts';
import { fromEpochDay } from '../domain/dates.ts';
import { numbers, textAt, texts, type ColumnarResult } from '../query/columns.ts';

/**
 * Partner series from the columnar answer of demand_series.sql (names on each series' first row,
 * days as epoch days), the same Series `groupSeries` makes from row objects: a series' rows sorted
 * by start; where a weekly row and daily rows cover the same days, the longer row is kept.
 * Date texts are made once per distinct day and shared by every row of that day.
 */
export function seriesFromColumns(r: ColumnarResult): Series[] {
  const id = numbers(r, 'series'); const day = numbers(r, 'day'); const days = numbers(r, 'period_days'); const count = numbers(r, 'count');
  const partner = texts(r, 'partner_id'); const location = texts(r, 'location'); const channel = texts(r, 'channel'); const region = texts(r, 'region'); const role = texts(r, 'role');
  const dateText = new Map<number, string>();
  const dateOf = (d: number): string => {
    let s = dateText.get(d);
    if (s === undefined) dateText.set(d, (s = fromEpochDay(d)));
    return s;
  };
  const out: Series[] = [];
  let cur: Series | undefined;
  let curId = Number.NaN;
  let overlapPossible = false;
  let lastEnd = -Infinity;
  const close = () => {
    if (cur && overlapPossible) dropOverlaps(cur);
  };
  for (let i = 0; i < r.length; i++) {
    if (id[i] !== curId) {
      close();
      curId = id[i]!;
      const p = String(textAt(partner, i)); const l = textAt(location, i) ?? ''; const ch = String(textAt(channel, i)); const rg = String(textAt(region, i));
      cur = { key: `${ch}|${rg}|${p}|${l}`, partner: p, location: l, channel: ch, region: rg, role: textAt(role, i) === 'control' ? 'control' : 'targeted', rows: [], overlapping: 0 };
      out.push(cur);
      overlapPossible = false;
      lastEnd = -Infinity;
    }
    const first = day[i]!; const n = days[i]!;
    // Rows come sorted by day: a row that starts inside the previous one's days overlaps it.
    if (first < lastEnd) overlapPossible = true;
    lastEnd = Math.max(lastEnd, first + n);
    const row: SeriesPeriod = { start: dateOf(first), days: n, count: count[i]! };
    cur!.rows.push(row);
  }
  close();
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}
