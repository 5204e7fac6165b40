import { AD_DELIVERY, type Row } from '../lake/tables.ts';
import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import { findColumn, headerKey, type RecordParser, type RowError, type SourceReader } from './reader.ts';
import { parseCount, parseLocalDate, parseMoneyMicros, type Parsed } from './values.ts';

const SPEND = /^amount spent \(([a-z]{3})\)$/;

/** Optional additive metric columns: lake column -> header spellings seen in exports. */
const METRIC_COLUMNS: [string, string[]][] = [
  ['reach', ['Reach']],
  ['clicks', ['Clicks (all)']],
  ['link_clicks', ['Link clicks']],
  ['results', ['Results']],
  ['video_views', ['ThruPlays', 'Video plays']],
  ['engagements', ['Post engagements', 'Post engagement']],
];

/** Breakdown columns, in the order they are named in the `breakdown` value. */
const BREAKDOWNS: [string, string][] = [
  ['region', 'Region'],
  ['country', 'Country'],
  ['age', 'Age'],
  ['gender', 'Gender'],
  ['placement', 'Placement'],
];

/**
 * Meta Ads Manager CSV export (English headers), with or without Day and Region breakdowns.
 * Currency appears only in the spend header, e.g. `Amount spent (GBP)`.
 */
export const metaAdsCsv: SourceReader = {
  format: 'meta-ads-csv',
  description: 'Meta Ads Manager CSV export (Reporting starts, Reporting ends, Campaign name, Impressions, Amount spent (GBP), ...)',
  table: AD_DELIVERY,
  matches(header) {
    return findColumn(header, 'Reporting starts') !== -1 && header.some((h) => SPEND.test(headerKey(h)));
  },
  bind(header, ctx) {
    const errors: RowError[] = [];
    const need = (name: string, ...aliases: string[]): number => {
      const i = findColumn(header, name, ...aliases);
      if (i === -1) errors.push({ row: 1, column: name, reason: `required column "${name}" is missing` });
      return i;
    };
    const day = findColumn(header, 'Day');
    const starts = day === -1 ? need('Reporting starts') : day;
    const ends = day === -1 ? need('Reporting ends') : day;
    const campaign = need('Campaign name');
    const impressions = need('Impressions');
    const spend = header.findIndex((h) => SPEND.test(headerKey(h)));
    if (errors.length) return { errors };
    const currency = SPEND.exec(headerKey(header[spend]!))![1]!.toUpperCase();
    const adSet = findColumn(header, 'Ad set name');
    const ad = findColumn(header, 'Ad name');
    const campaignId = findColumn(header, 'Campaign ID');
    const metrics = METRIC_COLUMNS.map(([col, names]) => [col, findColumn(header, ...names)] as const).filter(([, i]) => i !== -1);
    const present = BREAKDOWNS.map(([key, name]) => [key, findColumn(header, name)] as const).filter(([, i]) => i !== -1);
    const breakdown = present.map(([key]) => key).join(',');
    const region = findColumn(header, 'Region');
    const country = findColumn(header, 'Country');
    const age = findColumn(header, 'Age');
    const gender = findColumn(header, 'Gender');
    return { parse: recordParser() };

    function recordParser(): RecordParser {
      return (f, row, errs) => {
        const before = errs.length;
        const cell = <T>(i: number, parsed: Parsed<T>): T | null => {
          if (parsed.ok) return parsed.value;
          errs.push({ row, column: header[i]!, reason: parsed.reason });
          return null;
        };
        if (f.length !== header.length) {
          errs.push({ row, column: header[Math.min(f.length, header.length - 1)]!, reason: `row has ${f.length} cells but the header has ${header.length}: the row may be cut short` });
          return null;
        }
        const dateStart = cell(starts, parseLocalDate(f[starts]!));
        const dateEnd = cell(ends, parseLocalDate(f[ends]!));
        if (errs.length === before && (dateStart === null || dateEnd === null))
          errs.push({ row, column: header[dateStart === null ? starts : ends]!, reason: 'date is empty' });
        if (dateStart && dateEnd && dateEnd < dateStart) errs.push({ row, column: header[ends]!, reason: `ends (${dateEnd}) before it starts (${dateStart})` });
        const name = f[campaign]!.trim();
        if (name === '') errs.push({ row, column: header[campaign]!, reason: 'campaign name is empty' });
        const out: Row = {
          platform: 'meta',
          campaign_name: name,
          campaign_ref: campaignId === -1 ? null : f[campaignId]!.trim() || null,
          ad_set_name: adSet === -1 ? null : f[adSet]!.trim() || null,
          ad_name: ad === -1 ? null : f[ad]!.trim() || null,
          region_code: UNKNOWN_REGION,
          region_name: null,
          breakdown,
          age: age === -1 ? null : f[age]!.trim() || null,
          gender: gender === -1 ? null : f[gender]!.trim() || null,
          granularity: dateStart === dateEnd ? 'day' : 'period',
          date_start: dateStart,
          date_end: dateEnd,
          impressions: cell(impressions, parseCount(f[impressions]!)),
          spend_micros: cell(spend, parseMoneyMicros(f[spend]!)),
          currency,
          source_key: ctx.sourceKey,
        };
        for (const [col, i] of metrics) out[col] = cell(i, parseCount(f[i]!));
        const geo = region !== -1 ? region : country;
        if (geo !== -1) {
          out.region_name = f[geo]!.trim();
          const resolved = ctx.resolveRegion(out.region_name);
          if ('code' in resolved) out.region_code = resolved.code;
          else errs.push({ row, column: header[geo]!, reason: resolved.error });
        }
        return errs.length === before ? out : null;
      };
    }
  },
};

