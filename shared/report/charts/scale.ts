/**
 * Scales and ticks for the charts: a linear value scale with "nice" ticks and a day scale for
 * YYYY-MM-DD dates (parsed as text, so no time zone can move a date).
 */
import { formatShortDate } from '../format.ts';

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** YYYY-MM-DD for a day number. */
export function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A linear map from a domain to a pixel range. */
export interface LinearScale {
  (v: number): number;
  domain: [number, number];
}

/** Linear scale; a zero-width domain maps everything to the start of the range. */
export function linear(d0: number, d1: number, r0: number, r1: number): LinearScale {
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0))) as LinearScale;
  f.domain = [d0, d1];
  return f;
}

/** About `count` round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/** A date tick: position in days and its short label. */
export interface DayTick {
  day: number;
  label: string;
}

/**
 * Date ticks for [d0, d1] (day numbers): daily, every 2 days, weekly on Mondays, fortnightly or
 * every 4 weeks, whichever gives at most `max` ticks.
 */
export function dayTicks(d0: number, d1: number, max = 7): DayTick[] {
  const span = d1 - d0;
  const step = [1, 2, 7, 14, 28, 56, 91].find((s) => span / s <= max) ?? 182;
  let first = d0;
  // 1970-01-01 was a Thursday: Monday is day % 7 === 4.
  if (step >= 7) first = d0 + ((4 - (d0 % 7) + 7) % 7);
  const ticks: DayTick[] = [];
  for (let d = first; d <= d1; d += step) ticks.push({ day: d, label: formatShortDate(dayString(d)) });
  return ticks;
}

/** Length in days of one period of a dated series: the smallest gap between consecutive dates (default 1). */
export function periodDays(dates: string[]): number {
  let gap = Infinity;
  for (let i = 1; i < dates.length; i++) gap = Math.min(gap, dayNumber(dates[i] ?? '') - dayNumber(dates[i - 1] ?? ''));
  return Number.isFinite(gap) && gap > 0 ? gap : 1;
}
