import { withoutOverlaps, type Periods, type Series } from '../analysis/completeness.ts';
import { numbers, textAt, texts, type ColumnarResult } from '../query/columns.ts';

/** A query by name and parameters, answered column by column (QueryEngine.queryColumns of a queries/ file). */
export type RunColumns = (name: string, params: (string | number)[]) => Promise<ColumnarResult>;

/**
 * The partner series of a campaign (demand_series.sql's parameters): the rows and the series'
 * names are two answers, read side by side (names as text once per series, rows as numbers only).
 */
export async function readSeries(run: RunColumns, params: (string | number)[]): Promise<Series[]> {
  const [rows, names] = await Promise.all([run('demand_series', params), run('demand_series_names', params)]);
  return seriesFromColumns(rows, names);
}

/**
 * Partner series from the columnar answers of demand_series.sql (numbered rows, days as epoch
 * days) and demand_series_names.sql (each series' names), the same Series `groupSeries` makes
 * from row objects: a series' rows sorted by start; where a weekly row and daily rows cover the
 * same days, the longer row is kept. The periods of every series are copied once into three
 * shared typed arrays (a series holds views of its run), so the answers can be let go as soon as
 * this returns.
 */
export function seriesFromColumns(r: ColumnarResult, names: ColumnarResult): Series[] {
  const id = numbers(r, 'series'); const dayCol = numbers(r, 'day'); const daysCol = numbers(r, 'period_days'); const countCol = numbers(r, 'count');
  const numbered = numbers(names, 'series');
  const partner = texts(names, 'partner_id'); const location = texts(names, 'location'); const channel = texts(names, 'channel'); const region = texts(names, 'region'); const role = texts(names, 'role');
  const rowCount = numbers(names, 'row_count');
  const nameRow = new Map<number, number>();
  for (let i = 0; i < names.length; i++) nameRow.set(numbered[i]!, i);
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
    const n = nameRow.get(id[first]!);
    // Two answers of one lake: on Athena an upload could land between them, so they are checked to agree.
    if (n === undefined || rowCount[n] !== end - first) throw new Error(`demand_series and demand_series_names disagree on series ${id[first]} (the partner data changed while the report read it): run the analysis again`);
    const p = String(textAt(partner, n)); const l = textAt(location, n) ?? ''; const ch = String(textAt(channel, n)); const rg = String(textAt(region, n));
    out.push({ key: `${ch}|${rg}|${p}|${l}`, partner: p, location: l, channel: ch, region: rg, role: textAt(role, n) === 'control' ? 'control' : 'targeted', periods: clean.periods, overlapping: clean.overlapping });
    first = end;
  }
  if (out.length !== names.length) throw new Error(`demand_series gives ${out.length} series, demand_series_names ${names.length} (the partner data changed while the report read it): run the analysis again`);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}
