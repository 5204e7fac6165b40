/**
 * Weekly service demand per targeted region (and pooled control), with the baseline, campaign and
 * follow-up periods shaded and labelled. Counts of 1 to 4 are never plotted at their value.
 */
import { formatDateRange } from '../format.ts';
import { metricLabel, regionShortLabel } from '../labels.ts';
import { hiddenLabel, type ProtectedReport } from '../disclosure/protected-report.ts';
import { smallLabel } from '../disclosure/rules.ts';
import type { DemandSeries } from '../report-types.ts';
import type { ChartPeriod } from './frame.ts';
import { lineChart, type LinePoint, type LineSeries } from './line-chart.ts';
import { CONTROL_COLOUR } from './svg.ts';

/** The shaded periods of a report: baseline, campaign and (when present) the follow-up window. */
export function reportPeriods(report: Pick<ProtectedReport, 'campaign' | 'followUp'>): ChartPeriod[] {
  const c = report.campaign;
  const periods: ChartPeriod[] = [
    { start: c.baseline.start, end: c.baseline.end, label: 'Baseline', kind: 'baseline' },
    { start: c.start, end: c.end, label: 'Campaign', kind: 'campaign' },
  ];
  if (report.followUp) periods.push({ start: report.followUp.window.start, end: report.followUp.window.end, label: 'Follow-up', kind: 'follow_up' });
  return periods;
}

// Hidden weeks carry no value: they are drawn on the band with their label. Weeks not every
// partner reported are gaps in the line (null), never a dip.
const toPoints = (report: ProtectedReport, s: Pick<DemandSeries, 'weeks' | 'missingWeeks'>): LinePoint[] =>
  [
    ...s.weeks.map((w): LinePoint => {
      const hidden = hiddenLabel(report, w, 'count');
      return hidden ? { date: w.weekStart, value: 0, days: w.days, hidden: true, hiddenLabel: hidden } : { date: w.weekStart, value: w.count, days: w.days };
    }),
    ...(s.missingWeeks ?? []).map((date): LinePoint => ({ date, value: null, days: 7 })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** Channels that have weekly series, in a stable order. */
export function demandChannels(report: ProtectedReport): string[] {
  return [...new Set(report.demandSeries.map((s) => s.channel))].sort();
}

/**
 * The weekly chart for one channel, or null when there is no series for it.
 * @param id unique id within the page (used for title/desc ids)
 */
export function demandChart(report: ProtectedReport, channel: string, id: string): string | null {
  const all = report.demandSeries.filter((s) => s.channel === channel);
  const targetedRegions = all.filter((s) => s.role === 'targeted' && s.region !== 'targeted');
  const pooledTargeted = all.find((s) => s.region === 'targeted');
  // Many regions: the protected copy holds them pooled plus the largest few (protect.ts publishedSeries).
  const controlPooled = all.find((s) => s.region === 'control');
  const series: LineSeries[] = [];
  if (pooledTargeted)
    series.push({ label: regionShortLabel('targeted'), points: toPoints(report, pooledTargeted) });
  for (const s of [...targetedRegions].sort((a, b) => (a.region < b.region ? -1 : 1))) series.push({ label: regionShortLabel(s.region), points: toPoints(report, s) });
  // The protected copy holds the pooled control series only (the regions are not published one by one).
  const controlWeeks = controlPooled ? controlPooled.weeks : [];
  if (controlPooled && controlWeeks.length) series.push({ label: 'Control regions (pooled)', points: toPoints(report, controlPooled), dashed: true, colour: CONTROL_COLOUR });
  if (series.length === 0) return null;

  const name = metricLabel(channel);
  const periods = reportPeriods(report);
  const gaps = series.reduce((n, s) => n + s.points.filter((p) => p.value === null).length, 0);
  const desc = [
    `Line chart of ${name.toLowerCase()} per week for ${series.map((s) => s.label).join(', ')}.`,
    pooledTargeted && targetedRegions.length ? `With ${report.campaign.regions.targeted.length} targeted regions, they are drawn pooled with the ${targetedRegions.length} largest; every region's totals are in the service-demand table.` : '',
    `Shaded periods: ${periods.map((p) => `${p.label.toLowerCase()} ${formatDateRange(p.start, p.end)}`).join('; ')}.`,
    controlWeeks.length ? 'The control regions, which saw no campaign ads, are drawn as a dashed line for comparison.' : '',
    `Hidden weeks (${smallLabel(report.rules)}, or [c] where a week could otherwise be worked out) are drawn as hollow markers on a shaded band, not at their value.`,
    gaps ? `Gaps in a line are weeks that not every partner of that region reported in full (${gaps} in all): they are left out rather than drawn as a drop; the data-completeness section lists who reported which weeks.` : '',
    'Period totals and changes are in the service-demand table.',
  ]
    .filter(Boolean)
    .join(' ');
  return lineChart({
    id,
    title: `${name} per week: targeted regions${controlWeeks.length ? ' and control' : ''}`,
    desc,
    yLabel: `${name} per week`,
    xLabel: 'Week starting',
    series,
    periods,
    pointPrefix: 'week of',
    smallLabel: smallLabel(report.rules),
    smallTop: report.rules.threshold,
  });
}
