import { SERVICE_DEMAND, type Row } from '../lake/tables.ts';
import { channelName, isPartnerHeader, LAYOUT_HELP, partnerLayout, TOTAL_LABEL, type PartnerLayout } from './partner-layout.ts';
import { TotalRows } from './partner-totals.ts';
import { headerKey, SKIP_ROW, type ReaderContext, type RecordParser, type RowError, type SourceReader } from './reader.ts';
import { parseCount, parseLocalDate } from './values.ts';
import { personalDataErrors } from './personal-data.ts';

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
        errors.push({ row: 1, column: h, reason: `"${h}" looks like personal data: only aggregate counts are accepted, remove this column` });
    });
    const layout = partnerLayout(header);
    if (!('kind' in layout)) {
      const found = header.filter((h) => h.trim() !== '').slice(0, 12).map((h) => `"${h}"`).join(', ');
      errors.push({ row: 1, column: '(header)', reason: `${layout.problem ? `${layout.problem}. ` : ''}We could not find the columns of counts in this sheet (the first row we could read has ${found || 'nothing'}). ${LAYOUT_HELP}` });
    }
    if (errors.length) return { errors };
    const totals = new TotalRows();
    return { parse: rowParser(header, layout as PartnerLayout, ctx, totals), notes: () => totals.notes };
  },
};

function rowParser(header: string[], layout: PartnerLayout, ctx: ReaderContext, totals: TotalRows): RecordParser {
  // Without a period column, a week-like date column means weekly rows; anything else daily.
  const defaultDays = /week|w\/c/.test(headerKey(header[layout.start]!)) || layout.kind === 'wide' ? 7 : 1;
  const labelColumns = [layout.start, layout.region, layout.location, layout.partner, 0].filter((i) => i >= 0);
  return (f, row, errs) => {
    const at = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
    if (f.every((c) => c.trim() === '')) return SKIP_ROW; // a blank row, or one of bare separators (;;;;)
    const label = labelColumns.find((i) => TOTAL_LABEL.test(at(i)));
    if (label !== undefined && !isDate(at(layout.start))) return totalRow(f, row, errs, header, layout, totals, header[label]!);
    const before = errs.length;
    if (f.length < header.length && layout.kind === 'long') {
      errs.push({ row, column: header[f.length]!, reason: `row has ${f.length} cells but the header has ${header.length}: the row may be cut short` });
      return null;
    }
    // Values that look like personal data (e-mail, phone, NI number, postcode, a date of birth, long text as a site).
    errs.push(...personalDataErrors(f, header, row, { location: layout.location, date: layout.start, ...(layout.kind === 'long' ? { count: layout.count } : {}) }));
    let partnerId = ctx.partnerId ?? '';
    if (layout.partner !== -1 && at(layout.partner) !== '') {
      const given = at(layout.partner);
      if (ctx.partnerId && given !== ctx.partnerId)
        errs.push({ row, column: header[layout.partner]!, reason: `partner "${given}" does not match the uploading partner "${ctx.partnerId}"` });
      partnerId = given;
    }
    if (partnerId === '') errs.push({ row, column: 'partner', reason: 'no partner: fill the partner column or pass --partner' });
    const resolved = ctx.resolveRegion(at(layout.region));
    if ('error' in resolved) errs.push({ row, column: header[layout.region]!, reason: resolved.error });
    const date = parseLocalDate(at(layout.start));
    if (!date.ok) errs.push({ row, column: header[layout.start]!, reason: date.reason });
    else if (date.value === null) errs.push({ row, column: header[layout.start]!, reason: 'date is empty' });
    else if (date.value > ctx.today) errs.push({ row, column: header[layout.start]!, reason: `${date.value} is in the future` });
    let days = defaultDays;
    if (layout.period !== -1 && at(layout.period) !== '') {
      const d = PERIOD_DAYS[at(layout.period).toLowerCase()];
      if (d === undefined) errs.push({ row, column: header[layout.period]!, reason: `"${at(layout.period)}" is not a period: write day or week` });
      else days = d;
    }
    const counts: { channel: string; count: number }[] = [];
    if (layout.kind === 'long') {
      const ch = channelName(at(layout.channel));
      if (!ch) errs.push({ row, column: header[layout.channel]!, reason: `"${at(layout.channel)}" is not a channel name such as helpline_calls` });
      const n = parseCount(at(layout.count));
      if (!n.ok) errs.push({ row, column: header[layout.count]!, reason: n.reason });
      else if (n.value === null) errs.push({ row, column: header[layout.count]!, reason: 'count is empty: write 0 if there were none' });
      else if (ch) counts.push({ channel: ch, count: n.value });
    } else {
      // A blank cell in a channel column means "not reported", never 0.
      for (const c of layout.channels) {
        const n = parseCount(at(c.index));
        if (!n.ok) errs.push({ row, column: header[c.index]!, reason: n.reason });
        else if (n.value !== null) counts.push({ channel: c.channel, count: n.value });
      }
      if (layout.rowTotal !== -1 && at(layout.rowTotal) !== '') {
        const t = parseCount(at(layout.rowTotal));
        const sum = counts.reduce((s, c) => s + c.count, 0);
        if (t.ok && t.value !== null && t.value !== sum)
          errs.push({ row, column: header[layout.rowTotal]!, reason: `the row's total ${t.value} does not match the sum of its counts (${sum})` });
      }
      if (counts.length === 0 && errs.length === before)
        errs.push({ row, column: header[layout.channels[0]!.index]!, reason: 'this row has a date and an area but no counts: fill them in (0 if there were none) or delete the row' });
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
      errs.push({ row, column: c.column, reason: `this looks like a total row, but "${c.cell}" is not a number` });
      continue;
    }
    const problem = totals.check(row, c.column, c.channel, n.value);
    if (problem) errs.push(problem);
  }
  if (errs.length !== before) return null;
  totals.accepted(row, labelColumn);
  return SKIP_ROW;
}
