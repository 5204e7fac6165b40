/**
 * The completeness model of partner data: each series (partner + location + channel) knows which
 * days it reported. A period a series did not report is missing, never zero; windows compare like
 * with like; daily and weekly rows are brought to one grain before series are summed.
 */
const DAY = 86_400_000;
/** Date arithmetic on YYYY-MM-DD in UTC (no time zone can move a day); fast enough for per-day loops. */
export const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Day number since 1970-01-01 (for sets of days: numbers are much cheaper than date strings). */
const dayCache = new Map<string, number>();
const dayNumber = (d: string): number => {
  let n = dayCache.get(d);
  if (n === undefined) dayCache.set(d, (n = Math.round(Date.parse(`${d}T00:00:00Z`) / DAY)));
  return n;
};
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** A row of demand_series.sql / demand_history.sql. */
export interface DemandSeriesRow {
  partner_id: string;
  location: string;
  channel: string;
  region: string;
  role?: 'targeted' | 'control';
  period_start: string;
  period_days: number;
  count: number;
}

export interface SeriesPeriod { start: string; days: number; count: number }

/** One series with its reported periods, sorted, without overlaps. */
export interface Series {
  key: string;
  partner: string;
  location: string;
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  rows: SeriesPeriod[];
  /** rows dropped because another row of the same series already covered those days */
  overlapping: number;
}

export interface Window { start: string; end: string }

export const lastDay = (r: SeriesPeriod): string => (r.days === 1 ? r.start : addDays(r.start, r.days - 1));
/** A row counts in a window only when its whole period lies inside it. */
export const inside = (r: SeriesPeriod, w: Window): boolean => r.start >= w.start && lastDay(r) <= w.end;

/** Where a weekly and daily rows of one series cover the same days, keep the longer row. */
export function dropOverlaps(s: Series): void {
  const byLength = [...s.rows].sort((a, b) => b.days - a.days || (a.start < b.start ? -1 : 1));
  const covered = new Set<number>();
  const kept: SeriesPeriod[] = [];
  for (const r of byLength) {
    const first = dayNumber(r.start);
    let clash = false;
    for (let i = 0; i < r.days && !clash; i++) clash = covered.has(first + i);
    if (clash) { s.overlapping++; continue; }
    for (let i = 0; i < r.days; i++) covered.add(first + i);
    kept.push(r);
  }
  s.rows = kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Group rows into series. Where a weekly and daily rows cover the same days, the longer row is kept. */
export function groupSeries(rows: DemandSeriesRow[]): Series[] {
  const map = new Map<string, Series>();
  for (const r of rows) {
    const partner = String(r.partner_id); const location = String(r.location ?? ''); const channel = String(r.channel); const region = String(r.region);
    const key = `${channel}|${region}|${partner}|${location}`;
    let s = map.get(key);
    if (!s) map.set(key, (s = { key, partner, location, channel, region, role: r.role === 'control' ? 'control' : 'targeted', rows: [], overlapping: 0 }));
    s.rows.push({ start: String(r.period_start).slice(0, 10), days: Number(r.period_days), count: Number(r.count) });
  }
  for (const s of map.values()) dropOverlaps(s);
  return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Count, reported days and rows of a series inside a window. */
export function windowTotals(s: Series, w: Window): { count: number; days: number; rows: SeriesPeriod[] } {
  const rows = s.rows.filter((r) => inside(r, w));
  return { count: rows.reduce((a, r) => a + r.count, 0), days: rows.reduce((a, r) => a + r.days, 0), rows };
}

/** Monday of the ISO week a date falls in. */
export function weekOf(date: string): string {
  let w = weekCache.get(date);
  if (w === undefined) {
    const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    weekCache.set(date, (w = addDays(date, -dow)));
  }
  return w;
}
// Dates repeat across series (a few thousand distinct days): caching keeps per-row work cheap.
const weekCache = new Map<string, string>();

/**
 * A series at weekly grain (Monday weeks): a weekly row counts in the week it starts; daily rows
 * make a week only when all 7 days were reported. Incomplete weeks are absent, not partial.
 */
export function weeklyCounts(s: Series, w?: Window): Map<string, number> {
  const weeks = new Map<string, { count: number; days: number }>();
  for (const r of s.rows) {
    if (w && !inside(r, w)) continue;
    const k = weekOf(r.start);
    const cur = weeks.get(k) ?? { count: 0, days: 0 };
    cur.count += r.count; cur.days += r.days;
    weeks.set(k, cur);
  }
  const out = new Map<string, number>();
  for (const [k, v] of weeks) if (v.days >= 7) out.set(k, v.count);
  return out;
}

/** Daily counts of a daily-only series. */
export function dailyCounts(s: Series, w?: Window): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of s.rows) if (r.days === 1 && (!w || inside(r, w))) out.set(r.start, r.count);
  return out;
}

/** Every Monday-week start overlapping a window (the weeks a series could have reported). */
export function weeksIn(w: Window): string[] {
  const out: string[] = [];
  for (let d = weekOf(w.start); d <= w.end; d = addDays(d, 7)) out.push(d);
  return out;
}

/** The whole Monday weeks inside a window (the same few windows for every series: made once each, never changed). */
function wholeWeeksIn(w: Window): readonly string[] {
  const key = `${w.start}|${w.end}`;
  let weeks = wholeWeeks.get(key);
  if (!weeks) wholeWeeks.set(key, (weeks = weeksIn(w).filter((d) => d >= w.start && addDays(d, 6) <= w.end)));
  return weeks;
}
const wholeWeeks = new Map<string, string[]>();

/** "2 March to 15 March"-free compact ranges of missing weeks: ["2026-03-02..2026-03-15"]. */
export function weekRanges(weeks: string[]): string[] {
  const out: string[] = [];
  let from: string | null = null; let prev: string | null = null;
  for (const w of [...weeks].sort()) {
    if (prev !== null && daysBetween(prev, w) === 7) { prev = w; continue; }
    if (from !== null) out.push(`${from}..${addDays(prev!, 6)}`);
    from = w; prev = w;
  }
  if (from !== null) out.push(`${from}..${addDays(prev!, 6)}`);
  return out;
}

/** What one series reported in one window, for the report's data-completeness section. */
export interface WindowCoverage {
  window: 'baseline' | 'campaign' | 'follow_up';
  days: number;
  reportedDays: number;
  /** whole Monday weeks the series did not report, or reported only in part, as first..last day ranges */
  missingWeeks: string[];
  /** compared windows: whether the series is counted in the comparison with the baseline, and why not */
  used?: boolean;
  reason?: string;
}

export interface SeriesCompleteness {
  channel: string;
  partner: string;
  location: string;
  region: string;
  role: 'targeted' | 'control';
  grain: 'day' | 'week' | 'mixed';
  windows: WindowCoverage[];
  /** rows left out because a longer row of the same series already covered those days */
  overlappingRows?: number;
}

/** The report's data-completeness section. */
export interface DataCompleteness { series: SeriesCompleteness[]; notes: string[] }

/** Coverage of a series in a window: days reported and the whole weeks it did not report at all or in part. */
export function coverage(s: Series, w: Window, window: WindowCoverage['window']): WindowCoverage {
  const t = windowTotals(s, w);
  const reported = new Set<number>();
  for (const r of t.rows) { const first = dayNumber(r.start); for (let i = 0; i < r.days; i++) reported.add(first + i); }
  const missing = wholeWeeksIn(w).filter((wk) => { const first = dayNumber(wk); for (let i = 0; i < 7; i++) if (!reported.has(first + i)) return true; return false; });
  return { window, days: daysBetween(w.start, w.end) + 1, reportedDays: t.days, missingWeeks: weekRanges(missing) };
}

export function grainOf(s: Series): SeriesCompleteness['grain'] {
  const daily = s.rows.some((r) => r.days === 1); const longer = s.rows.some((r) => r.days > 1);
  return daily && longer ? 'mixed' : longer ? 'week' : 'day';
}

/**
 * Leave out every row that overlaps one of the windows (another campaign's dates, for example) in the
 * regions given (all regions when a window has none). Returns the series and how many rows went.
 */
export function withoutWindows(series: Series[], windows: { start: string; end: string; region?: string }[]): { series: Series[]; dropped: number } {
  let dropped = 0;
  const out = series.map((s) => {
    const mine = windows.filter((w) => !w.region || w.region === s.region);
    if (mine.length === 0) return s;
    const rows = s.rows.filter((r) => {
      const hit = mine.some((w) => r.start <= w.end && lastDay(r) >= w.start);
      if (hit) dropped++;
      return !hit;
    });
    return { ...s, rows };
  });
  return { series: out, dropped };
}
