import { SERVICE_DEMAND, type Row } from '../lake/tables.ts';
import { channelName, isPartnerHeader, partnerLayout, TOTAL_LABEL, type PartnerLayout } from './partner-layout.ts';
import { TotalRows } from './partner-totals.ts';
import { headerKey, SKIP_ROW, type ReaderContext, type RecordParser, type RowError, type SourceReader } from './reader.ts';
import { parseCount, parseLocalDate } from './values.ts';
import { personalDataErrors } from './personal-data.ts';
import { partnerPlan } from './plans/partner-csv.ts';
import { rowError } from './reasons.ts';

/** Headers that suggest personal data: only aggregate counts are accepted. */
const PERSONAL = /\b(name|first name|last name|surname|phone|mobile|telephone|e ?mail|date of birth|dob|birth ?date|address|postcode|nhs|passport)\b/;
const ALLOWED_NAMES = new Set(['partner', 'partner name', 'location', 'location name', 'site', 'site name', 'region', 'region name', 'area name']);

const PERIOD_DAYS: Record<string, number> = { day: 1, daily: 1, week: 7, weekly: 7 };

/**
 * Partner service-demand counts, as the template has them (long: one row per region, period and
 * channel) or as many partners keep them (wide: one row per period and area, a column per
 * channel). Title lines above the header, blank rows, rows of bare separators and total rows are
 * understood; a total row is checked against the sum instead of being loaded. Excel workbooks
 * reach this reader as the CSV text of their sheet (spreadsheet.ts), so both go through the same
 * checks.
 */
export const partnerCsv: SourceReader = {
  format: 'partner-csv',
  description: 'Partner service-demand counts: the template (region, period_start, period, channel, count) or one column per channel',
  table: SERVICE_DEMAND,
  preamble: true,
  matches: isPartnerHeader,
  bind(header, ctx) {
    const errors: RowError[] = [];
    header.forEach((h) => {
      const key = headerKey(h);
      if (!ALLOWED_NAMES.has(key) && PERSONAL.test(key))
        errors.push(rowError(1, h, 'personalColumn', { header: h }));
    });
    const layout = partnerLayout(header);
    if (!('kind' in layout)) {
      const found = header.filter((h) => h.trim() !== '').slice(0, 12).map((h) => `"${h}"`).join(', ');
      const p = layout.problem;
      errors.push(p.code === 'headerMissing' ? rowError(1, '(header)', p.code, { missing: p.missing, found }) : rowError(1, '(header)', p.code, { found }));
    }
    if (errors.length) return { errors };
    const totals = new TotalRows();
    const l = layout as PartnerLayout;
    const { defaultDays, labelColumns } = rowShape(header, l);
    const plan = partnerPlan({ layout: l, cellCount: header.length, defaultDays, periodDays: PERIOD_DAYS, labelColumns, partnerId: ctx.partnerId, today: ctx.today, sourceKey: ctx.sourceKey });
    return { ...(plan ? { plan } : {}), parse: rowParser(header, l, ctx, totals), notes: () => totals.notes };
  },
};

/** A row's days when it has no period cell, and the cells that may label a total row. */
function rowShape(header: string[], layout: PartnerLayout): { defaultDays: number; labelColumns: number[] } {
  // Without a period column, a week-like date column means weekly rows; anything else daily.
  const defaultDays = /week|w\/c/.test(headerKey(header[layout.start]!)) || layout.kind === 'wide' ? 7 : 1;
  const labelColumns = [layout.start, layout.region, layout.location, layout.partner, 0].filter((i) => i >= 0);
  return { defaultDays, labelColumns };
}

function rowParser(header: string[], layout: PartnerLayout, ctx: ReaderContext, totals: TotalRows): RecordParser {
  const { defaultDays, labelColumns } = rowShape(header, layout);
  return (f, row, errs) => {
    const at = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
    if (f.every((c) => c.trim() === '')) return SKIP_ROW; // a blank row, or one of bare separators (;;;;)
    const label = labelColumns.find((i) => TOTAL_LABEL.test(at(i)));
    if (label !== undefined && !isDate(at(layout.start))) return totalRow(f, row, errs, header, layout, totals, header[label]!);
    const before = errs.length;
    if (f.length < header.length && layout.kind === 'long') {
      errs.push(rowError(row, header[f.length]!, 'shortRow', { cells: f.length, width: header.length }));
      return null;
    }
    // Values that look like personal data (e-mail, phone, NI number, postcode, a date of birth, long text as a site).
    errs.push(...personalDataErrors(f, header, row, { location: layout.location, date: layout.start, ...(layout.kind === 'long' ? { count: layout.count } : {}) }));
    let partnerId = ctx.partnerId ?? '';
    if (layout.partner !== -1 && at(layout.partner) !== '') {
      const given = at(layout.partner);
      if (ctx.partnerId && given !== ctx.partnerId)
        errs.push(rowError(row, header[layout.partner]!, 'partnerMismatch', { given, partner: ctx.partnerId }));
      partnerId = given;
    }
    if (partnerId === '') errs.push(rowError(row, 'partner', 'noPartner'));
    const resolved = ctx.resolveRegion(at(layout.region));
    if ('error' in resolved) errs.push(regionError(row, header[layout.region]!, resolved));
    const date = parseLocalDate(at(layout.start));
    if (!date.ok) errs.push(cellError(row, header[layout.start]!, date));
    else if (date.value === null) errs.push(rowError(row, header[layout.start]!, 'dateEmpty'));
    else if (date.value > ctx.today) errs.push(rowError(row, header[layout.start]!, 'dateFuture', { date: date.value }));
    let days = defaultDays;
    if (layout.period !== -1 && at(layout.period) !== '') {
      const d = PERIOD_DAYS[at(layout.period).toLowerCase()];
      if (d === undefined) errs.push(rowError(row, header[layout.period]!, 'notPeriod', { value: at(layout.period) }));
      else days = d;
    }
    const counts: { channel: string; count: number }[] = [];
    if (layout.kind === 'long') {
      const ch = channelName(at(layout.channel));
      if (!ch) errs.push(rowError(row, header[layout.channel]!, 'notChannel', { value: at(layout.channel) }));
      const n = parseCount(at(layout.count));
      if (!n.ok) errs.push(cellError(row, header[layout.count]!, n));
      else if (n.value === null) errs.push(rowError(row, header[layout.count]!, 'countEmpty'));
      else if (ch) counts.push({ channel: ch, count: n.value });
    } else {
      // A blank cell in a channel column means "not reported", never 0.
      for (const c of layout.channels) {
        const n = parseCount(at(c.index));
        if (!n.ok) errs.push(cellError(row, header[c.index]!, n));
        else if (n.value !== null) counts.push({ channel: c.channel, count: n.value });
      }
      if (layout.rowTotal !== -1 && at(layout.rowTotal) !== '') {
        const t = parseCount(at(layout.rowTotal));
        const sum = counts.reduce((s, c) => s + c.count, 0);
        if (t.ok && t.value !== null && t.value !== sum)
          errs.push(rowError(row, header[layout.rowTotal]!, 'rowTotalMismatch', { total: t.value, sum }));
      }
      if (counts.length === 0 && errs.length === before)
        errs.push(rowError(row, header[layout.channels[0]!.index]!, 'noCounts'));
    }
    if (errs.length !== before) return null;
    const base = {
      partner_id: partnerId,
      region_code: (resolved as { code: string }).code,
      location: layout.location === -1 ? null : at(layout.location) || null,
      period_start: (date as { value: string }).value,
      period_days: days,
      source_key: ctx.sourceKey,
    };
    const rows: Row[] = counts.map((c) => ({ ...base, channel: c.channel, count: c.count }));
    for (const c of counts) totals.add(c.channel, c.count);
    return rows.length === 1 ? rows[0]! : rows;
  };
}

/** A cell the value parsers refused, with their code when they gave one. */
function cellError(row: number, column: string, p: { reason: string; code?: string; params?: Record<string, string | number> }): RowError {
  return { row, column, reason: p.reason, ...(p.code ? { code: p.code, params: p.params ?? {} } : {}) };
}

/** The region resolver's refusal as a coded reason (its English text kept as it was). */
function regionError(row: number, column: string, r: { error: string; kind?: 'empty' | 'ambiguous' | 'unknown'; value?: string; codes?: string[]; aliasFile?: string }): RowError {
  if (r.kind === 'empty') return rowError(row, column, 'regionEmpty');
  if (r.kind === 'ambiguous') return rowError(row, column, 'regionAmbiguous', { value: r.value!, codes: r.codes!.join(', '), aliasFile: r.aliasFile! });
  if (r.kind === 'unknown') return rowError(row, column, 'regionUnknown', { value: r.value!, aliasFile: r.aliasFile! });
  return { row, column, reason: r.error };
}

function isDate(cell: string): boolean {
  const d = parseLocalDate(cell);
  return d.ok && d.value !== null;
}

/** A total row: checked against the sum of the rows above, never loaded. */
function totalRow(f: string[], row: number, errs: RowError[], header: string[], layout: PartnerLayout, totals: TotalRows, labelColumn: string): typeof SKIP_ROW | null {
  const at = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
  const before = errs.length;
  const checks: { column: string; channel: string | undefined; cell: string }[] =
    layout.kind === 'long'
      ? [{ column: header[layout.count]!, channel: channelName(at(layout.channel)), cell: at(layout.count) }]
      : layout.channels.map((c) => ({ column: header[c.index]!, channel: c.channel, cell: at(c.index) }));
  for (const c of checks) {
    if (c.cell === '') continue;
    const n = parseCount(c.cell);
    if (!n.ok || n.value === null) {
      errs.push(rowError(row, c.column, 'totalNotNumber', { cell: c.cell }));
      continue;
    }
    const problem = totals.check(row, c.column, c.channel, n.value);
    if (problem) errs.push(problem);
  }
  if (errs.length !== before) return null;
  totals.accepted(row, labelColumn);
  return SKIP_ROW;
}
