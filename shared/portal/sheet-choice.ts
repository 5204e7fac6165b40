/**
 * Which sheet of a partner's workbook to read. Partners keep notes, instructions or a chart on
 * other sheets, and not always after the data: so the portal reads the sheet asked for, else the
 * one sheet whose header looks like counts, and asks (naming the sheets) when several do.
 */
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { partnerCsv } from '../sources/partner-csv.ts';
import type { RowError } from '../sources/reader.ts';
import { rowError } from '../sources/reasons.ts';
import { xlsxSheets } from '../sources/spreadsheet.ts';

/** Title lines allowed above the header, as the upload check allows. */
const MAX_TITLE_LINES = 5;

class Found extends Error {}

/** Does a sheet's CSV text have a partner header within its first lines? */
async function holdsCounts(csv: string): Promise<boolean> {
  let lines = 0;
  try {
    await parseCsvStream(
      (async function* () { yield csv; })(),
      (header) => {
        if (partnerCsv.matches(header)) throw new Found();
        lines += 1;
        if (lines > MAX_TITLE_LINES) throw new CsvFormatError('no header');
        return false;
      },
      () => {},
    );
  } catch (e) {
    if (e instanceof Found) return true;
    if (e instanceof CsvFormatError) return false;
    throw e;
  }
  return false;
}

/**
 * The sheet to read, with its CSV text (the workbook is opened once), or the refusal: the sheet
 * asked for (as `--sheet` matches it), the only sheet (`sheet` undefined: read as the first, as
 * the ingest does by default), or the one sheet that holds counts.
 * @throws SheetError when the file is not a workbook that can be opened
 */
export async function pickSheet(bytes: Uint8Array, asked: string | undefined): Promise<{ sheet: string | undefined; sheets: string[]; csv: string } | { error: RowError; sheets: string[] }> {
  const all = await xlsxSheets(bytes);
  const names = all.map((s) => s.name);
  const chosen = (s: { name: string; csv: string | undefined }, sheet: string | undefined) =>
    s.csv === undefined ? { error: rowError(1, '(file)', 'sheetEmpty', { sheet: s.name }), sheets: names } : { sheet, sheets: names, csv: s.csv };
  if (asked !== undefined) {
    const s = all.find((x) => x.name.trim().toLowerCase() === asked.trim().toLowerCase());
    return s ? chosen(s, s.name) : { error: rowError(1, '(file)', 'noSheet', { sheet: asked, sheets: names.join(', ') }), sheets: names };
  }
  if (all.length === 1) return chosen(all[0]!, undefined);
  const withCounts = [];
  for (const s of all) if (s.csv !== undefined && (await holdsCounts(s.csv))) withCounts.push(s);
  if (withCounts.length === 1) return chosen(withCounts[0]!, withCounts[0]!.name);
  const list = (xs: string[]) => xs.map((n) => `"${n}"`).join(', ');
  if (withCounts.length > 1) return { error: rowError(1, '(file)', 'severalSheets', { sheets: list(withCounts.map((s) => s.name)) }), sheets: withCounts.map((s) => s.name) };
  return { error: rowError(1, '(file)', 'noSheetWithCounts', { sheets: list(names) }), sheets: names };
}
