/**
 * A report over many regions, generated without a lake: the sample report's campaign, goals and
 * windows over `targeted` + `control` regions in two channels, weekly counts from 0 to a few dozen
 * (small regions beside large ones), a few weeks a region did not report (counted in its table rows,
 * not drawn: residuals), the service-demand tables summed from the weeks, goal actuals and the
 * geo-lift series from the pooled targeted weeks. Its charts pool the regions and it offers the
 * per-region weekly table. Seeded: the same report on every machine.
 */
import { createHash } from 'node:crypto';
import { iso31662 } from 'iso-3166';
import { upliftRatio } from '../../shared/analysis/rate-ratio.ts';
import { poisson, seededRandom } from '../../shared/demo/random.ts';
import { addDays } from '../../shared/domain/dates.ts';
import type { ProtectedReport } from '../../shared/report/disclosure/protected-report.ts';
import type { DemandComparison, DemandSeries, Report } from '../../shared/report/report-types.ts';
import { loadSample } from '../report/sample.ts';

const CHANNELS = ['helpline_calls', 'drop_in_visits'];
const inRange = (d: string, w: { start: string; end: string }) => d >= w.start && d <= w.end;
const days = (w: { start: string; end: string }) => (Date.parse(w.end) - Date.parse(w.start)) / 86_400_000 + 1;

/**
 * A window of a few weeks of 1 each and zeros: its small table cell pins every week to 1 and no
 * shown count is left to hide (zeros are always shown), so no disclosure step can protect it.
 */
function pinnedByOnes(counts: Map<string, number>, w: { start: string; end: string }): boolean {
  const inside = [...counts].filter(([week]) => inRange(week, w)).map(([, n]) => n);
  const sum = inside.reduce((a, n) => a + n, 0);
  return sum > 1 && sum < 10 && sum === inside.filter((n) => n > 0).length;
}

export function manyRegionsReport(seed: number, targetedCount = 40, controlCount = 30): Report {
  const r = loadSample();
  const rand = seededRandom(seed);
  // The sample's goals name GB-CAM and GB-LIN: both stay targeted.
  const others = iso31662.map((s) => s.code).filter((c) => /^GB-[A-Z]{3}$/.test(c) && c !== 'GB-CAM' && c !== 'GB-LIN');
  const targeted = ['GB-CAM', 'GB-LIN', ...others.slice(0, targetedCount - 2)];
  const control = others.slice(targetedCount - 2, targetedCount - 2 + controlCount);
  r.campaign.regions = { targeted, control };
  const baseline = r.campaign.baseline;
  const campaign = { start: r.campaign.start, end: r.asOf < r.campaign.end ? r.asOf : r.campaign.end };
  const followUp = r.followUp!.window;
  const weeks: string[] = [];
  for (let w = baseline.start; w <= followUp.end; w = addDays(w, 7)) weeks.push(w);

  // Every region's true weekly counts; a week it did not report is counted in the tables, not drawn.
  const truth = new Map<string, Map<string, number>>();
  const demandSeries: DemandSeries[] = [];
  for (const channel of CHANNELS)
    for (const [role, regions] of [['targeted', targeted], ['control', control]] as const)
      for (const region of regions) {
        const mean = [0.3, 1.2, 3, 8, 25][Math.floor(rand() * 5)]! * (channel === 'drop_in_visits' ? 0.6 : 1);
        let counts: Map<string, number>;
        do counts = new Map(weeks.map((w) => [w, poisson(rand, mean * (role === 'targeted' && inRange(w, campaign) ? 1.3 : 1))]));
        while ([baseline, campaign, followUp].some((w) => pinnedByOnes(counts, w)));
        truth.set(`${channel}|${region}`, counts);
        const missing = weeks.filter(() => rand() < 0.04);
        demandSeries.push({
          channel, region, role,
          weeks: weeks.filter((w) => !missing.includes(w)).map((w) => ({ weekStart: w, count: counts.get(w)!, days: 7 })),
          ...(missing.length ? { missingWeeks: missing } : {}),
        });
      }
  r.demandSeries = demandSeries;

  const total = (channel: string, regions: string[], w: { start: string; end: string }) =>
    regions.reduce((s, region) => s + [...truth.get(`${channel}|${region}`)!].filter(([week]) => inRange(week, w)).reduce((a, [, n]) => a + n, 0), 0);
  const row = (channel: string, region: string, role: 'targeted' | 'control', window: 'campaign' | 'follow_up', regions: string[]): DemandComparison => {
    const compared = window === 'campaign' ? campaign : followUp;
    const b = total(channel, regions, baseline);
    const c = total(channel, regions, compared);
    const s = upliftRatio({ baseline: b, compared: c, baselineExposure: days(baseline), comparedExposure: days(compared), dispersion: null });
    return { channel, region, role, window, baseline: b, campaign: c, baselineDays: days(baseline), campaignDays: days(compared), rateRatio: s.rateRatio, ciLow: s.ciLow, ciHigh: s.ciHigh, pValue: s.pValue };
  };
  r.serviceDemand = CHANNELS.flatMap((channel) =>
    (['campaign', 'follow_up'] as const).flatMap((window) => [
      ...targeted.map((region) => row(channel, region, 'targeted', window, [region])),
      row(channel, 'targeted', 'targeted', window, targeted),
      ...control.map((region) => row(channel, region, 'control', window, [region])),
      row(channel, 'control', 'control', window, control),
    ]),
  );

  // Geo lift: one point per week from the baseline to the campaign's end, observed = the targeted regions' week.
  for (const l of r.lift ?? []) {
    const series = weeks.filter((w) => w <= l.end).map((w) => {
      const observed = total(l.channel, targeted, { start: w, end: w });
      const counterfactual = Math.round(observed * 0.9 * 100) / 100;
      return { date: w, observed, counterfactual, lower: counterfactual - 5, upper: counterfactual + 5 };
    });
    let sum = 0;
    const cumulative = series.filter((p) => inRange(p.date, l)).map((p) => ({ date: p.date, incremental: (sum += p.observed - p.counterfactual), lower: sum - 10, upper: sum + 10 }));
    l.result = { ...l.result, series, cumulative, incremental: sum };
  }
  // Goal actuals that are counts of people: their regions' (or the targeted regions') campaign total.
  for (const g of r.goals)
    if (g.kind === 'total' && CHANNELS.includes(g.metric)) g.actual = total(g.metric, g.regions.length ? g.regions : targeted, campaign);
  return r;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A protected copy in a few hashes: its content (hidden counts are NaN), how each hidden field is
 * marked, and the per-region weekly CSV; and how many weeks it hides, to read at a glance.
 */
export function protectedDigest(copy: ProtectedReport, csv: string | null): { copy: string; marks: string; csv: string; hiddenWeeks: number } {
  const mark = (o: object, field: string) => copy.marks.get(o)?.[field] ?? 'shown';
  const weeks = [...copy.demandSeries, ...(copy.regionWeeks ?? [])].flatMap((s) => s.weeks);
  const marks = [
    ...weeks.map((w) => mark(w, 'count')),
    ...copy.serviceDemand.flatMap((d) => [mark(d, 'baseline'), mark(d, 'campaign')]),
    ...copy.goals.map((g) => mark(g, 'actual')),
  ];
  return {
    copy: sha(JSON.stringify(copy, (_, v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))),
    marks: sha(marks.join(',')),
    csv: sha(csv ?? ''),
    hiddenWeeks: weeks.filter((w) => mark(w, 'count') !== 'shown').length,
  };
}
