/**
 * Checks made before an upload is ingested, on top of what the partner template reader checks:
 * the portal's row limit and the partner's allowed regions. It parses with the same reader as
 * the ingest, so a partner sees every row error in one go.
 */
import { createRegionResolver } from '../geo/region-resolver.ts';
import { loadRegionAliases } from '../pipeline/region-aliases.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { partnerCsv } from '../sources/partner-csv.ts';
import { findColumn, SKIP_ROW, type BoundReader, type RowError } from '../sources/reader.ts';
import { sniffSource } from '../sources/sniff.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { grantsRegion, type Account } from './accounts.ts';

/** Stops the parse once the row limit is passed: the rest of a too-big file is not worth reading. */
class TooManyRows extends Error {}

/** Spreadsheet formats we cannot read yet: zip (xlsx, ods) and the old OLE2 (xls) signatures. */
export function looksLikeSpreadsheet(fileName: string, bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole || /\.(xlsx|xlsm|xls|ods|numbers)$/i.test(fileName);
}

/** Plain-words reason shown for a spreadsheet file. */
export const SPREADSHEET_REASON =
  'Excel and other spreadsheet files cannot be read yet. In your spreadsheet choose "Save as" (or "Download") and pick CSV, then upload that CSV file.';

/**
 * Every row error of a partner upload, or an empty list when the file may be ingested.
 * @param today rows dated after it are refused (the reader's rule)
 */
export async function checkPartnerUpload(
  store: ObjectStore,
  account: Account,
  fileName: string,
  bytes: Uint8Array,
  opts: { today: string; maxRows: number },
): Promise<RowError[]> {
  if (looksLikeSpreadsheet(fileName, bytes)) return [{ row: 1, column: '(file)', reason: SPREADSHEET_REASON }];
  if (account.role === 'partner' && !account.allRegions && account.regions.length === 0)
    return [{ row: 1, column: '(file)', reason: 'your account has no regions yet: ask the campaigns team to add the regions you work in' }];
  const errors: RowError[] = [];
  let bound: BoundReader | undefined;
  let regionColumn = 'region';
  let rows = 0;
  const ctx = {
    sourceKey: `portal-check/${fileName}`,
    resolveRegion: createRegionResolver(await loadRegionAliases(store)),
    partnerId: account.id,
    today: opts.today,
    fileName,
  };
  try {
    const source = await sniffSource((async function* () { yield bytes; })());
    if (source.kind === 'json') return [{ row: 1, column: '(file)', reason: 'this is a JSON file: upload the counts as a CSV file (see the example template)' }];
    await parseCsvStream(
      source.chunks,
      (header) => {
        const b = partnerCsv.bind(header, ctx);
        if ('errors' in b) {
          errors.push(...b.errors);
          throw new TooManyRows(); // header problems: no row can be read, stop here
        }
        bound = b;
        regionColumn = header[findColumn(header, 'region')] ?? 'region';
        return true;
      },
      (fields, row) => {
        rows += 1;
        if (rows > opts.maxRows) {
          errors.push({ row, column: '(file)', reason: `the file has more than ${opts.maxRows.toLocaleString('en-GB')} rows: split it into smaller files (for example one per year)` });
          throw new TooManyRows();
        }
        const out = bound!.parse(fields, row, errors);
        if (out === null || out === SKIP_ROW) return;
        const code = String(out.region_code);
        if (!grantsRegion(account, code))
          errors.push({ row, column: regionColumn, reason: `${code} is not one of your regions (${account.regions.join(', ')}): you can only upload counts for your own area` });
      },
    );
  } catch (e) {
    if (e instanceof CsvFormatError) errors.push({ row: 1, column: '(file)', reason: e.message });
    else if (!(e instanceof TooManyRows)) throw e;
  }
  if (!bound && errors.length === 0) errors.push({ row: 1, column: '(file)', reason: 'the file is empty' });
  else if (bound && rows === 0 && errors.length === 0) errors.push({ row: 2, column: '(file)', reason: 'the file has a header but no rows of counts' });
  return errors;
}
