/**
 * Chart furniture shared by the builders: gridlines with value labels, date axis, shaded periods.
 */
import { escapeHtml } from '../escape.ts';
import { formatDateRange } from '../format.ts';
import { dayNumber, dayTicks, type LinearScale } from './scale.ts';
import { FONT_SIZE, GRID, INK, MUTED, PERIOD_FILL, r1, text } from './svg.ts';

/** A plot rectangle in viewBox units. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A shaded, labelled period (inclusive local dates). */
export interface ChartPeriod {
  start: string;
  end: string;
  label: string;
  kind: keyof typeof PERIOD_FILL;
}

/** Horizontal gridlines and value labels on the left; a darker line at zero. */
export function valueAxis(box: PlotBox, y: LinearScale, ticks: number[], format: (n: number) => string, label: string): string[] {
  const out: string[] = [];
  ticks.forEach((t, i) => {
    const py = y(t);
    const colour = t === 0 ? MUTED : GRID;
    out.push(`<line x1="${r1(box.left)}" x2="${r1(box.left + box.width)}" y1="${r1(py)}" y2="${r1(py)}" stroke="${colour}" stroke-width="1"/>`);
    // Every other label can be hidden on narrow screens (class tick-alt), never the zero line.
    out.push(text(box.left - 6, py, format(t), { anchor: 'end', baseline: 'central', fill: MUTED, cls: i % 2 === 1 && t !== 0 ? 'tick tick-alt' : 'tick' }));
  });
  out.push(text(22, box.top + box.height / 2, label, { anchor: 'middle', rotate: -90, cls: 'axis-label', fill: INK }));
  return out;
}

/** Date ticks along the bottom of the plot and an optional axis label below them. */
export function dateAxis(box: PlotBox, x: LinearScale, label: string | undefined, maxTicks = 6): string[] {
  const [d0, d1] = x.domain;
  const out: string[] = [];
  const base = box.top + box.height;
  out.push(`<line x1="${r1(box.left)}" x2="${r1(box.left + box.width)}" y1="${r1(base)}" y2="${r1(base)}" stroke="${MUTED}" stroke-width="1"/>`);
  dayTicks(d0, d1 - 1, maxTicks).forEach((t, i) => {
    const px = x(t.day + 0.5);
    out.push(`<line x1="${r1(px)}" x2="${r1(px)}" y1="${r1(base)}" y2="${r1(base + 5)}" stroke="${MUTED}" stroke-width="1"/>`);
    out.push(text(px, base + 8, t.label, { anchor: 'middle', baseline: 'hanging', fill: MUTED, cls: i % 2 === 1 ? 'tick tick-alt' : 'tick' }));
  });
  // Room below the ticks for the phone font size (25 units), see html-style.ts.
  if (label) out.push(text(box.left + box.width / 2, base + 40, label, { anchor: 'middle', baseline: 'hanging', cls: 'axis-label' }));
  return out;
}

/** Height of the strip that carries period labels above a plot. */
export const STRIP_HEIGHT = 26;

/**
 * Shaded periods behind the data, each labelled in a strip above the plot, centred on `labelY`. Periods are
 * clipped to the plot; a label that would not fit is left out (the desc and captions still name it).
 */
export function periodShading(box: PlotBox, x: LinearScale, periods: ChartPeriod[], labelY: number): string[] {
  const out: string[] = [];
  for (const p of periods) {
    const a = Math.max(box.left, x(dayNumber(p.start)));
    const b = Math.min(box.left + box.width, x(dayNumber(p.end) + 1));
    if (b <= a) continue;
    out.push(
      `<rect class="period period-${escapeHtml(p.kind)}" x="${r1(a)}" y="${r1(box.top)}" width="${r1(b - a)}" height="${r1(box.height)}" fill="${PERIOD_FILL[p.kind]}"><title>${escapeHtml(`${p.label}: ${formatDateRange(p.start, p.end)}`)}</title></rect>`,
    );
    out.push(`<rect x="${r1(a)}" y="${r1(labelY - STRIP_HEIGHT / 2)}" width="${r1(b - a)}" height="${STRIP_HEIGHT}" fill="${PERIOD_FILL[p.kind]}"/>`);
    // Rough width check (0.65 em per bold character) so labels of narrow periods do not spill over.
    if (p.label.length * FONT_SIZE * 0.65 <= b - a)
      out.push(text((a + b) / 2, labelY, p.label, { anchor: 'middle', baseline: 'central', cls: 'period-label', weight: 'bold' }));
  }
  return out;
}
