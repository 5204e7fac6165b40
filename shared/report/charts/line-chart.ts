/**
 * Generic line chart over dates, with an optional uncertainty band, shaded periods and a `<5` band
 * for suppressed small counts. Used for weekly service demand and, later, for geo-lift results
 * ("observed vs counterfactual", "cumulative incremental with band").
 */
import { escapeHtml } from '../escape.ts';
import { formatCompact, formatDate, formatNumber } from '../format.ts';
import { SMALL_COUNT_LABEL, isSmallCount } from '../suppress.ts';
import { dateAxis, periodShading, STRIP_HEIGHT, valueAxis, type ChartPeriod, type PlotBox } from './frame.ts';
import { dayNumber, linear, niceTicks } from './scale.ts';
import { CHART_WIDTH, INK, MUTED, PLOT_LEFT, SERIES_COLOURS, marker, r1, svgRoot, text } from './svg.ts';

/** One point: a date (start of the interval it covers) and a value; null leaves a gap. */
export interface LinePoint {
  date: string;
  value: number | null;
  /** Days the value covers (7 for weekly data); the point sits in the middle. Default 1. */
  days?: number;
  /** A hidden count (value is then ignored): drawn on the band, its tooltip shows `hiddenLabel`. */
  hidden?: boolean;
  hiddenLabel?: string;
}

/** One line. */
export interface LineSeries {
  label: string;
  points: LinePoint[];
  colour?: string;
  /** Dashed line, e.g. a control or counterfactual series. */
  dashed?: boolean;
  /**
   * The values are counts of people: 1 to 4 are drawn as hollow markers in the middle of a shaded
   * `<5` band, with dotted joins, and their tooltips say `<5`, so the value is never plotted.
   */
  suppressSmallCounts?: boolean;
}

/** A shaded range, e.g. a 95% interval. */
export interface LineBand {
  label: string;
  points: { date: string; low: number; high: number; days?: number }[];
  colour?: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Unique within the page: used for the title/desc ids. */
  id: string;
  title: string;
  /** Plain-words description for screen readers: what is plotted and what the shading means. */
  desc: string;
  yLabel: string;
  xLabel?: string;
  series: LineSeries[];
  band?: LineBand;
  periods?: ChartPeriod[];
  /** Tick and tooltip format; default thousands separators. */
  format?: (n: number) => string;
  /** Tooltip date prefix, e.g. "Week of". Default none. */
  pointPrefix?: string;
  /** Label of the band for hidden counts (default `<5`). */
  smallLabel?: string;
  /** Top of the band for hidden counts: the disclosure threshold (default 5). */
  smallTop?: number;
}

const LEGEND_ROW = 30;
const PLOT_HEIGHT = 230;

interface Placed {
  x: number;
  y: number;
  suppressed: boolean;
  tip: string;
}

// Loops, not Math.min(...xs): spreading a long series into a call overflows the stack.
const minOf = (xs: number[]): number => { let m = Infinity; for (const v of xs) if (v < m) m = v; return m; };
const maxOf = (xs: number[]): number => { let m = -Infinity; for (const v of xs) if (v > m) m = v; return m; };

function legend(items: { label: string; draw: (x: number, y: number) => string }[], top: number): string[] {
  return items.map((it, i) => {
    const y = top + i * LEGEND_ROW + LEGEND_ROW / 2;
    return `<g class="legend-item">${it.draw(24, y)}${text(62, y, it.label, { cls: 'legend', baseline: 'central' })}</g>`;
  });
}

/**
 * Build the chart as an SVG string (no scripts, no external references).
 * @example lineChart({ id: 'obs', title: 'Observed vs counterfactual', desc: '...', yLabel: 'Calls', series })
 */
export function lineChart(o: LineChartOptions): string {
  const fmt = o.format ?? ((n: number) => formatNumber(n, Number.isInteger(n) ? 0 : 1));
  const isHidden = (s: LineSeries, p: LinePoint): boolean => p.hidden === true || (!!s.suppressSmallCounts && isSmallCount(p.value));
  const band = o.smallLabel ?? SMALL_COUNT_LABEL;
  const anySuppressed = o.series.some((s) => s.points.some((p) => isHidden(s, p)));
  const legendItems: { label: string; draw: (x: number, y: number) => string }[] = [];
  const colourOf = (s: LineSeries, i: number): string => s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length] ?? INK;
  o.series.forEach((s, i) => {
    const c = colourOf(s, i);
    legendItems.push({
      label: s.label,
      draw: (x, y) =>
        `<line x1="${x - 16}" x2="${x + 24}" y1="${r1(y)}" y2="${r1(y)}" stroke="${c}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="7 4"' : ''}/>${marker(i, x + 4, y, c, false, s.label)}`,
    });
  });
  if (o.band) {
    const c = o.band.colour ?? SERIES_COLOURS[0];
    legendItems.push({ label: o.band.label, draw: (x, y) => `<rect x="${x - 16}" y="${r1(y - 7)}" width="40" height="14" fill="${c}" fill-opacity="0.22"/>` });
  }
  if (anySuppressed)
    legendItems.push({
      label: `Hidden week (${band} or [c]): not drawn at its value`,
      draw: (x, y) => `<rect x="${x - 16}" y="${r1(y - 7)}" width="40" height="14" fill="#e6e6e6" stroke="${MUTED}" stroke-dasharray="3 2"/>${marker(0, x + 4, y, MUTED, true, band)}`,
    });

  const legendTop = 12;
  const legendBottom = legendTop + legendItems.length * LEGEND_ROW;
  const hasPeriods = (o.periods?.length ?? 0) > 0;
  const periodLabelY = legendBottom + 6 + STRIP_HEIGHT / 2;
  const box: PlotBox = {
    left: PLOT_LEFT,
    top: hasPeriods ? periodLabelY + STRIP_HEIGHT / 2 : legendBottom + 10,
    width: CHART_WIDTH - PLOT_LEFT - 18,
    height: PLOT_HEIGHT,
  };
  const height = box.top + box.height + (o.xLabel ? 74 : 44);

  // Domains: all points, band and periods; values always include 0 (and 5 when the <5 band shows).
  const days: number[] = [];
  const values: number[] = [0];
  for (const s of o.series)
    for (const p of s.points) {
      const d = dayNumber(p.date);
      days.push(d, d + (p.days ?? 1));
      if (p.value !== null && Number.isFinite(p.value) && !isHidden(s, p)) values.push(p.value);
    }
  for (const p of o.band?.points ?? []) {
    const d = dayNumber(p.date);
    days.push(d, d + (p.days ?? 1));
    values.push(p.low, p.high);
  }
  for (const p of o.periods ?? []) days.push(dayNumber(p.start), dayNumber(p.end) + 1);
  // Keep the <5 band to at most half the height, so real values stay readable.
  const bandTop = o.smallTop ?? 5;
  if (anySuppressed) values.push(2 * bandTop);
  if (days.length === 0) days.push(0, 1);
  const x = linear(minOf(days), maxOf(days), box.left, box.left + box.width);
  let ticks = niceTicks(minOf(values), maxOf(values), 5);
  // With a <5 band, ticks between 0 and 5 would suggest values the band hides: use steps of 5 or more.
  if (anySuppressed && ticks.length > 1 && (ticks[1] ?? 0) - (ticks[0] ?? 0) < bandTop) {
    const top = Math.ceil((ticks[ticks.length - 1] ?? 2 * bandTop) / bandTop) * bandTop;
    ticks = [];
    for (let t = 0; t <= top; t += bandTop) ticks.push(t);
  }
  const y = linear(ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1, box.top + box.height, box.top);

  const body: string[] = [...legend(legendItems, legendTop)];
  body.push(...periodShading(box, x, o.periods ?? [], periodLabelY));
  body.push(...valueAxis(box, y, ticks, (n) => (Math.abs(n) >= 10_000 ? formatCompact(n) : fmt(n)), o.yLabel));
  if (anySuppressed) {
    body.push(
      `<rect class="small-band" x="${r1(box.left)}" y="${r1(y(bandTop))}" width="${r1(box.width)}" height="${r1(y(0) - y(bandTop))}" fill="#e6e6e6" fill-opacity="0.85" stroke="${MUTED}" stroke-dasharray="3 2" stroke-width="1"><title>${escapeHtml(`Hidden weeks are drawn here, not at their value`)}</title></rect>`,
    );
    body.push(text(box.left + box.width - 6, y(bandTop) + 4, band, { anchor: 'end', baseline: 'hanging', fill: INK, cls: 'small-band-label', weight: 'bold' }));
  }
  if (o.band && o.band.points.length) {
    const pts = o.band.points.map((p) => ({ x: x(dayNumber(p.date) + 0.5), lo: y(p.low), hi: y(p.high) }));
    const d = [...pts.map((p) => `${r1(p.x)} ${r1(p.hi)}`), ...pts.reverse().map((p) => `${r1(p.x)} ${r1(p.lo)}`)].join('L');
    body.push(`<path class="band" d="M${d}Z" fill="${o.band.colour ?? SERIES_COLOURS[0]}" fill-opacity="0.22" stroke="none"/>`);
  }

  o.series.forEach((s, i) => {
    const c = colourOf(s, i);
    const placed: (Placed | null)[] = s.points.map((p) => {
      if (p.value === null) return null;
      const suppressed = isHidden(s, p);
      if (!suppressed && !Number.isFinite(p.value)) return null;
      const value = suppressed ? (p.hiddenLabel ?? band) : fmt(p.value);
      const when = `${o.pointPrefix ? `${o.pointPrefix} ` : ''}${formatDate(p.date)}`;
      return { x: x(dayNumber(p.date) + 0.5), y: suppressed ? y(bandTop / 2) : y(p.value), suppressed, tip: `${s.label}, ${when}: ${value}` };
    });
    // Solid joins between real values, dotted joins to or from a suppressed week (its height is not real).
    const paths = { solid: '', dotted: '' };
    const ends: Record<keyof typeof paths, Placed | null> = { solid: null, dotted: null };
    for (let k = 1; k < placed.length; k++) {
      const a = placed[k - 1];
      const b = placed[k];
      if (!a || !b) continue;
      const kind = a.suppressed || b.suppressed ? 'dotted' : 'solid';
      paths[kind] += `${ends[kind] === a ? '' : `M${r1(a.x)} ${r1(a.y)}`}L${r1(b.x)} ${r1(b.y)}`;
      ends[kind] = b;
    }
    const { solid, dotted } = paths;
    const dash = s.dashed ? ' stroke-dasharray="7 4"' : '';
    const parts: string[] = [];
    if (solid) parts.push(`<path d="${solid}" fill="none" stroke="${c}" stroke-width="2.5" stroke-linejoin="round"${dash}/>`);
    if (dotted) parts.push(`<path d="${dotted}" fill="none" stroke="${c}" stroke-width="1.5" stroke-dasharray="2 4"/>`);
    // Markers only where they stay readable (weekly data); daily series of a long window get lines only.
    const showMarkers = placed.length <= 40;
    // A point between two gaps has no line to show it: it keeps its marker.
    const alone = (k: number): boolean => !placed[k - 1] && !placed[k + 1];
    placed.forEach((p, k) => { if (p && (showMarkers || p.suppressed || alone(k))) parts.push(marker(i, p.x, p.y, c, p.suppressed, p.tip)); });
    body.push(`<g class="series" data-series="${i}">${parts.join('')}</g>`);
  });

  body.push(...dateAxis(box, x, o.xLabel));
  return svgRoot(o.id, height, o.title, o.desc, body);
}
