import { DateTime } from 'luxon';

/** A local calendar date, YYYY-MM-DD. Kept as a string so no time zone can move it. */
export type LocalDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when s is a real calendar date in YYYY-MM-DD form. Plain arithmetic: ingest calls it per row. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate()!;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(DateTime.fromISO(b, { zone: 'utc' }).diff(DateTime.fromISO(a, { zone: 'utc' }), 'days').days);
}

/** Number of days in the inclusive range [start, end]. */
export function inclusiveDays(start: LocalDate, end: LocalDate): number {
  return daysBetween(start, end) + 1;
}

/** Month partition value (YYYY-MM) of a date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** Every month partition value from start's month to end's month, inclusive. */
export function monthsBetween(start: LocalDate, end: LocalDate): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(`${monthOf(start)}-01`, { zone: 'utc' });
  const last = monthOf(end);
  while (d.toFormat('yyyy-MM') <= last) {
    out.push(d.toFormat('yyyy-MM'));
    d = d.plus({ months: 1 });
  }
  return out;
}

/** Today's local date in a time zone (the campaign's), never the machine's. */
export function todayIn(timezone: string, now: Date = new Date()): LocalDate {
  return DateTime.fromJSDate(now).setZone(timezone).toISODate()!;
}

/** Days since 1970-01-01 for a local date: the Parquet DATE encoding. */
export function epochDay(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function fromEpochDay(day: number): LocalDate {
  return DateTime.fromMillis(day * 86_400_000, { zone: 'utc' }).toISODate()!;
}

/** Monday of the ISO week containing date. */
export function weekStart(date: LocalDate): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).startOf('week').toISODate()!;
}
