/**
 * Checks made before an upload is ingested, on top of what the partner reader checks: the
 * portal's row limit and the partner's granted regions. It parses with the same reader as the
 * ingest (CSV, or the sheet of an Excel workbook that holds the counts), so a partner sees every
 * row problem in one go, and what was understood without being loaded (a total row that matches
 * the sum). Reasons carry a code, so the page says them in the partner's language.
 */
import { createRegionResolver } from '../geo/region-resolver.ts';
import { loadRegionAliases } from '../pipeline/region-aliases.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { partnerCsv } from '../sources/partner-csv.ts';
import { SKIP_ROW, type BoundReader, type RowError } from '../sources/reader.ts';
import { rowError } from '../sources/reasons.ts';
import { sniffSource } from '../sources/sniff.ts';
import { isOle2, isZip, SheetError } from '../sources/spreadsheet.ts';
import { pickSheet } from './sheet-choice.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { grantsRegion, type Account } from './accounts.ts';

/** Stops the parse once the row limit is passed: the rest of a too-big file is not worth reading. */
class StopReading extends Error {}

/** Title lines allowed above the header (a sheet's title, a date range, a blank line). */
const MAX_TITLE_LINES = 5;

/** Spreadsheet formats we cannot read: the old binary .xls, OpenDocument and Numbers. */
export function unreadableSpreadsheet(fileName: string, bytes: Uint8Array): boolean {
  return isOle2(bytes) || /\.(xls|ods|numbers)$/i.test(fileName);
}

/** What the check found: problems (nothing may be loaded), notes (understood, not loaded), and the workbook sheet read. */
export interface UploadCheck {
  errors: RowError[];
  notes: RowError[];
  /** The sheet of a workbook the counts were read from (the one asked for, or the only one holding counts). */
  sheet?: string;
  /** Every sheet of the workbook, for the page to offer when it must ask which one. */
  sheets?: string[];
}

/**
 * Every row problem of a partner upload (empty when the file may be ingested), and the notes.
 * @param today rows dated after it are refused (the reader's rule)
 */
export async function checkPartnerUpload(
  store: ObjectStore,
  account: Account,
  fileName: string,
  bytes: Uint8Array,
  opts: { today: string; maxRows: number; sheet?: string | undefined },
): Promise<UploadCheck> {
  const fail = (e: RowError, sheets?: string[]): UploadCheck => ({ errors: [e], notes: [], ...(sheets ? { sheets } : {}) });
  if (account.role === 'partner' && !account.allRegions && account.regions.length === 0) return fail(rowError(1, '(file)', 'noRegions'));
  if (unreadableSpreadsheet(fileName, bytes)) return fail(rowError(1, '(file)', 'spreadsheetUnreadable'));
  // A workbook: the sheet asked for, else the one sheet that holds counts (asked when several do).
  let sheet = opts.sheet?.trim() || undefined;
  let sheets: string[] | undefined;
  let sheetCsv: string | undefined;
  if (isZip(bytes)) {
    try {
      const choice = await pickSheet(bytes, sheet);
      if ('error' in choice) return fail(choice.error, choice.sheets);
      ({ sheet, sheets, csv: sheetCsv } = choice);
    } catch (e) {
      if (e instanceof SheetError) return fail(fileError(e));
      throw e;
    }
  }
  const errors: RowError[] = [];
  let bound: BoundReader | undefined;
  let regionColumn = 'region';
  let rows = 0;
  let titleLines = 0;
  let firstHeader: string[] | undefined; // the first line with several cells, for the message

  const ctx = {
    sourceKey: `portal-check/${fileName}`,
    resolveRegion: createRegionResolver(await loadRegionAliases(store)),
    partnerId: account.id,
    today: opts.today,
    fileName,
  };
  try {
    // A workbook's chosen sheet is already CSV text; anything else is sniffed as the ingest does.
    const source = sheetCsv !== undefined ? undefined : await sniffSource((async function* () { yield bytes; })());
    if (source?.kind === 'json') return fail(rowError(1, '(file)', 'jsonFile'));
    await parseCsvStream(
      source?.kind === 'text' ? source.chunks : (async function* () { yield sheetCsv!; })(),
      (header) => {
        if (!firstHeader && header.filter((h) => h !== '').length >= 2) firstHeader = header;
        if (!partnerCsv.matches(header) && titleLines < MAX_TITLE_LINES) {
          titleLines += 1; // a title line above the header: try the next one
          return false;
        }
        const b = partnerCsv.bind(header, ctx);
        if ('errors' in b) {
          errors.push(...b.errors);
          throw new StopReading(); // header problems: no row can be read
        }
        bound = b;
        regionColumn = header.find((h) => /region|area|county|district/i.test(h)) ?? 'region';
        return true;
      },
      (fields, row) => {
        const out = bound!.parse(fields, row, errors);
        if (out === null || out === SKIP_ROW) return;
        rows += 1;
        if (rows > opts.maxRows) {
          errors.push(rowError(row, '(file)', 'tooManyRows', { max: opts.maxRows }));
          throw new StopReading();
        }
        const code = String((Array.isArray(out) ? out[0]! : out).region_code);
        if (!grantsRegion(account, code))
          errors.push(rowError(row, regionColumn, 'notYourRegion', { code, regions: account.regions.join(', ') }));
      },
    );
  } catch (e) {
    if (e instanceof CsvFormatError) errors.push(fileError(e));
    else if (!(e instanceof StopReading)) throw e;
  }
  if (!bound && errors.length === 0 && firstHeader) {
    const b = partnerCsv.bind(firstHeader, ctx);
    if ('errors' in b) errors.push(...b.errors);
  }
  if (!bound && errors.length === 0) errors.push(rowError(1, '(file)', 'fileEmpty'));
  else if (bound && rows === 0 && errors.length === 0) errors.push(rowError(2, '(file)', 'noRows'));
  return { errors, notes: bound?.notes?.() ?? [], ...(sheet ? { sheet } : {}), ...(sheets ? { sheets } : {}) };
}

/** A file-level refusal, with its code when the workbook reader gave one. */
function fileError(e: CsvFormatError): RowError {
  return { row: 1, column: '(file)', reason: e.message, ...(e instanceof SheetError ? { code: e.code, params: e.params } : {}) };
}
