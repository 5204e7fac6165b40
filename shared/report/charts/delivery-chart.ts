/**
 * Daily ad delivery: impressions as bars (top panel) and link clicks as a line (bottom panel),
 * sharing one date axis, with the campaign period shaded. Two panels rather than two y axes,
 * because dual axes invite false comparisons between the two scales.
 */
import { formatCompact, formatDate, formatDateRange } from '../format.ts';
import type { ProtectedReport } from '../disclosure/protected-report.ts';
import { suppressCount } from '../suppress.ts';
import { dateAxis, periodShading, STRIP_HEIGHT, valueAxis, type PlotBox } from './frame.ts';
import { dayNumber, linear, niceTicks } from './scale.ts';
import { CHART_WIDTH, PLOT_LEFT, SERIES_COLOURS, marker, r1, svgRoot, text } from './svg.ts';

const IMPRESSIONS_COLOUR = SERIES_COLOURS[0];
const CLICKS_COLOUR = SERIES_COLOURS[1];

/**
 * The delivery chart, or null when there are no delivery days.
 * During a running campaign the axis still runs to the end date, so the undelivered days show as
 * empty campaign shading (a visual of pacing).
 */
export function deliveryChart(report: Pick<ProtectedReport, 'delivery' | 'campaign' | 'phase' | 'goals'>, id: string): string | null {
  // Days without impressions in any export (a platform without daily rows) are not drawn as 0.
  const days = [...report.delivery.days]
    .filter((d) => d.impressions !== null)
    .map((d) => ({ ...d, impressions: d.impressions ?? 0 }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  const c = report.campaign;
  const d0 = Math.min(dayNumber(first.date), dayNumber(c.start));
  const d1 = Math.max(dayNumber(last.date), dayNumber(c.end)) + 1;

  const left = PLOT_LEFT;
  const width = CHART_WIDTH - left - 18;
  const labelY = 8 + STRIP_HEIGHT / 2;
  // Panel titles hang below the label strip / the top panel, with room for the phone font size.
  const top: PlotBox = { left, top: labelY + STRIP_HEIGHT / 2 + 34, width, height: 160 };
  const bottom: PlotBox = { left, top: top.top + top.height + 44, width, height: 120 };
  const height = bottom.top + bottom.height + 74;
  const x = linear(d0, d1, left, left + width);
  const period = [{ start: c.start, end: c.end, label: 'Campaign', kind: 'campaign' as const }];

  // The daily pace an impressions goal needs (target over the campaign's days): bars under the line fall behind.
  const goal = report.goals.find((g) => g.kind === 'total' && g.metric === 'impressions' && g.regions.length === 0);
  const campaignDays = dayNumber(c.end) - dayNumber(c.start) + 1;
  const pace = goal && campaignDays > 0 ? goal.target / campaignDays : null;
  const impTicks = niceTicks(0, days.reduce((m, d) => Math.max(m, d.impressions), Math.max(1, pace ?? 0)), 4);
  const yImp = linear(0, impTicks[impTicks.length - 1] ?? 1, top.top + top.height, top.top);
  const hasClicks = days.some((d) => d.link_clicks !== null);
  const clkTicks = niceTicks(0, days.reduce((m, d) => Math.max(m, d.link_clicks ?? 0), 1), 3);
  const yClk = linear(0, clkTicks[clkTicks.length - 1] ?? 1, bottom.top + bottom.height, bottom.top);

  const body: string[] = [];
  body.push(...periodShading(top, x, period, labelY));
  body.push(...periodShading(bottom, x, period, -100).filter((s) => s.includes('class="period')));
  body.push(text(left, top.top - 6, 'Impressions per day (bars)', { weight: 'bold', cls: 'panel-title' }));
  body.push(text(left, bottom.top - 6, 'Link clicks per day (line)', { weight: 'bold', cls: 'panel-title' }));
  body.push(...valueAxis(top, yImp, impTicks, formatCompact, 'Impressions'));
  body.push(...valueAxis(bottom, yClk, clkTicks, formatCompact, 'Link clicks'));

  const barW = Math.max(1, x(1) - x(0) - 2);
  const bars = days.map((d) => {
    const px = x(dayNumber(d.date)) + 1;
    const py = yImp(d.impressions);
    return `<rect x="${r1(px)}" y="${r1(py)}" width="${r1(barW)}" height="${r1(yImp(0) - py)}" fill="${IMPRESSIONS_COLOUR}"><title>${formatDate(d.date)}: ${suppressCount(d.impressions)} impressions</title></rect>`;
  });
  body.push(`<g class="bars">${bars.join('')}</g>`);
  if (pace !== null) {
    const py = yImp(pace);
    const x0 = x(dayNumber(c.start));
    const x1 = x(dayNumber(c.end) + 1);
    body.push(
      `<line class="pace" x1="${r1(x0)}" x2="${r1(x1)}" y1="${r1(py)}" y2="${r1(py)}" stroke="#1b1f24" stroke-width="2" stroke-dasharray="6 4"><title>Pace for the goal of ${formatCompact(goal!.target)} impressions: ${suppressCount(pace)} a day</title></line>`,
    );
    body.push(text(x1 - 4, py - 6, `goal pace ${formatCompact(pace)}/day`, { anchor: 'end', cls: 'pace-label', weight: 'bold' }));
  }

  const pts = days.filter((d) => hasClicks && d.link_clicks !== null).map((d) => ({ x: x(dayNumber(d.date) + 0.5), y: yClk(d.link_clicks!), d }));
  if (pts.length) body.push(
    `<path d="M${pts.map((p) => `${r1(p.x)} ${r1(p.y)}`).join('L')}" fill="none" stroke="${CLICKS_COLOUR}" stroke-width="2.5" stroke-linejoin="round"/>`,
  );
  if (pts.length <= 45)
    body.push(`<g class="markers">${pts.map((p) => marker(1, p.x, p.y, CLICKS_COLOUR, false, `${formatDate(p.d.date)}: ${suppressCount(p.d.link_clicks)} link clicks`)).join('')}</g>`);
  // One date axis under the bottom panel; the top panel gets a plain baseline.
  body.push(`<line x1="${left}" x2="${left + width}" y1="${r1(top.top + top.height)}" y2="${r1(top.top + top.height)}" stroke="#4a5361"/>`);
  body.push(...dateAxis(bottom, x, 'Date'));

  const peak = days.reduce((a, b) => (b.impressions > a.impressions ? b : a));
  const desc =
    `Daily ad delivery from ${formatDateRange(first.date, last.date)}: impressions per day as bars in the top panel and link clicks per day as a line in the bottom panel. ` +
    `The campaign period, ${formatDateRange(c.start, c.end)}, is shaded. ` +
    `The busiest day was ${formatDate(peak.date)} with ${suppressCount(peak.impressions)} impressions.` +
    (pace !== null ? ` A dashed line marks the ${suppressCount(pace)} impressions a day that the goal of ${suppressCount(goal!.target)} needs.` : '') +
    (report.phase === 'running' ? ' The campaign is still running: days after the last delivered day are empty.' : '');
  return svgRoot(id, height, 'Daily ad delivery: impressions and link clicks', desc, body);
}
