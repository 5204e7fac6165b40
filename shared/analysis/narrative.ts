import { claimedEffect } from './lift/claim.ts';
import type { CampaignLift, DemandComparison, GoalResult, Report } from '../report/report-types.ts';
import { formatDate, formatDateRange, formatMoney, formatNumber } from '../report/format.ts';
import { regionShortLabel } from '../report/labels.ts';
import { suppressCount } from '../report/suppress.ts';
import { isAdMetric } from '../domain/metrics.ts';
import { platformName } from './delivery.ts';
import { liftSupported } from './goal-results.ts';
import { metricName } from './goals.ts';

/** A signed percent change; "not estimable" rather than Infinity or NaN. */
const pct = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%` : 'not estimable');
const num = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-GB') : 'not estimable');
const list = (xs: string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * A short draft narrative written from the numbers, for comms to edit. It states what was
 * measured and how sure we are, states every goal's outcome (missed ones as plainly as met ones),
 * and never claims more than the intervals support.
 */
export function draftNarrative(r: Omit<Report, 'narrative' | 'caveats'>): string[] {
  const out: string[] = [];
  const c = r.campaign;
  const when =
    r.phase === 'running' ? `is running (figures as of ${formatDate(r.asOf)})` : r.phase === 'not_started' ? 'has not started yet' : `ran ${formatDateRange(c.start, c.end)}`;
  out.push(`${c.name} ${when} in ${list(regionNames(c.regions.targeted, c.regions.groups))}. ${deliverySentence(r)}`.trim());
  out.push(...goalSentences(r.goals, c.currency));
  for (const d of r.serviceDemand.filter((s) => s.region === 'targeted')) out.push(demandSentence(d, r));
  for (const l of r.lift ?? []) out.push(liftSentence(l));
  return out;
}

/** Region names for people, a declared group by its own name ("Cambridgeshire including Peterborough"). */
export function regionNames(codes: string[], groups: Record<string, string[]> = {}): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const code of codes) {
    if (used.has(code)) continue;
    const group = Object.entries(groups).find(([, members]) => members.includes(code) && members.every((m) => codes.includes(m)));
    if (group) {
      out.push(group[0]);
      for (const m of group[1]) used.add(m);
    } else {
      out.push(regionShortLabel(code));
      used.add(code);
    }
  }
  return out;
}

function deliverySentence(r: Omit<Report, 'narrative' | 'caveats'>): string {
  const d = r.delivery;
  if (d.impressions === null || d.impressions === 0) return r.phase === 'not_started' ? '' : 'No ad delivery has been ingested for it yet.';
  const platforms = (d.platformsOf?.impressions ?? []).map(platformName);
  const on = platforms.length ? ` on ${list(platforms)}` : '';
  const only = (metric: string): string => {
    const ps = d.platformsOf?.[metric] ?? [];
    return ps.length && ps.length < (d.platformsOf?.impressions?.length ?? 0) ? ` (${list(ps.map(platformName))} only)` : '';
  };
  const extras: string[] = [];
  if (d.link_clicks !== null) extras.push(`drew ${num(d.link_clicks)} link clicks${only('link_clicks')}`);
  if (d.spend !== null) extras.push(`cost ${formatMoney(d.spend, d.currency)}${only('spend')}`);
  let s = `The ads were shown ${num(d.impressions)} times${on}${extras.length ? ` and ${list(extras)}` : ''}`;
  s += d.ctr !== null ? `, a click-through rate of ${d.ctr.toFixed(2)}%${only('ctr')}.` : '.';
  if (d.reach.value !== null) {
    if (d.reach.kind === 'period') s += ` They reached ${num(d.reach.value)} people over the whole period.`;
    else if (d.reach.kind === 'daily_sum_upper_bound') s += ` They reached at most ${num(d.reach.value)} people (a sum of daily reach, which counts a person once for each day).`;
    else s += ` They reached at most ${num(d.reach.value)} people (${list((d.reach.platforms ?? []).map(platformName))} added together; some people may have seen the ads on both).`;
  }
  return s;
}

/** A goal's measured value in words, in the same units as the goals table. */
function valueText(g: GoalResult, v: number, currency: string): string {
  if (g.kind === 'uplift' || g.kind === 'lift') return `${v >= 0 ? '+' : ''}${formatNumber(v, 1)}%`;
  if (g.metric === 'ctr') return `${formatNumber(v, 2)}%`;
  if (g.metric === 'cpm' || g.metric === 'cpc' || g.metric === 'spend') return formatMoney(v, currency);
  return isAdMetric(g.metric) ? num(v) : suppressCount(v);
}

function goalOutcome(g: GoalResult, currency: string): string {
  const actual = g.actual === null || !Number.isFinite(g.actual) ? null : valueText(g, g.actual, currency);
  const target = valueText(g, g.target, currency);
  const against = actual ? `${actual} against a target of ${g.direction === 'at_most' ? 'at most' : 'at least'} ${target}` : `target ${target}`;
  const note = g.note ? `; ${g.note}` : '';
  return `${g.label}: ${against}${note}`;
}

/**
 * Every goal's outcome: a count by status (missed and partly met named as plainly as met), then
 * one sentence per missed, partly met or unmeasured goal, then pacing of pending goals.
 */
function goalSentences(goals: GoalResult[], currency: string): string[] {
  if (goals.length === 0) return [];
  const by = (s: GoalResult['status']) => goals.filter((g) => g.status === s);
  const met = by('met');
  const partly = by('partly');
  const missed = by('missed');
  const unknown = by('insufficient_data');
  const pending = by('pending');
  const out: string[] = [];
  const scored = met.length + partly.length + missed.length;
  const parts = [
    scored > 0 ? `${met.length} met` : '',
    partly.length ? `${partly.length} partly met` : '',
    scored > 0 ? `${missed.length} missed` : '',
    unknown.length ? `${unknown.length} without enough data to judge` : '',
    pending.length ? `${pending.length} still pending` : '',
  ].filter(Boolean);
  out.push(`Of the ${goals.length} goal${goals.length === 1 ? '' : 's'}, ${list(parts)}.`);
  for (const g of missed) out.push(`Missed: ${goalOutcome(g, currency)}.`);
  for (const g of partly) out.push(`Partly met: ${goalOutcome(g, currency)}.`);
  for (const g of unknown) out.push(`Not enough data: ${goalOutcome(g, currency)}.`);
  for (const g of pending) {
    const p = g.pacing;
    if (p && Number.isFinite(p.projectedAttainment))
      out.push(`${g.label}: on track for ${(p.projectedAttainment * 100).toFixed(0)}% of the target by the end date at the current rate.`);
    else if (g.note && g.metric === 'reach') out.push(`${g.label}: ${g.note}.`);
  }
  return out;
}

function liftSentence(l: CampaignLift): string {
  const what = metricName(l.channel).toLowerCase();
  const when = l.window === 'campaign' ? 'during the campaign' : `in the follow-up window (${formatDateRange(l.start, l.end)})`;
  const r = l.result;
  // Shared copies withhold figures that would give back a hidden count: say so, with no number.
  if (l.withheld) return `The campaign's estimated effect on ${what} ${when} is not shown: it would let a reader work out a small count.`;
  if (r.lift === null || r.ciLow === null || !Number.isFinite(r.lift))
    return `Against the control regions, no estimate of the campaign's effect on ${what} ${when} is possible: ${r.insufficient ?? 'not enough data'}.`;
  // An open-ended limit (null in JSON, Infinity in memory) is said as such, never "not estimable".
  const low = Number.isFinite(r.ciLow) ? pct(r.ciLow) : null;
  const high = r.ciHigh !== null && Number.isFinite(r.ciHigh) ? pct(r.ciHigh) : null;
  const range = low && high ? `${low} to ${high}` : low ? `${low} or more, no upper limit` : high ? `up to ${high}, no lower limit` : 'no limits';
  const interval = `95% interval ${range}${r.pValue === null ? '' : `, p = ${r.pValue.toFixed(3)}`}`;
  const incremental = r.incremental === null || !Number.isFinite(r.incremental) ? '' : `, about ${num(r.incremental)} more than expected`;
  const method = methodExplained(r.method, what);
  const claim = claimedEffect(r);
  if (claim === 'rise' && liftSupported(r))
    return `Compared with what the control regions predict, ${what} in the targeted regions were ${pct(r.lift)} higher ${when}${incremental} (${interval}). Method: ${method}. The interval does not include zero, so this supports a campaign effect.`;
  const changed = `Compared with what the control regions predict, ${what} in the targeted regions changed by ${pct(r.lift)} ${when} (${interval}). Method: ${method}.`;
  if (r.refused) return `${changed} No campaign effect is claimed: ${r.refused}.`;
  if (claim === 'fall') return `${changed} The interval lies below zero: ${what} fell against the control regions, which is not a campaign effect the goals count.`;
  return `${changed} The interval includes zero, so this could be chance: no campaign effect is claimed.`;
}

/** The method's name with what it does, in one clause. */
export function methodExplained(m: string, what = 'contacts'): string {
  const explained: Record<string, string> = {
    scm: `augmented synthetic control: a weighted mix of the control regions, chosen to track the targeted regions' ${what} before the campaign, stands in for what would have happened without it`,
    tbr: `time-based regression: the targeted regions' ${what} predicted from the control regions' ${what} before the campaign`,
    did: `difference in differences: the change in the targeted regions minus the change in the control regions over the same weeks`,
    prepost: `before/after rate ratio: the daily rate during the campaign compared with the baseline, without control regions`,
  };
  return explained[m] ?? m;
}

function demandSentence(d: DemandComparison, r: Omit<Report, 'narrative' | 'caveats'>): string {
  const what = metricName(d.channel).toLowerCase();
  const during = d.window === 'campaign' ? 'during the campaign' : `in the follow-up window (${r.followUp?.label ?? ''})`;
  if (d.withheld) return `The change in ${what} ${during} is not shown: it would let a reader work out a small count.`;
  if (d.rateRatio === null || d.ciLow === null || !Number.isFinite(d.rateRatio)) return `There is not enough ${what} data to compare ${during} with the baseline.`;
  const change = d.rateRatio - 1;
  const interval = `95% interval ${pct(d.ciLow - 1)} to ${d.ciHigh === null || !Number.isFinite(d.ciHigh) ? 'no upper limit' : pct(d.ciHigh - 1)}`;
  const control = r.serviceDemand.find((c) => c.channel === d.channel && c.region === 'control' && c.window === d.window);
  const controlText =
    control && control.rateRatio !== null && Number.isFinite(control.rateRatio) && !control.withheld
      ? ` In the control regions the same measure changed by ${pct(control.rateRatio - 1)}, a guide to what would have happened anyway.`
      : '';
  if (d.ciLow > 1)
    return `In the targeted regions, ${what} per day rose ${pct(change)} ${during} compared with the baseline (${interval}): more than chance alone would explain.${controlText}`;
  if (d.ciHigh !== null && d.ciHigh < 1)
    return `In the targeted regions, ${what} per day fell ${pct(change)} ${during} compared with the baseline (${interval}).${controlText}`;
  return `In the targeted regions, ${what} per day changed by ${pct(change)} ${during}, but the ${interval} includes no change, so this could be chance.${controlText}`;
}
