/**
 * A partner's reporting weeks: they start on the day the account declares (Monday unless it says
 * otherwise), a week can be sent once it has ended, and a new week must not overlap one already
 * sent. Pure functions on local calendar dates.
 */
import { epochDay, fromEpochDay } from '../domain/dates.ts';
import { WEEK_STARTS, type WeekStart } from './accounts.ts';
import { en, type Messages } from '../i18n/en.ts';

/** 0 = Monday ... 6 = Sunday. Epoch day 0 (1970-01-01) was a Thursday. */
function weekday(day: number): number {
  return (day + 3) % 7;
}

/** The first day of the week (as the partner counts weeks) that contains the date. */
export function alignedWeekStart(date: string, start: WeekStart): string {
  const d = epochDay(date);
  return fromEpochDay(d - ((weekday(d) - WEEK_STARTS.indexOf(start) + 7) % 7));
}

/** Start of the last week that has ended by `today` (today itself is still in the current week). */
export function lastFullWeek(today: string, start: WeekStart = 'monday'): string {
  return fromEpochDay(epochDay(alignedWeekStart(today, start)) - 7);
}

/** A stored period of the partner's (any channel). */
export interface StoredPeriod {
  periodStart: string;
  periodDays: number;
}

/**
 * Why a typed-in week cannot be accepted, or undefined when it can: it must start on the
 * partner's week-start day, have ended, and not overlap a week already sent with another start.
 */
export function weekProblem(weekStart: string, today: string, start: WeekStart, stored: StoredPeriod[], t: Messages = en): string | undefined {
  const aligned = alignedWeekStart(weekStart, start);
  if (aligned !== weekStart)
    return t.weekNotOnStartDay(t.days[start], weekStart, aligned);
  const end = epochDay(weekStart) + 6;
  if (end >= epochDay(today))
    return t.weekNotEnded(weekStart, fromEpochDay(end + 1), lastFullWeek(today, start));
  const s = epochDay(weekStart);
  const clash = stored.find((p) => p.periodDays > 1 && p.periodStart !== weekStart && epochDay(p.periodStart) <= end && epochDay(p.periodStart) + p.periodDays - 1 >= s);
  if (clash)
    return t.weekOverlaps(clash.periodStart);
  return undefined;
}

/**
 * Weeks still to send: every week that has ended after the last week the partner sent (any
 * channel), oldest first. None when nothing was ever sent (there is no "since").
 */
export function missingWeeks(stored: StoredPeriod[], today: string, start: WeekStart, max = 26): string[] {
  if (stored.length === 0) return [];
  const lastEnd = Math.max(...stored.map((p) => epochDay(p.periodStart) + p.periodDays - 1));
  const out: string[] = [];
  const last = epochDay(lastFullWeek(today, start));
  for (let d = epochDay(alignedWeekStart(fromEpochDay(lastEnd + 1), start)); d <= last; d += 7) {
    if (d + 6 > lastEnd) out.push(fromEpochDay(d));
  }
  return out.slice(-max);
}
