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

/** One reported period as an object (for tests and small answers; the analysis reads {@link Periods}). */
export interface SeriesPeriod { start: string; days: number; count: number }

/**
 * A series' reported periods column by column, one typed array per field (millions of rows at
 * national scale: no object per row): the first day as days since 1970-01-01, the length in days,
 * the count. Sorted by first day, without overlaps, so the periods inside a window are one run of
 * indices and their last days are sorted too.
 */
export interface Periods { day: Int32Array; days: Int32Array; count: Float64Array }

/** One series with its reported periods, sorted, without overlaps. */
export interface Series {
  key: string;
  partner: string;
  location: string;
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  periods: Periods;
  /** rows dropped because another row of the same series already covered those days */
  overlapping: number;
}

export interface Window { start: string; end: string }

/** Date text of a day number, made once per distinct day (a few thousand days recur across series). */
const dateCache = new Map<number, string>();
export const dateOfDay = (n: number): string => {
  let d = dateCache.get(n);
  if (d === undefined) dateCache.set(n, (d = new Date(n * DAY).toISOString().slice(0, 10)));
  return d;
};

/** Monday of the ISO week of a day number (day 0, 1970-01-01, was a Thursday). */
const mondayOf = (n: number): number => n - ((n + 3) % 7);

export const lastDay = (r: SeriesPeriod): string => (r.days === 1 ? r.start : addDays(r.start, r.days - 1));

/** The periods of a series as objects (tests and small answers). */
export function periodRows(s: Series): SeriesPeriod[] {
  const { day, days, count } = s.periods;
  return Array.from(day, (d, i) => ({ start: dateOfDay(d), days: days[i]!, count: count[i]! }));
}

/** The periods at the given indices, in that order, as new arrays. */
function pick(p: Periods, at: ArrayLike<number>): Periods {
  const n = at.length;
  const out: Periods = { day: new Int32Array(n), days: new Int32Array(n), count: new Float64Array(n) };
  for (let k = 0; k < n; k++) { const i = at[k]!; out.day[k] = p.day[i]!; out.days[k] = p.days[i]!; out.count[k] = p.count[i]!; }
  return out;
}

/**
 * Where weekly and daily rows of one series cover the same days, keep the longer row (the longest
 * first, then the earliest); the rest sorted by first day. Returns the periods and how many went.
 */
export function withoutOverlaps(p: Periods): { periods: Periods; overlapping: number } {
  const n = p.day.length;
  if (n === 0) return { periods: p, overlapping: 0 };
  let lo = Infinity; let hi = -Infinity;
  for (let i = 0; i < n; i++) { lo = Math.min(lo, p.day[i]!); hi = Math.max(hi, p.day[i]! + p.days[i]!); }
  const byLength = Array.from({ length: n }, (_, i) => i).sort((a, b) => p.days[b]! - p.days[a]! || p.day[a]! - p.day[b]! || a - b);
  const covered = new Uint8Array(hi - lo);
  const kept: number[] = [];
  for (const i of byLength) {
    const first = p.day[i]! - lo;
    let clash = false;
    for (let k = 0; k < p.days[i]! && !clash; k++) clash = covered[first + k] === 1;
    if (clash) continue;
    covered.fill(1, first, first + p.days[i]!);
    kept.push(i);
  }
  kept.sort((a, b) => p.day[a]! - p.day[b]!);
  return { periods: pick(p, kept), overlapping: n - kept.length };
}

/** Group rows into series. Where a weekly and daily rows cover the same days, the longer row is kept. */
export function groupSeries(rows: DemandSeriesRow[]): Series[] {
  const map = new Map<string, { s: Omit<Series, 'periods' | 'overlapping'>; at: number[] }>();
  for (const [i, r] of rows.entries()) {
    const partner = String(r.partner_id); const location = String(r.location ?? ''); const channel = String(r.channel); const region = String(r.region);
    const key = `${channel}|${region}|${partner}|${location}`;
    let g = map.get(key);
    if (!g) map.set(key, (g = { s: { key, partner, location, channel, region, role: r.role === 'control' ? 'control' : 'targeted' }, at: [] }));
    g.at.push(i);
  }
  const out: Series[] = [];
  for (const { s, at } of map.values()) {
    const p: Periods = { day: new Int32Array(at.length), days: new Int32Array(at.length), count: new Float64Array(at.length) };
    at.forEach((i, k) => { const r = rows[i]!; p.day[k] = dayNumber(String(r.period_start).slice(0, 10)); p.days[k] = Number(r.period_days); p.count[k] = Number(r.count); });
    const clean = withoutOverlaps(p);
    out.push({ ...s, periods: clean.periods, overlapping: clean.overlapping });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** First index whose value is above `v` (`key(i)` non-decreasing in i). */
function firstAbove(n: number, key: (i: number) => number, v: number): number {
  let lo = 0; let hi = n;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (key(m) > v) hi = m; else lo = m + 1; }
  return lo;
}

/** The indices [from, to) of the periods that lie wholly inside a window (a row counts only then). */
export function periodsInside(s: Series, w: Window): { from: number; to: number } {
  const { day, days } = s.periods;
  const from = firstAbove(day.length, (i) => day[i]!, dayNumber(w.start) - 1);
  // Periods do not overlap, so their last days rise with their first days.
  const to = firstAbove(day.length, (i) => day[i]! + days[i]! - 1, dayNumber(w.end));
  return { from, to: Math.max(from, to) };
}

/** Count and reported days of a series inside a window, and the indices of its periods there. */
export function windowTotals(s: Series, w: Window): { count: number; days: number; from: number; to: number } {
  const { from, to } = periodsInside(s, w);
  let count = 0; let days = 0;
  for (let i = from; i < to; i++) { count += s.periods.count[i]!; days += s.periods.days[i]!; }
  return { count, days, from, to };
}

/** Whether any period of the series touches the window (in part or whole). */
export function reportsIn(s: Series, w: Window): boolean {
  const { day, days } = s.periods;
  const first = firstAbove(day.length, (i) => day[i]! + days[i]! - 1, dayNumber(w.start) - 1);
  return first < day.length && day[first]! <= dayNumber(w.end);
}

/** The first day of the first period that starts inside the window, if any. */
export function firstStartIn(s: Series, w: Window): string | undefined {
  const { day } = s.periods;
  const i = firstAbove(day.length, (k) => day[k]!, dayNumber(w.start) - 1);
  return i < day.length && day[i]! <= dayNumber(w.end) ? dateOfDay(day[i]!) : undefined;
}

/** First and last day a series reported (undefined when it has no periods). */
export function reportedSpan(s: Series): Window | undefined {
  const { day, days } = s.periods;
  return day.length ? { start: dateOfDay(day[0]!), end: dateOfDay(day[day.length - 1]! + days[day.length - 1]! - 1) } : undefined;
}

export const hasDaily = (s: Series): boolean => s.periods.days.some((d) => d === 1);
export const hasLonger = (s: Series): boolean => s.periods.days.some((d) => d > 1);

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
  const { from, to } = w ? periodsInside(s, w) : { from: 0, to: s.periods.day.length };
  const { day, days, count } = s.periods;
  const out = new Map<string, number>();
  // Periods are sorted, so a week's rows come together.
  for (let i = from; i < to; ) {
    const week = mondayOf(day[i]!);
    let c = 0; let d = 0;
    for (; i < to && mondayOf(day[i]!) === week; i++) { c += count[i]!; d += days[i]!; }
    if (d >= 7) out.set(dateOfDay(week), c);
  }
  return out;
}

/** Daily counts of a daily-only series. */
export function dailyCounts(s: Series, w?: Window): Map<string, number> {
  const { from, to } = w ? periodsInside(s, w) : { from: 0, to: s.periods.day.length };
  const out = new Map<string, number>();
  for (let i = from; i < to; i++) if (s.periods.days[i] === 1) out.set(dateOfDay(s.periods.day[i]!), s.periods.count[i]!);
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
  const first = dayNumber(w.start);
  const reported = new Uint8Array(Math.max(0, dayNumber(w.end) - first + 1));
  // Periods wholly inside the window (periodsInside), so every index is in range; a day is set
  // directly (a fill per daily row cost a native call each: 730 rows x 400 series x 2 windows).
  for (let i = t.from; i < t.to; i++) {
    const d = s.periods.day[i]! - first; const n = s.periods.days[i]!;
    if (n === 1) reported[d] = 1;
    else reported.fill(1, d, d + n);
  }
  const missing = wholeWeeksIn(w).filter((wk) => { const d = dayNumber(wk) - first; for (let i = 0; i < 7; i++) if (reported[d + i] !== 1) return true; return false; });
  return { window, days: daysBetween(w.start, w.end) + 1, reportedDays: t.days, missingWeeks: weekRanges(missing) };
}

export function grainOf(s: Series): SeriesCompleteness['grain'] {
  const daily = hasDaily(s); const longer = hasLonger(s);
  return daily && longer ? 'mixed' : longer ? 'week' : 'day';
}

/**
 * Leave out every row that overlaps one of the windows (another campaign's dates, for example) in the
 * regions given (all regions when a window has none). Returns the series and how many rows went.
 */
export function withoutWindows(series: Series[], windows: { start: string; end: string; region?: string }[]): { series: Series[]; dropped: number } {
  let dropped = 0;
  const out = series.map((s) => {
    const mine = windows.filter((w) => !w.region || w.region === s.region).map((w) => [dayNumber(w.start), dayNumber(w.end)] as const);
    if (mine.length === 0) return s;
    const { day, days } = s.periods;
    const kept: number[] = [];
    for (let i = 0; i < day.length; i++) {
      const hit = mine.some(([a, b]) => day[i]! <= b && day[i]! + days[i]! - 1 >= a);
      if (hit) dropped++;
      else kept.push(i);
    }
    return kept.length === day.length ? s : { ...s, periods: pick(s.periods, kept) };
  });
  return { series: out, dropped };
}
