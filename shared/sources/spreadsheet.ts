/**
 * Excel workbooks (.xlsx) read as the CSV text of one sheet, so that every reader validates a
 * spreadsheet exactly as it validates a CSV: one text line per sheet row (blank rows stay blank
 * lines, so row numbers are the ones Excel shows), real dates written as YYYY-MM-DD (a time of
 * day added only when there is one), formulas as their cached values. exceljs is loaded only
 * when a workbook arrives, so nothing else pays for it.
 */
import { CsvFormatError } from './csv-stream.ts';

/** A zip archive's first bytes (xlsx, ods and docx are all zips). */
export function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** The old binary Excel (.xls) and other OLE2 files. */
export function isOle2(b: Uint8Array): boolean {
  return b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores dates as wall-clock times; exceljs hands them over as that time in UTC. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return secs === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** One cell's value as the text a CSV export would hold. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) return cellText(o.result); // the value Excel saved
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('text' in o) return cellText(o.text); // hyperlinks
    if (typeof o.error === 'string') return o.error; // #N/A, #REF!: the reader says it is not a number
  }
  return String(v);
}

function csvCell(s: string): string {
  const one = s.replace(/\r?\n|\r/g, ' '); // a line break inside a cell would shift every row number after it
  return /[",]/.test(one) ? `"${one.replace(/"/g, '""')}"` : one;
}

/**
 * The CSV text of a workbook's sheet: the named one, or the first.
 * @throws CsvFormatError when the file is not a workbook we can read, or the sheet is not there
 */
export async function xlsxToCsv(bytes: Uint8Array, sheet?: string): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new CsvFormatError('this file could not be opened as an Excel workbook (.xlsx): open it in your spreadsheet and save it as Excel Workbook (.xlsx) or CSV');
  }
  const names = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.worksheets.find((w) => w.name.trim().toLowerCase() === sheet.trim().toLowerCase());
  if (!ws) throw new CsvFormatError(sheet === undefined ? 'the workbook has no sheets' : `the workbook has no sheet "${sheet}"; its sheets are: ${names.join(', ')}`);
  // Every line as wide as the sheet: an empty last cell is still a cell, as in a CSV export.
  const width = ws.columnCount;
  const lines: string[] = [];
  let filled = false;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(csvCell(cellText(row.getCell(c).value)));
    filled ||= cells.some((c) => c !== '');
    lines.push(cells.join(','));
  }
  if (!filled) throw new CsvFormatError(`the sheet "${ws.name}" is empty`);
  return `${lines.join('\n')}\n`;
}
