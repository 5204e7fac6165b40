import type { CampaignLift, DemandComparison, Report } from '../report/report-types.ts';
import { formatDate, formatDateRange, formatMoney } from '../report/format.ts';
import { regionShortLabel } from '../report/labels.ts';
import { liftSupported } from './goal-results.ts';
import { metricName } from './goals.ts';

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
const num = (x: number): string => Math.round(x).toLocaleString('en-GB');

/**
 * A short draft narrative written from the numbers, for comms to edit. It states what was
 * measured and how sure we are, and never claims more than the intervals support.
 */
export function draftNarrative(r: Omit<Report, 'narrative' | 'caveats'>): string[] {
  const out: string[] = [];
  const c = r.campaign;
  const d = r.delivery;
  const when =
    r.phase === 'running' ? `is running (figures as of ${formatDate(r.asOf)})` : r.phase === 'not_started' ? 'has not started yet' : `ran ${formatDateRange(c.start, c.end)}`;
  out.push(
    `${c.name} ${when} in ${c.regions.targeted.map(regionShortLabel).join(' and ')}. ` +
      (d.impressions > 0
        ? `The ads were shown ${num(d.impressions)} times and drew ${num(d.link_clicks)} link clicks${d.spend === null ? '' : ` for ${formatMoney(d.spend, c.currency)}`}` +
          (d.ctr !== null ? ` (CTR ${d.ctr.toFixed(2)}%).` : '.')
        : 'No ad delivery has been ingested for it yet.'),
  );
  const scored = r.goals.filter((g) => g.status !== 'pending');
  if (scored.length > 0) {
    const met = scored.filter((g) => g.status === 'met').length;
    const partly = scored.filter((g) => g.status === 'partly').length;
    out.push(`Of ${scored.length} goals with a result, ${met} ${met === 1 ? 'was' : 'were'} met and ${partly} partly met.`);
  }
  const pending = r.goals.filter((g) => g.pacing);
  for (const g of pending)
    out.push(`${g.label}: on track for ${(g.pacing!.projectedAttainment * 100).toFixed(0)}% of the target by the end date at the current rate.`);
  for (const d of r.serviceDemand.filter((s) => s.region === 'targeted')) out.push(demandSentence(d, r));
  for (const l of r.lift ?? []) out.push(liftSentence(l));
  return out;
}

function liftSentence(l: CampaignLift): string {
  const what = metricName(l.channel).toLowerCase();
  const when = l.window === 'campaign' ? 'during the campaign' : `in the follow-up window (${formatDateRange(l.start, l.end)})`;
  const r = l.result;
  if (r.lift === null || r.ciLow === null || r.ciHigh === null)
    return `Against the control regions, no estimate of the campaign's effect on ${what} ${when} is possible: ${r.insufficient ?? 'not enough data'}.`;
  const interval = `95% interval ${pct(r.ciLow)} to ${pct(r.ciHigh)}, p = ${r.pValue === null ? 'n/a' : r.pValue.toFixed(3)}`;
  const incremental = r.incremental === null ? '' : `, about ${num(r.incremental)} more than expected`;
  if (liftSupported(r))
    return `Compared with what the control regions predict, ${what} in the targeted regions were ${pct(r.lift)} higher ${when}${incremental} (${interval}; ${methodName(r.method)}). This supports a campaign effect.`;
  return `Compared with what the control regions predict, ${what} in the targeted regions changed by ${pct(r.lift)} ${when} (${interval}; ${methodName(r.method)}): this could be chance, so no campaign effect is claimed.`;
}

function methodName(m: string): string {
  return { scm: 'augmented synthetic control', tbr: 'time-based regression', did: 'difference in differences', prepost: 'before/after rate ratio' }[m] ?? m;
}

function demandSentence(d: DemandComparison, r: Omit<Report, 'narrative' | 'caveats'>): string {
  const what = metricName(d.channel).toLowerCase();
  const during = d.window === 'campaign' ? 'during the campaign' : `in the follow-up window (${r.followUp?.label ?? ''})`;
  if (d.rateRatio === null || d.ciLow === null) return `There is not enough ${what} data to compare ${during} with the baseline.`;
  const change = d.rateRatio - 1;
  const interval = `95% interval ${pct(d.ciLow - 1)} to ${d.ciHigh === null ? 'unbounded' : pct(d.ciHigh - 1)}`;
  const control = r.serviceDemand.find((c) => c.channel === d.channel && c.region === 'control' && c.window === d.window);
  const controlText =
    control && control.rateRatio !== null ? ` In the control regions the same measure changed by ${pct(control.rateRatio - 1)}, a guide to what would have happened anyway.` : '';
  if (d.ciLow > 1)
    return `In the targeted regions, ${what} per day rose ${pct(change)} ${during} compared with the baseline (${interval}): more than chance alone would explain.${controlText}`;
  if (d.ciHigh !== null && d.ciHigh < 1)
    return `In the targeted regions, ${what} per day fell ${pct(change)} ${during} compared with the baseline (${interval}).${controlText}`;
  return `In the targeted regions, ${what} per day changed by ${pct(change)} ${during}, but with these numbers (${interval}) the change could be chance.${controlText}`;
}
