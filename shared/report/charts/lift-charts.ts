/**
 * Geo-lift charts built on the generic line chart: observed vs counterfactual over the pre-period
 * and the compared window, and the cumulative incremental count with its interval.
 * The protected copy empties the series when a chart would give back a hidden count.
 */
import { formatDateRange } from '../format.ts';
import { metricLabel } from '../labels.ts';
import type { ProtectedReport } from '../disclosure/protected-report.ts';
import type { CampaignLift } from '../report-types.ts';
import { periodDays } from './scale.ts';
import type { ChartPeriod } from './frame.ts';
import { lineChart, type LineBand } from './line-chart.ts';
import { CONTROL_COLOUR, SERIES_COLOURS } from './svg.ts';

function periods(report: ProtectedReport, l: CampaignLift): ChartPeriod[] {
  const b = report.campaign.baseline;
  return [
    { start: b.start, end: b.end, label: 'Baseline', kind: 'baseline' },
    { start: l.start, end: l.end, label: l.window === 'campaign' ? 'Campaign' : 'Follow-up', kind: l.window === 'campaign' ? 'campaign' : 'follow_up' },
  ];
}

/** Observed (targeted regions) against the counterfactual built from the control regions. */
export function liftObservedChart(report: ProtectedReport, l: CampaignLift, id: string): string | null {
  const s = l.result.series;
  if (s.length < 2) return null;
  const days = periodDays(s.map((p) => p.date));
  const name = metricLabel(l.channel);
  const unit = days === 7 ? 'week' : days === 1 ? 'day' : `${days} days`;
  const withBand = s.every((p) => typeof p.lower === 'number' && typeof p.upper === 'number');
  const band: LineBand | undefined = withBand
    ? { label: 'Counterfactual range (95%)', colour: CONTROL_COLOUR, points: s.map((p) => ({ date: p.date, low: p.lower ?? 0, high: p.upper ?? 0, days })) }
    : undefined;
  return lineChart({
    id,
    title: `${name}: observed vs counterfactual`,
    desc:
      `Line chart of ${name.toLowerCase()} per ${unit} in the targeted regions (solid) and the counterfactual (dashed): ` +
      `what the control regions suggest would have happened without the campaign. ` +
      `Shaded: baseline ${formatDateRange(report.campaign.baseline.start, report.campaign.baseline.end)} and compared window ${formatDateRange(l.start, l.end)}.`,
    yLabel: `${name} per ${unit}`,
    xLabel: days === 7 ? 'Week starting' : 'Date',
    series: [
      { label: 'Observed (targeted regions)', colour: SERIES_COLOURS[0], points: s.map((p) => ({ date: p.date, value: p.observed, days })) },
      { label: 'Counterfactual (from control regions)', colour: CONTROL_COLOUR, dashed: true, points: s.map((p) => ({ date: p.date, value: p.counterfactual, days })) },
    ],
    ...(band ? { band } : {}),
    periods: periods(report, l),
    pointPrefix: days === 7 ? 'week of' : '',
  });
}

/** Cumulative incremental count over the compared window, with its interval. */
export function liftCumulativeChart(report: ProtectedReport, l: CampaignLift, id: string): string | null {
  const c = l.result.cumulative;
  if (c.length < 2) return null;
  const days = periodDays(c.map((p) => p.date));
  const name = metricLabel(l.channel);
  return lineChart({
    id,
    title: `${name}: cumulative extra contacts`,
    desc:
      `Line chart of the cumulative difference between observed and counterfactual ${name.toLowerCase()} over ${formatDateRange(l.start, l.end)}, ` +
      'with a shaded 95% interval. A band that stays clear of zero suggests a real change.',
    yLabel: 'Cumulative extra contacts',
    xLabel: days === 7 ? 'Week starting' : 'Date',
    series: [{ label: 'Cumulative extra contacts', colour: SERIES_COLOURS[0], points: c.map((p) => ({ date: p.date, value: p.incremental, days })) }],
    band: { label: '95% interval', points: c.map((p) => ({ date: p.date, low: p.lower, high: p.upper, days })) },
    periods: [periods(report, l)[1]!],
    pointPrefix: days === 7 ? 'week of' : '',
  });
}
