/** The partner's own counts as an inline SVG line chart (one line per channel), plus a table for screen readers. */
import { lineChart } from '../../report/charts.ts';
import { formatDate, formatDateRange } from '../../report/format.ts';
import { metricLabel } from '../../report/labels.ts';
import type { ChannelSeries } from '../series.ts';
import { en, type Messages } from '../../i18n/en.ts';
import { h } from './layout.ts';

/** Chart and data table of a partner's counts; a short message when there is nothing yet. */
export function partnerChart(series: ChannelSeries[], campaigns: { name: string; start: string; end: string }[] = [], t: Messages = en): string {
  if (series.length === 0) return `<p>${h(t.noCounts)}</p>`;
  // A partner sees their own exact counts: suppression protects people in shared outputs only.
  // Campaigns that cover the partner's area, shaded where they fall inside the chart's dates.
  const dates = series.flatMap((s) => s.points.map((p) => p.periodStart)).sort();
  const periods = campaigns
    .filter((c) => c.end >= dates[0]! && c.start <= dates.at(-1)!)
    .map((c) => ({ start: c.start, end: c.end, label: c.name, kind: 'campaign' as const }));
  const svg = lineChart({
    id: 'own-counts',
    title: 'Your counts over time',
    desc: `Counts per period for ${series.map((s) => metricLabel(s.channel)).join(', ')}.${periods.length ? ` Shaded: ${periods.map((p) => `${p.label} ${formatDateRange(p.start, p.end)}`).join('; ')}.` : ''} The same numbers are in the table below the chart.`,
    periods,
    yLabel: 'Count',
    pointPrefix: 'Period starting',
    series: series.map((s) => ({ label: metricLabel(s.channel), points: s.points.map((p) => ({ date: p.periodStart, value: p.count, days: p.periodDays })) })),
  });
  const rows = series
    .flatMap((s) => s.points.map((p) => `<tr><td data-label="Channel">${h(metricLabel(s.channel))}</td><td data-label="Period starting">${h(formatDate(p.periodStart))}</td><td data-label="Days" class="num">${p.periodDays}</td><td data-label="Count" class="num">${p.count}</td></tr>`))
    .join('\n');
  return `<figure class="chart-box" data-testid="own-chart">${svg}</figure>
<details><summary>Show the numbers as a table</summary>
<div class="table-wrap"><table class="stack"><caption>Your counts</caption>
<thead><tr><th scope="col">Channel</th><th scope="col">Period starting</th><th scope="col" class="num">Days</th><th scope="col" class="num">Count</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></details>`;
}
