import { CHANNEL_PATTERN } from '../domain/metrics.ts';
import { SERVICE_DEMAND, type Row } from '../lake/tables.ts';
import { findColumn, headerKey, type RecordParser, type RowError, type SourceReader } from './reader.ts';
import { parseCount, parseLocalDate } from './values.ts';
import { personalDataErrors } from './personal-data.ts';

/** Headers that suggest personal data: only aggregate counts are accepted. */
const PERSONAL = /\b(name|first name|last name|surname|phone|mobile|telephone|e ?mail|date of birth|dob|birth ?date|address|postcode|nhs|passport)\b/;
const ALLOWED_NAMES = new Set(['partner', 'partner name', 'location', 'location name', 'site', 'site name', 'region', 'region name']);

const PERIOD_DAYS: Record<string, number> = { day: 1, daily: 1, week: 7, weekly: 7 };

/**
 * The partner service-demand template (long format): one row per partner, region, period and channel.
 * `partner,region,location,period_start,period,channel,count` (partner, location and period optional).
 */
export const partnerCsv: SourceReader = {
  format: 'partner-csv',
  description: 'Partner service-demand template (region, period_start, period, channel, count; optional partner, location)',
  table: SERVICE_DEMAND,
  matches(header) {
    return findColumn(header, 'channel') !== -1 && findColumn(header, 'count') !== -1 && findColumn(header, 'region') !== -1;
  },
  bind(header, ctx) {
    const errors: RowError[] = [];
    header.forEach((h) => {
      const key = headerKey(h);
      if (!ALLOWED_NAMES.has(key) && PERSONAL.test(key))
        errors.push({ row: 1, column: h, reason: `"${h}" looks like personal data: only aggregate counts are accepted, remove this column` });
    });
    const need = (name: string, ...aliases: string[]): number => {
      const i = findColumn(header, name, ...aliases);
      if (i === -1) errors.push({ row: 1, column: name, reason: `required column "${name}" is missing` });
      return i;
    };
    const region = need('region');
    const start = need('period_start', 'period start', 'week_start', 'week start', 'date', 'day');
    const channel = need('channel');
    const count = need('count');
    if (errors.length) return { errors };
    const partner = findColumn(header, 'partner');
    const location = findColumn(header, 'location');
    const period = findColumn(header, 'period');
    // Without a period column, a week_start column means weekly rows; anything else daily.
    const defaultDays = /week/.test(headerKey(header[start]!)) ? 7 : 1;
    const parse: RecordParser = (f, row, errs) => {
      const before = errs.length;
      const at = (i: number): string => (f[i] ?? '').trim();
      if (f.length < header.length) {
        errs.push({ row, column: header[f.length]!, reason: `row has ${f.length} cells but the header has ${header.length}: the row may be cut short` });
        return null;
      }
      errs.push(...personalDataErrors(f, header, row, { location, date: start, count }));
      let partnerId = ctx.partnerId ?? '';
      if (partner !== -1 && at(partner) !== '') {
        const given = at(partner);
        if (ctx.partnerId && given !== ctx.partnerId)
          errs.push({ row, column: header[partner]!, reason: `partner "${given}" does not match the uploading partner "${ctx.partnerId}"` });
        partnerId = given;
      }
      if (partnerId === '') errs.push({ row, column: 'partner', reason: 'no partner: fill the partner column or pass --partner' });
      const resolved = ctx.resolveRegion(at(region));
      if ('error' in resolved) errs.push({ row, column: header[region]!, reason: resolved.error });
      const date = parseLocalDate(at(start));
      if (!date.ok) errs.push({ row, column: header[start]!, reason: date.reason });
      else if (date.value === null) errs.push({ row, column: header[start]!, reason: 'date is empty' });
      else if (date.value > ctx.today) errs.push({ row, column: header[start]!, reason: `${date.value} is in the future` });
      let days = defaultDays;
      if (period !== -1 && at(period) !== '') {
        const d = PERIOD_DAYS[at(period).toLowerCase()];
        if (d === undefined) errs.push({ row, column: header[period]!, reason: `"${at(period)}" is not a period: write day or week` });
        else days = d;
      }
      const ch = at(channel).toLowerCase().replace(/[\s-]+/g, '_');
      if (!CHANNEL_PATTERN.test(ch)) errs.push({ row, column: header[channel]!, reason: `"${at(channel)}" is not a channel name such as helpline_calls` });
      const n = parseCount(at(count));
      if (!n.ok) errs.push({ row, column: header[count]!, reason: n.reason });
      else if (n.value === null) errs.push({ row, column: header[count]!, reason: 'count is empty: write 0 if there were none' });
      if (errs.length !== before) return null;
      const out: Row = {
        partner_id: partnerId,
        region_code: (resolved as { code: string }).code,
        location: location === -1 ? null : at(location) || null,
        channel: ch,
        period_start: (date as { value: string }).value,
        period_days: days,
        count: (n as { value: number }).value,
        source_key: ctx.sourceKey,
      };
      return out;
    };
    return { parse };
  },
};
