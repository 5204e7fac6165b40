import type { Campaign } from '../domain/campaign.ts';
import { todayIn } from '../domain/dates.ts';

/** Label of the run after the campaign ends (the scheduled post-campaign report). */
export const POST_CAMPAIGN_LABEL = 'post-campaign';

export type ReportPhase =
  | { phase: 'not_started' | 'running' | 'post' }
  | { phase: 'follow_up'; followUp: { label: string; asOf: string } };

/**
 * Which report a run as of `asOf` is. The end date is the campaign's last day, so a report as of
 * the end date is final (`post`) once that day is over, or when it is the post-campaign run; it is
 * `running` only on the end day itself. After the end, a follow-up label (or, without a label, the
 * latest follow-up date reached) makes it a follow-up; the post-campaign label never does.
 * @example reportPhase(c, c.end, { label: 'post-campaign' }) // { phase: 'post' }
 */
export function reportPhase(c: Pick<Campaign, 'start' | 'end' | 'timezone' | 'followUps'>, asOf: string, opts: { label?: string; now?: Date } = {}): ReportPhase {
  if (asOf < c.start) return { phase: 'not_started' };
  const post = opts.label === POST_CAMPAIGN_LABEL;
  if (asOf < c.end) return { phase: 'running' };
  if (asOf === c.end) return post || todayIn(c.timezone, opts.now) > c.end ? { phase: 'post' } : { phase: 'running' };
  if (post) return { phase: 'post' };
  if (opts.label) return { phase: 'follow_up', followUp: c.followUps.find((f) => f.label === opts.label) ?? { label: opts.label, asOf } };
  const reached = [...c.followUps].sort((a, b) => a.asOf.localeCompare(b.asOf)).reverse().find((f) => asOf >= f.asOf);
  return reached ? { phase: 'follow_up', followUp: reached } : { phase: 'post' };
}
