import type { PanelObservation } from './types.ts';

/** A CSV problem located precisely enough for a person to fix the file. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(readonly row: number | null, readonly column: string | null, readonly reason: string) {
    super(`${row !== null ? `row ${row}` : 'header'}${column ? `, column "${column}"` : ''}: ${reason}`);
  }
}

/**
 * Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, optional BOM) into a header and rows.
 * Rows are numbered as in the file (header = 1). Blank lines are skipped.
 */
export function parseCsv(text: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = []; let field = ''; let quoted = false; let line = 1; let startLine = 1; let i = 0;
  let fieldStarted = false;
  const endRecord = (): void => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === '' && !fieldStarted)) records.push({ line: startLine, cells });
    cells = []; field = ''; fieldStarted = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field.trim() !== '') throw new CsvError(line, null, 'a quote appears inside an unquoted field');
      field = ''; quoted = true; fieldStarted = true; i++; continue;
    }
    if (c === ',') { cells.push(field); field = ''; fieldStarted = true; i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && src[i + 1] === '\n') i++;
      i++; line++; startLine = line; continue;
    }
    field += c; fieldStarted = true; i++;
  }
  if (quoted) throw new CsvError(startLine, null, 'a quoted field is not closed');
  if (field !== '' || cells.length > 0 || fieldStarted) endRecord();
  const head = records.shift();
  if (!head) throw new CsvError(null, null, 'the file is empty');
  return { header: head.cells.map((h) => h.trim()), rows: records };
}

export interface PanelColumns { location: string; date: string; value: string }

/** Column index by name, case-insensitive, or a CsvError listing the available columns. */
export function columnIndex(header: string[], name: string): number {
  const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  if (i < 0) throw new CsvError(null, name, `column not found (columns: ${header.join(', ')})`);
  return i;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Convert parsed CSV rows into panel observations, validating each value and date. */
export function panelFromCsv(text: string, cols: PanelColumns): PanelObservation[] {
  const { header, rows } = parseCsv(text);
  const li = columnIndex(header, cols.location); const di = columnIndex(header, cols.date); const vi = columnIndex(header, cols.value);
  const out: PanelObservation[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== header.length) throw new CsvError(line, null, `expected ${header.length} fields, found ${cells.length}`);
    const location = cells[li]!.trim();
    if (!location) throw new CsvError(line, header[li]!, 'location is empty');
    const date = cells[di]!.trim();
    if (!ISO.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new CsvError(line, header[di]!, `"${date}" is not a date in YYYY-MM-DD form`);
    const raw = cells[vi]!.trim();
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) throw new CsvError(line, header[vi]!, `"${raw}" is not a number`);
    out.push({ location, date, value });
  }
  if (out.length === 0) throw new CsvError(null, null, 'the file has a header but no data rows');
  return out;
}

/** Read a `location,group` file (group = treated | control) into the two location lists. */
export function groupsFromCsv(text: string, locationCol = 'location', groupCol = 'group'): { treated: string[]; control: string[] } {
  const { header, rows } = parseCsv(text);
  const li = columnIndex(header, locationCol); const gi = columnIndex(header, groupCol);
  const treated: string[] = []; const control: string[] = [];
  for (const { line, cells } of rows) {
    const loc = (cells[li] ?? '').trim(); const g = (cells[gi] ?? '').trim().toLowerCase();
    if (!loc) throw new CsvError(line, header[li]!, 'location is empty');
    if (g === 'treated' || g === 'treatment' || g === 'test') treated.push(loc);
    else if (g === 'control') control.push(loc);
    else throw new CsvError(line, header[gi]!, `group "${g}" must be "treated" or "control"`);
  }
  return { treated, control };
}
