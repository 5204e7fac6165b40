/**
 * Which partner sent which weeks: for the campaigns team, the last weeks that have ended, per
 * partner account, as sent, sent late (more than a week after the week ended), due (ended less
 * than a week ago) or missing. Weeks follow each partner's declared week start.
 */
import { addDays } from '../domain/dates.ts';
import { listAccounts, type Account } from './accounts.ts';
import { partnerHistory, type HistoryEntry } from './history.ts';
import { storedPeriods } from './partner-model.ts';
import { partnerData } from './series.ts';
import { lastFullWeek, type StoredPeriod } from './weeks.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export type WeekStatus = 'sent' | 'late' | 'due' | 'missing';

/** One partner's row of the grid. */
export interface CompletenessRow {
  account: Account;
  weeks: { start: string; status: WeekStatus }[];
}

/** Days after a week ends within which its counts are on time. */
export const GRACE_DAYS = 7;

/** The status of each of the `count` last ended weeks, oldest first (pure). */
export function weekStatuses(stored: StoredPeriod[], history: Pick<HistoryEntry, 'at' | 'periods' | 'status'>[], account: Account, today: string, count: number): CompletenessRow['weeks'] {
  const last = lastFullWeek(today, account.weekStart);
  const out: CompletenessRow['weeks'] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = addDays(last, -7 * i);
    const end = addDays(start, 6);
    const sent = stored.some((p) => p.periodStart <= end && addDays(p.periodStart, p.periodDays - 1) >= start);
    if (!sent) {
      out.push({ start, status: addDays(end, GRACE_DAYS) < today ? 'missing' : 'due' });
      continue;
    }
    // When it first arrived: the earliest accepted upload whose periods include this week.
    const arrivals = history
      .filter((u) => u.status !== 'rejected' && u.periods && u.periods.split('..')[0]! <= end && u.periods.split('..')[1]! >= start)
      .map((u) => u.at.slice(0, 10))
      .sort();
    const first = arrivals[0];
    out.push({ start, status: first && first > addDays(end, GRACE_DAYS) ? 'late' : 'sent' });
  }
  return out;
}

/** The grid for every partner account. */
export async function completeness(store: ObjectStore, today: string, count = 12): Promise<CompletenessRow[]> {
  const rows: CompletenessRow[] = [];
  for (const account of await listAccounts(store)) {
    if (account.role !== 'partner') continue;
    const stored = storedPeriods((await partnerData(store, account.id)).series);
    rows.push({ account, weeks: weekStatuses(stored, await partnerHistory(store, account.id), account, today, count) });
  }
  return rows;
}
