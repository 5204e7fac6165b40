/**
 * Excel workbooks (.xlsx) read as the CSV text of one sheet, so that every reader validates a
 * spreadsheet exactly as it validates a CSV: one text line per sheet row (blank rows stay blank
 * lines, so row numbers are the ones Excel shows), real dates written as YYYY-MM-DD (a time of
 * day added only when there is one), formulas as their cached values. exceljs is loaded only
 * when a workbook arrives, so nothing else pays for it.
 */
import { CsvFormatError } from './csv-stream.ts';
import { why, type ParamArgs, type ReasonCode } from './reasons.ts';

/** A workbook that cannot be read as asked, with its reason as a code a page can translate. */
export class SheetError extends CsvFormatError {
  readonly code: ReasonCode;
  readonly params: Record<string, string | number>;
  constructor(w: { code: ReasonCode; params: unknown; reason: string }) {
    super(w.reason);
    this.code = w.code;
    this.params = w.params as Record<string, string | number>;
  }
}

const sheetError = <C extends ReasonCode>(code: C, ...p: ParamArgs<C>) => new SheetError(why(code, ...p));

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

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;

async function openWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw sheetError('xlsxUnreadable');
  }
  return wb;
}

/**
 * The CSV text of a workbook's sheet: the named one, or the first.
 * @throws CsvFormatError when the file is not a workbook we can read, or the sheet is not there
 */
export async function xlsxToCsv(bytes: Uint8Array, sheet?: string): Promise<string> {
  const wb = await openWorkbook(bytes);
  const names = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.worksheets.find((w) => w.name.trim().toLowerCase() === sheet.trim().toLowerCase());
  if (!ws) throw sheet === undefined ? sheetError('noSheets') : sheetError('noSheet', { sheet, sheets: names.join(', ') });
  const csv = sheetCsv(ws);
  if (csv === undefined) throw sheetError('sheetEmpty', { sheet: ws.name });
  return csv;
}

/** Every sheet of a workbook as CSV text (undefined for an empty one), for choosing the sheet that holds the counts. */
export async function xlsxSheets(bytes: Uint8Array): Promise<{ name: string; csv: string | undefined }[]> {
  const wb = await openWorkbook(bytes);
  if (wb.worksheets.length === 0) throw sheetError('noSheets');
  return wb.worksheets.map((ws) => ({ name: ws.name, csv: sheetCsv(ws) }));
}

/** One sheet as CSV text, or undefined when no cell holds anything. */
function sheetCsv(ws: Worksheet): string | undefined {
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
  return filled ? `${lines.join('\n')}\n` : undefined;
}
