/**
 * Partner sheets as they really come: Excel workbooks and CSV, the template's long layout and
 * the wide one (a column per channel), title rows, blank and separator rows, Excel date-times,
 * formulas, and Total rows checked against the sum instead of being loaded.
 */
import { describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND, type Row } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import type { IngestOptions } from '../../shared/pipeline/ingest-object.ts';
import { checkPartnerUpload } from '../../shared/portal/upload-check.ts';
import { xlsxToCsv } from '../../shared/sources/spreadsheet.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';
import { TODAY, utf8 } from './helpers.ts';
import { day, wideSheet, workbook } from './support/workbooks.ts';

/** Ingest into a fresh lake as partner fenland-helpline; the rows that reached curated/. */
async function ingestPartner(name: string, bytes: Uint8Array, opts: IngestOptions = {}) {
  const { store, cleanup } = await tempStore();
  try {
    const result = await ingestFile(store, name, bytes, { today: TODAY, partnerId: 'fenland-helpline', ...opts });
    const rows: Row[] = await readCurrentRows(store, SERVICE_DEMAND);
    rows.sort((a, b) => `${a.period_start}${a.channel}`.localeCompare(`${b.period_start}${b.channel}`));
    return { result, rows, curated: await keysUnder(store, 'curated/') };
  } finally {
    await cleanup();
  }
}
const brief = (rows: Row[]) => rows.map((r) => `${r.period_start} ${r.region_code} ${r.channel} ${r.count} ${r.period_days}`);

describe('partner spreadsheets', () => {
  it('reads the wide Excel sheet of the issue: title skipped, dates real, formulas as saved, the Total checked and not loaded', async () => {
    const { result, rows } = await ingestPartner('counts.xlsx', await workbook({ Counts: wideSheet() }));
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('accepted');
    expect(brief(rows)).toEqual([
      '2026-03-02 GB-CAM helpline_calls 14 7',
      '2026-03-02 GB-CAM referrals 3 7',
      '2026-03-09 GB-CAM helpline_calls 17 7',
      '2026-03-09 GB-CAM referrals 2 7',
      '2026-03-16 GB-CAM helpline_calls 19 7',
      '2026-03-16 GB-CAM referrals 0 7',
    ]);
    expect(result.totals).toMatchObject({ helpline_calls: 50, referrals: 5 });
    expect(result.notes).toEqual([{ row: 8, column: 'Week commencing', reason: 'this looks like a total row; it matches the sum, so it was not loaded', code: 'totalNoted', params: {} }]);
  });

  it('refuses the whole workbook when the Total does not match, naming the row and column; nothing is loaded', async () => {
    const sheet = wideSheet();
    sheet[7] = ['Total', null, 49, 5, null];
    const { result, rows, curated } = await ingestPartner('counts.xlsx', await workbook({ Counts: sheet }));
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([{ row: 8, column: 'Helpline calls', reason: expect.stringMatching(/^this looks like a total row, but 49 does not match the sum of the rows above \(50\)/), code: 'totalMismatch', params: { value: 49, all: 50, since: 50 } }]);
    expect(rows).toEqual([]);
    expect(curated.filter((k) => k.includes('service_demand'))).toEqual([]);
  });

  it('reads a named sheet, and says which sheets there are when the name is wrong', async () => {
    const bytes = await workbook({ Instructions: [['Type your counts on the next sheet']], Data: wideSheet() });
    expect((await ingestPartner('counts.xlsx', bytes, { sheet: 'data' })).rows).toHaveLength(6);
    const wrong = await ingestPartner('counts.xlsx', bytes, { sheet: 'Counts' });
    expect(wrong.result.errors[0]!.reason).toBe('the workbook has no sheet "Counts"; its sheets are: Instructions, Data');
  });

  it('tells a partner whose header nothing knows what a partner sheet needs, never the list of export formats (CLI, Lambda)', async () => {
    const { result } = await ingestPartner('odd.csv', utf8('When,Where,How many\n2026-03-02,Cambridgeshire,4\n'));
    expect(result.status).toBe('rejected');
    expect(result.errors).toMatchObject([{ row: 1, column: '(header)', code: 'headerUnknown', reason: expect.stringMatching(/^We could not find the columns of counts in this sheet \(the first row we could read has "When", "Where", "How many"\)/) }]);
    expect(result.errors[0]!.reason).not.toMatch(/known formats|partner-csv|meta-ads/);
  });

  it('writes Excel date-times at midnight as the day, and refuses another time of day rather than guess', async () => {
    const sheet = (time: string) => [
      ['region', 'week_start', 'channel', 'count'],
      ['GB-CAM', day('2026-03-16', time), 'helpline_calls', 4],
    ];
    const csv = await xlsxToCsv(await workbook({ S: sheet('00:00') }, { dateFormat: 'dd/mm/yyyy hh:mm' }));
    expect(csv).toBe('region,week_start,channel,count\nGB-CAM,2026-03-16,helpline_calls,4\n');
    const late = await ingestPartner('t.xlsx', await workbook({ S: sheet('10:30') }, { dateFormat: 'dd/mm/yyyy hh:mm' }));
    expect(late.result.errors).toMatchObject([{ row: 2, column: 'week_start', reason: '"2026-03-16 10:30" has a time of day: write the date only, e.g. 2026-03-16', code: 'dateTime' }]);
  });

  it('reads the same wide layout from CSV, with DD/MM/YYYY 00:00 date-times, separator rows and a Totaal row', async () => {
    const csv = [
      'Week commencing;Area;Helpline calls;Drop-in visits',
      '02/03/2026 00:00;Cambridgeshire;14;6',
      ';;;',
      '09/03/2026 00:00;Cambridgeshire;17;',
      '',
      'Totaal;;31;6',
    ].join('\r\n');
    const { result, rows } = await ingestPartner('counts.csv', utf8(csv));
    expect(result.errors).toEqual([]);
    // A blank cell in a channel column is "not reported", not 0.
    expect(brief(rows)).toEqual(['2026-03-02 GB-CAM drop_in_visits 6 7', '2026-03-02 GB-CAM helpline_calls 14 7', '2026-03-09 GB-CAM helpline_calls 17 7']);
    expect(result.notes).toHaveLength(1);
  });

  it('accepts the long template with a title row above it and a Summe row at the bottom', async () => {
    const csv = 'Counts for March\nregion,week_start,channel,count\nGB-CAM,2026-03-02,helpline_calls,14\nGB-CAM,2026-03-09,helpline_calls,17\nSumme,,,31\n';
    const { result, rows } = await ingestPartner('long.csv', utf8(csv), { format: 'partner-csv' });
    expect(result.errors).toEqual([]);
    expect(rows.map((r) => r.count)).toEqual([14, 17]);
    expect(result.notes?.[0]?.row).toBe(5);
  });

  it('explains a sheet it cannot read in the partner\'s words, without format names', async () => {
    const { store, cleanup } = await tempStore();
    try {
      const account = { id: 'fenland-helpline', name: 'Fenland', role: 'partner' as const, regions: ['GB-CAM'], allRegions: false, weekStart: 'monday' as const, tokenSha256: '0'.repeat(64), createdAt: '' };
      const check = await checkPartnerUpload(store, account, 'odd.csv', utf8('Our counts\nWhen,Where,How many\n2026-03-02,GB-CAM,4\n'), { today: TODAY, maxRows: 100 });
      const reason = check.errors.map((e) => e.reason).join(' ');
      expect(reason).toMatch(/"When", "Where", "How many".*one row per week and area with a column per channel/);
      expect(reason).not.toMatch(/partner-csv|meta-ads|format/);
    } finally {
      await cleanup();
    }
  });

  it('refuses an old .xls and a zip that is not a workbook, plainly', async () => {
    const xls = await ingestPartner('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.result.errors[0]!.reason).toMatch(/old-style Excel file \(\.xls\).*save it as Excel Workbook \(\.xlsx\) or CSV/);
    const zip = await ingestPartner('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]));
    expect(zip.result.errors[0]!.reason).toMatch(/could not be opened as an Excel workbook/);
  });
});
