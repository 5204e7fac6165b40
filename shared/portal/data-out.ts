/**
 * What a partner can take away: its own counts as stored (CSV or Excel, with the upload each row
 * came from) and a template pre-filled with its regions and channels for the weeks still to send.
 * Only the partner's own rows: exact, since they are its own figures.
 */
import { readCurrentRows } from '../lake/stored-rows.ts';
import { SERVICE_DEMAND, type Row } from '../lake/tables.ts';
import { KNOWN_CHANNELS } from '../domain/metrics.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { Account } from './accounts.ts';

/** Columns of the download, in the template's words plus where each row came from. */
export const DATA_COLUMNS = ['region', 'location', 'period_start', 'period', 'channel', 'count', 'upload_id'] as const;

/** The partner's current rows (newest upload per period key), oldest period first. */
export async function ownRows(store: ObjectStore, partnerId: string): Promise<Row[]> {
  const rows = await readCurrentRows(store, SERVICE_DEMAND, { where: (r) => r.partner_id === partnerId });
  return rows.sort((a, b) => `${a.period_start}|${a.region_code}|${a.location ?? ''}|${a.channel}`.localeCompare(`${b.period_start}|${b.region_code}|${b.location ?? ''}|${b.channel}`));
}

function cells(r: Row): (string | number)[] {
  return [String(r.region_code), String(r.location ?? ''), String(r.period_start), Number(r.period_days) === 7 ? 'week' : 'day', String(r.channel), Number(r.count), String(r.upload_id ?? '')];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(header: readonly string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/** The partner's data as CSV. */
export function dataCsv(rows: Row[]): string {
  return toCsv(DATA_COLUMNS, rows.map(cells));
}

/** An Excel workbook of header and rows (numbers stay numbers, dates stay text as in the template). */
async function workbook(sheet: string, header: readonly string[], rows: (string | number)[][]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The partner's data as an Excel workbook. */
export function dataXlsx(rows: Row[]): Promise<Uint8Array> {
  return workbook('Your counts', DATA_COLUMNS, rows.map(cells));
}

const TEMPLATE_COLUMNS = ['region', 'location', 'period_start', 'period', 'channel', 'count'] as const;

/**
 * The template filled in for this partner: one row per week still to send (or the last ended
 * week), region, site and channel it reports, with the count left empty to type in.
 */
export function templateRows(account: Account, rows: Row[], weeks: string[]): string[][] {
  const channels = [...new Set(rows.map((r) => String(r.channel)))].sort();
  const places = [...new Set(rows.map((r) => `${r.region_code}\u0000${r.location ?? ''}`))].sort();
  const regionPlaces = places.length ? places : account.regions.map((r) => `${r}\u0000`);
  const out: string[][] = [];
  for (const week of weeks)
    for (const place of regionPlaces) {
      const [region, location] = place.split('\u0000') as [string, string];
      for (const channel of channels.length ? channels : [...KNOWN_CHANNELS]) out.push([region, location, week, 'week', channel, '']);
    }
  return out;
}

/** The pre-filled template as CSV. */
export function templateCsv(account: Account, rows: Row[], weeks: string[]): string {
  return toCsv(TEMPLATE_COLUMNS, templateRows(account, rows, weeks));
}

/** The pre-filled template as an Excel workbook. */
export function templateXlsx(account: Account, rows: Row[], weeks: string[]): Promise<Uint8Array> {
  return workbook('Counts', TEMPLATE_COLUMNS, templateRows(account, rows, weeks));
}
