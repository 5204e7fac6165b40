/**
 * Small SVG helpers shared by the chart builders: rounding, palette and text elements.
 * Coordinates are rounded to 0.1 so output is compact and byte-stable for the same input.
 */
import { escapeHtml } from '../escape.ts';

/** Round a coordinate to one decimal (stable, short output). */
export function r1(n: number): string {
  const v = Math.round(n * 10) / 10;
  return String(Object.is(v, -0) ? 0 : v);
}

/** Width of every chart's viewBox; the SVG scales to 100% of its container. */
export const CHART_WIDTH = 640;

/** Left margin of every plot: room for a rotated axis label and value labels at phone font size. */
export const PLOT_LEFT = 84;

/** Base font size in viewBox units; the HTML page enlarges it on narrow screens. */
export const FONT_SIZE = 14;

/** Text colour: near-black for contrast on white and on the light period shading. */
export const INK = '#1b1f24';
/** Secondary text and axis colour, 7:1 on white. */
export const MUTED = '#4a5361';
/** Gridlines. */
export const GRID = '#d5d9df';

/**
 * Series colours, darkened Okabe-Ito so each is at least 3:1 on white and on the period shading
 * (WCAG 1.4.11). Series also differ by marker shape and dash, so colour is never the only cue.
 */
export const SERIES_COLOURS = ['#0b5fa5', '#b34700', '#00795a', '#9a3f7a', '#6b5b00'] as const;

/** Colour for control / comparison series. */
export const CONTROL_COLOUR = '#3d4450';

/** Light fills for the baseline, campaign and follow-up periods. */
export const PERIOD_FILL = { baseline: '#eceff3', campaign: '#dbe9f6', follow_up: '#f7ecd6', other: '#eef2e6' } as const;

/** A text element; the content is escaped. */
export function text(
  x: number,
  y: number,
  content: string,
  attrs: {
    anchor?: 'start' | 'middle' | 'end';
    /** hanging: text grows down from y; central: centred on y. Either way a larger phone font cannot collide upwards. */
    baseline?: 'hanging' | 'central';
    cls?: string;
    fill?: string;
    weight?: 'bold';
    size?: number;
    rotate?: number;
  } = {},
): string {
  const a = [`x="${r1(x)}"`, `y="${r1(y)}"`];
  if (attrs.anchor && attrs.anchor !== 'start') a.push(`text-anchor="${attrs.anchor}"`);
  if (attrs.baseline) a.push(`dominant-baseline="${attrs.baseline}"`);
  if (attrs.cls) a.push(`class="${attrs.cls}"`);
  a.push(`fill="${attrs.fill ?? INK}"`);
  a.push(`font-size="${attrs.size ?? FONT_SIZE}"`);
  if (attrs.weight) a.push(`font-weight="${attrs.weight}"`);
  if (attrs.rotate !== undefined) a.push(`transform="rotate(${attrs.rotate} ${r1(x)} ${r1(y)})"`);
  return `<text ${a.join(' ')}>${escapeHtml(content)}</text>`;
}

/** Marker shapes by series index: circle, square, triangle, diamond, cross. */
export function marker(shape: number, x: number, y: number, colour: string, hollow: boolean, tooltip: string): string {
  const fill = hollow ? '#ffffff' : colour;
  const common = `fill="${fill}" stroke="${colour}" stroke-width="2"`;
  const t = `<title>${escapeHtml(tooltip)}</title>`;
  const s = 4.5;
  switch (shape % 5) {
    case 1:
      return `<rect x="${r1(x - s)}" y="${r1(y - s)}" width="${r1(2 * s)}" height="${r1(2 * s)}" ${common}>${t}</rect>`;
    case 2:
      return `<path d="M${r1(x)} ${r1(y - s - 1)}L${r1(x + s + 1)} ${r1(y + s)}L${r1(x - s - 1)} ${r1(y + s)}Z" ${common}>${t}</path>`;
    case 3:
      return `<path d="M${r1(x)} ${r1(y - s - 1)}L${r1(x + s + 1)} ${r1(y)}L${r1(x)} ${r1(y + s + 1)}L${r1(x - s - 1)} ${r1(y)}Z" ${common}>${t}</path>`;
    case 4:
      return `<path d="M${r1(x - s)} ${r1(y - s)}L${r1(x + s)} ${r1(y + s)}M${r1(x + s)} ${r1(y - s)}L${r1(x - s)} ${r1(y + s)}" fill="none" stroke="${colour}" stroke-width="2.5">${t}</path>`;
    default:
      return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(s)}" ${common}>${t}</circle>`;
  }
}

/**
 * Add the SVG namespace for use as a standalone .svg file. Inline SVG in HTML does not need it, and
 * leaving it out keeps report.html free of any `http` string.
 */
export function standaloneSvg(svg: string): string {
  return svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ');
}

/**
 * The outer `<svg>`: scales to its container (width 100%, viewBox), announced as one image with
 * its title and description.
 */
export function svgRoot(id: string, height: number, title: string, desc: string, body: string[]): string {
  const tid = `${id}-title`;
  const did = `${id}-desc`;
  return [
    `<svg class="chart" id="${escapeHtml(id)}" role="img" aria-labelledby="${escapeHtml(tid)} ${escapeHtml(did)}" viewBox="0 0 ${CHART_WIDTH} ${r1(height)}" width="100%" preserveAspectRatio="xMidYMid meet" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title id="${escapeHtml(tid)}">${escapeHtml(title)}</title>`,
    `<desc id="${escapeHtml(did)}">${escapeHtml(desc)}</desc>`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${r1(height)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
