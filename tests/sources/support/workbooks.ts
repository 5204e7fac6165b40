/**
 * Excel workbooks as partners keep them, written by exceljs (a real .xlsx: zipped XML, shared
 * strings, date cells with a number format, formulas with their cached results).
 */
import ExcelJS from 'exceljs';

type Cell = string | number | Date | null | { formula: string; result: number };

/** Midnight of a calendar day as Excel stores it (wall-clock time, read back as UTC). */
export const day = (iso: string, time = '00:00'): Date => new Date(`${iso}T${time}:00Z`);

/** A workbook of sheets, each a list of rows. */
export async function workbook(sheets: Record<string, Cell[][]>, opts: { dateFormat?: string } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r.map((c) => (c === null ? undefined : c)));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = opts.dateFormat ?? 'dd/mm/yyyy';
      });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The wide sheet of the issue: a title row, a blank row, the header, weekly rows, a Total row of formulas. */
export function wideSheet(): Cell[][] {
  return [
    ['Fenland Helpline: weekly counts 2026'],
    [],
    ['Week commencing', 'Area', 'Helpline calls', 'Referrals', 'Notes'],
    [day('2026-03-02'), 'Cambridgeshire', 14, 3, 'quiet week'],
    [day('2026-03-09'), 'GB-CAM', 17, 2, null],
    [day('2026-03-16'), 'Cambridgeshire', { formula: '10+9', result: 19 }, 0, null],
    [],
    ['Total', null, { formula: 'SUM(C4:C6)', result: 50 }, { formula: 'SUM(D4:D6)', result: 5 }, null],
  ];
}
