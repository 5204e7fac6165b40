/**
 * report.weeks.csv: the full per-region weekly table a shared report offers when its charts pool
 * many regions. Written from the protected copy only: a hidden week reads `<5` (or `[c]`), as in
 * the charts and tables, never its value.
 */
import { hiddenLabel, type ProtectedReport } from './disclosure/protected-report.ts';
import { regionLabel } from './labels.ts';

/** Its file name, beside report.html (the HTML links to it). */
export const REGION_WEEKS_FILE = 'report.weeks.csv';

const HEADER = ['channel', 'role', 'region', 'region_name', 'week_start', 'days', 'count'];

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function field(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table's text, the header then one chunk per series (never half a million week lines at once). */
function* chunks(report: ProtectedReport): Generator<string> {
  yield `${HEADER.join(',')}\r\n`;
  for (const s of report.regionWeeks ?? []) {
    // A series' own fields once, not once per week (half a million weeks at national scale).
    const series = [s.channel, s.role, s.region, regionLabel(s.region)].map(field).join(',');
    yield s.weeks.map((w) => `${series},${field(w.weekStart)},${field(w.days)},${field(hiddenLabel(report, w, 'count') ?? w.count)}\r\n`).join('');
  }
}

/** The table, or null when the report's charts pool no regions (everything is in the charts). */
export function renderRegionWeeksCsv(report: ProtectedReport): string | null {
  return report.regionWeeks?.length ? [...chunks(report)].join('') : null;
}

/** The same table as UTF-8 bytes, encoded a series at a time: tens of MB at national scale, never one string. */
export function regionWeeksCsvBytes(report: ProtectedReport): Uint8Array | null {
  return report.regionWeeks?.length ? Buffer.concat(Array.from(chunks(report), (c) => Buffer.from(c, 'utf8'))) : null;
}
