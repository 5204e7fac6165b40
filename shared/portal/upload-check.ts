/**
 * Checks made before an upload is ingested, on top of what the partner reader checks: the
 * portal's row limit and the partner's granted regions. It parses with the same reader as the
 * ingest (CSV or an Excel workbook's first sheet), so a partner sees every row problem in one go,
 * and what was understood without being loaded (a total row that matches the sum).
 */
import { createRegionResolver } from '../geo/region-resolver.ts';
import { loadRegionAliases } from '../pipeline/region-aliases.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { partnerCsv } from '../sources/partner-csv.ts';
import { SKIP_ROW, type BoundReader, type RowError } from '../sources/reader.ts';
import { sniffSource } from '../sources/sniff.ts';
import { isOle2 } from '../sources/spreadsheet.ts';
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

/** Plain-words reason shown for such a file. */
export const SPREADSHEET_REASON =
  'This kind of spreadsheet file cannot be read. In your spreadsheet choose "Save as" (or "Download") and pick Excel Workbook (.xlsx) or CSV, then upload that file.';

/** What the check found: problems (nothing may be loaded) and notes (understood, not loaded). */
export interface UploadCheck {
  errors: RowError[];
  notes: RowError[];
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
  opts: { today: string; maxRows: number },
): Promise<UploadCheck> {
  const fail = (reason: string, row = 1): UploadCheck => ({ errors: [{ row, column: '(file)', reason }], notes: [] });
  if (account.role === 'partner' && !account.allRegions && account.regions.length === 0)
    return fail('your account has no regions yet: ask the campaigns team to add the regions you work in');
  if (unreadableSpreadsheet(fileName, bytes)) return fail(SPREADSHEET_REASON);
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
    const source = await sniffSource((async function* () { yield bytes; })());
    if (source.kind === 'json') return fail('this is a JSON file: upload the counts as a spreadsheet or CSV file (see the example template)');
    await parseCsvStream(
      source.chunks,
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
          errors.push({ row, column: '(file)', reason: `the file has more than ${opts.maxRows.toLocaleString('en-GB')} rows: split it into smaller files (for example one per year)` });
          throw new StopReading();
        }
        const code = String((Array.isArray(out) ? out[0]! : out).region_code);
        if (!grantsRegion(account, code))
          errors.push({ row, column: regionColumn, reason: `${code} is not one of your regions (${account.regions.join(', ')}): you can only upload counts for your own area` });
      },
    );
  } catch (e) {
    if (e instanceof CsvFormatError) errors.push({ row: 1, column: '(file)', reason: e.message });
    else if (!(e instanceof StopReading)) throw e;
  }
  if (!bound && errors.length === 0 && firstHeader) {
    const b = partnerCsv.bind(firstHeader, ctx);
    if ('errors' in b) errors.push(...b.errors);
  }
  if (!bound && errors.length === 0) errors.push({ row: 1, column: '(file)', reason: 'the file is empty' });
  else if (bound && rows === 0 && errors.length === 0) errors.push({ row: 2, column: '(file)', reason: 'the file has a header but no rows of counts' });
  return { errors, notes: bound?.notes?.() ?? [] };
}
