/** The partner's own counts as an inline SVG line chart (one line per channel), plus a table for screen readers. */
import { lineChart } from '../../report/charts.ts';
import { metricLabel } from '../../report/labels.ts';
import { reportDates } from '../../report/view.ts';
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
  const { date, range } = reportDates(t);
  const label = (channel: string) => t.report.channels[channel as keyof Messages['report']['channels']] ?? metricLabel(channel);
  const svg = lineChart({
    id: 'own-counts',
    title: t.countsOverTime,
    desc: t.chartDesc(series.map((s) => label(s.channel)).join(', '), periods.map((p) => `${p.label} ${range(p.start, p.end)}`).join('; ')),
    periods,
    yLabel: t.count,
    pointPrefix: t.periodStarting,
    series: series.map((s) => ({ label: label(s.channel), points: s.points.map((p) => ({ date: p.periodStart, value: p.count, days: p.periodDays })) })),
  });
  const rows = series
    .flatMap((s) => s.points.map((p) => `<tr><td data-label="${h(t.channel)}">${h(label(s.channel))}</td><td data-label="${h(t.periodStarting)}">${h(date(p.periodStart))}</td><td data-label="${h(t.daysCol)}" class="num">${p.periodDays}</td><td data-label="${h(t.count)}" class="num">${p.count}</td></tr>`))
    .join('\n');
  return `<figure class="chart-box" data-testid="own-chart">${svg}</figure>
<details><summary>${h(t.showTable)}</summary>
<div class="table-wrap"><table class="stack"><caption>${h(t.yourCounts)}</caption>
<thead><tr><th scope="col">${h(t.channel)}</th><th scope="col">${h(t.periodStarting)}</th><th scope="col" class="num">${h(t.daysCol)}</th><th scope="col" class="num">${h(t.count)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></details>`;
}
