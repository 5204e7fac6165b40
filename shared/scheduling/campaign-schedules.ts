import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.ts';
import { addDays } from '../domain/dates.ts';
import { POST_CAMPAIGN_LABEL } from '../pipeline/report-phase.ts';

/** Input the analyse function receives from a scheduled run. */
export interface AnalyseRunInput {
  campaignId: string;
  /** Local date (YYYY-MM-DD) the report is computed as of. */
  asOf: string;
  label: string;
}

/** One EventBridge Scheduler one-time schedule, before any AWS call. */
export interface PlannedSchedule {
  /** Unique within the schedule group, at most 64 characters of [0-9A-Za-z._-]. */
  name: string;
  /** Local wall-clock time in the campaign's zone, `yyyy-mm-ddThh:mm:ss`. */
  at: string;
  /** `at(...)` expression, read in {@link PlannedSchedule.timezone}. */
  expression: string;
  timezone: string;
  input: AnalyseRunInput;
}

export interface ScheduleOptions {
  /** Days to wait after an as-of date before running, so late partner uploads are in. Default 7. */
  graceDays?: number;
  /** Local time of day of every run, `hh:mm:ss`. Default 06:00:00 (never inside a DST gap). */
  timeOfDay?: string;
  /** The current instant: schedules at or before it are returned as `past`, not planned. */
  now?: Date;
}

export interface SchedulePlan {
  /** Schedules to create or update. */
  schedules: PlannedSchedule[];
  /** Runs whose time has already gone (a campaign registered late): not scheduled. */
  past: PlannedSchedule[];
}

export { POST_CAMPAIGN_LABEL };

const MAX_NAME = 64;
/** Longest suffix appended to the prefix: `.followup-YYYY-MM-DD`. */
const LONGEST_SUFFIX = '.followup-0000-00-00'.length;

/** 32-bit FNV-1a, hex: a stable short tag for ids too long to fit a schedule name. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Name prefix of every schedule of one campaign (without the trailing dot). Campaign ids are
 * slugs without dots, so `<prefix>.` never matches another campaign's schedules.
 * @example schedulePrefix('kenya-uganda-2026') // 'kenya-uganda-2026'
 */
export function schedulePrefix(campaignId: string): string {
  const room = MAX_NAME - LONGEST_SUFFIX;
  if (campaignId.length <= room) return campaignId;
  return `${campaignId.slice(0, room - 9)}-${fnv1a(campaignId)}`;
}

function planned(c: Pick<Campaign, 'id' | 'timezone'>, name: string, asOf: string, label: string, graceDays: number, timeOfDay: string): PlannedSchedule {
  const at = `${addDays(asOf, graceDays)}T${timeOfDay}`;
  return {
    name: `${schedulePrefix(c.id)}.${name}`,
    at,
    expression: `at(${at})`,
    timezone: c.timezone,
    input: { campaignId: c.id, asOf, label },
  };
}

/**
 * The one-time analysis runs of a campaign: the post-campaign report as of the end date, and
 * one report per follow-up as of its date, each run `graceDays` after its as-of date so late
 * partner data is included. Runs sharing an as-of date are merged (a report is keyed by as-of),
 * the post-campaign run winning.
 * @example
 * planCampaignSchedules(campaign, { now: new Date() }).schedules.map((s) => s.expression)
 * // ['at(2026-04-07T06:00:00)', 'at(2026-07-07T06:00:00)', ...]
 */
export function planCampaignSchedules(
  c: Pick<Campaign, 'id' | 'end' | 'timezone' | 'followUps'>,
  options: ScheduleOptions = {},
): SchedulePlan {
  const graceDays = options.graceDays ?? 7;
  const timeOfDay = options.timeOfDay ?? '06:00:00';
  if (!/^\d{2}:\d{2}:\d{2}$/.test(timeOfDay)) throw new Error(`timeOfDay must be hh:mm:ss, got ${timeOfDay}`);
  const all = [planned(c, 'post', c.end, POST_CAMPAIGN_LABEL, graceDays, timeOfDay)];
  const seen = new Set([c.end]);
  for (const f of [...c.followUps].sort((a, b) => a.asOf.localeCompare(b.asOf))) {
    if (seen.has(f.asOf)) continue;
    seen.add(f.asOf);
    all.push(planned(c, `followup-${f.asOf}`, f.asOf, f.label, graceDays, timeOfDay));
  }
  const now = options.now;
  if (!now) return { schedules: all, past: [] };
  const isPast = (s: PlannedSchedule) => DateTime.fromISO(s.at, { zone: s.timezone }).toMillis() <= now.getTime();
  return { schedules: all.filter((s) => !isPast(s)), past: all.filter(isPast) };
}
