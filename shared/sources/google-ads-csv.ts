import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import { AD_DELIVERY, type Row } from '../lake/tables.ts';
import { AdCells, cellCountError, fileCurrency, parsePeriodOption, rowCurrency, setRegion } from './ad-cells.ts';
import { GOOGLE_HEADER_SETS, type GoogleHeaderSet } from './google-headers.ts';
import { parseReportPeriod } from './google-period.ts';
import { checkTotalRow, type TotalCheck } from './google-totals.ts';
import { googlePlan } from './plans/google-ads-csv.ts';
import { findColumn, SKIP_ROW, type RowError, type SourceReader } from './reader.ts';

function headerSet(header: string[]): GoogleHeaderSet | undefined {
  return GOOGLE_HEADER_SETS.find(
    (s) => findColumn(header, ...s.campaign) !== -1 && findColumn(header, ...s.impressions) !== -1 && findColumn(header, ...s.cost) !== -1,
  );
}

/** Where a report without a Day column says which dates it covers. */
function reportPeriod(preamble: string[], given: string | undefined): { start: string; end: string } | { error: RowError } {
  const stated = preamble.map(parseReportPeriod).find((p) => p !== undefined);
  const option = given === undefined ? undefined : parsePeriodOption(given);
  if (option && 'error' in option) return { error: { row: 1, column: '(options)', reason: option.error } };
  if (stated && option && (stated.start !== option.start || stated.end !== option.end))
    return { error: { row: 2, column: '(report period)', reason: `the report covers ${stated.start}..${stated.end} but the period passed is ${given}` } };
  const period = stated ?? option;
  if (period) return period;
  const line = preamble[1] ?? preamble[0] ?? '';
  return {
    error: {
      row: Math.min(preamble.length, 2) || 1,
      column: '(report period)',
      reason:
        `the report has no Day column and its date line "${line.trim()}" states no dates: export it again with a date range ` +
        `(e.g. 1 Jan 2024 - 31 Jan 2024), or pass the dates it covers (campaign ingest --period 2024-01-01..2024-01-31)`,
    },
  };
}

/**
 * Google Ads UI reports (campaign, keyword, location / user-location), English or Dutch
 * interface, UTF-8 CSV or UTF-16LE TSV (decoding is sniffed before parsing). The two title
 * lines before the header give the period when there is no Day column. `Total: ...` rows are
 * skipped, and the first one (the rows' own total) must equal the sum of the rows.
 * Clicks count as both clicks and link clicks (a Google click is a click through to the
 * site); Interactions count as engagements.
 */
export const googleAdsCsv: SourceReader = {
  format: 'google-ads-csv',
  description: 'Google Ads UI report (Campaign, Impr., Clicks, Cost, Currency code, ...; 2 title lines, Total rows)',
  table: AD_DELIVERY,
  preamble: true,
  matches: (header) => headerSet(header) !== undefined,
  bind(header, ctx, preamble = []) {
    const s = headerSet(header) ?? GOOGLE_HEADER_SETS[0]!;
    const errors: RowError[] = [];
    const col = (names: string[]): number => findColumn(header, ...names);
    const need = (names: string[]): number => {
      const i = col(names);
      if (i === -1) errors.push({ row: preamble.length + 1, column: names[0]!, reason: `required column "${names[0]}" is missing` });
      return i;
    };
    const campaign = need(s.campaign);
    const impressions = need(s.impressions);
    const cost = need(s.cost);
    const day = col(s.day);
    const period = day === -1 ? reportPeriod(preamble, ctx.period) : undefined;
    if (period && 'error' in period) errors.push(period.error);
    const currencyCol = col(s.currency);
    const fixed = currencyCol === -1 ? fileCurrency(null, ctx, s.currency[0]!, `no "${s.currency[0]}" column`) : undefined;
    if (fixed && 'error' in fixed) errors.push(fixed.error);
    if (errors.length) return { errors };
    const clicks = col(s.clicks);
    const interactions = col(s.interactions);
    const videoViews = col(s.videoViews);
    const adGroup = col(s.adGroup);
    const keyword = col(s.keyword);
    const location = col(s.location);
    const parts = s.locationParts.map(col).filter((i) => i !== -1);
    const breakdown = [location !== -1 || parts.length ? 'region' : '', keyword !== -1 ? 'keyword' : ''].filter(Boolean).join(',');
    const dates = period && !('error' in period) ? period : undefined;
    const check: TotalCheck = { header, decimal: s.decimal, columns: { impressions, clicks, spend_micros: cost }, sums: {}, clean: true };

    const cells = new AdCells(header, s.decimal);
    const currency = fixed && 'currency' in fixed ? fixed.currency : undefined;
    const campaignId = col(s.campaignId);
    const plan = dates
      ? undefined
      : googlePlan({ header, set: s, day, campaign, campaignId, adGroup, keyword, impressions, clicks, interactions, videoViews, cost, currencyCol, currency, location, parts, breakdown, sourceKey: ctx.sourceKey });
    return {
      ...(plan ? { plan } : {}),
      parse(f, row, errs) {
        if (s.total.test((f[0] ?? '').trim())) {
          check.total ??= { row, cells: f };
          return SKIP_ROW;
        }
        const short = cellCountError(header, f, row);
        if (short) {
          errs.push(short);
          check.clean = false;
          return null;
        }
        const before = errs.length;
        const c = cells.at(f, row, errs);
        const date = dates ? null : c.date(day);
        const name = c.text(campaign);
        if (name === null) errs.push({ row, column: header[campaign]!, reason: 'campaign name is empty' });
        const currency = rowCurrency(fixed, f, header, currencyCol, ctx, row, errs);
        const clickCount = c.count(clicks);
        const out: Row = {
          platform: 'google',
          campaign_name: name,
          campaign_ref: c.text(col(s.campaignId)),
          ad_set_name: c.text(adGroup),
          ad_name: null,
          region_code: UNKNOWN_REGION,
          region_name: null,
          breakdown,
          age: null,
          gender: null,
          segment: c.text(keyword),
          granularity: dates && dates.start !== dates.end ? 'period' : 'day',
          date_start: dates?.start ?? date,
          date_end: dates?.end ?? date,
          impressions: c.count(impressions),
          clicks: clickCount,
          link_clicks: clickCount,
          engagements: c.count(interactions),
          video_views: c.count(videoViews),
          spend_micros: c.money(cost),
          currency,
          source_key: ctx.sourceKey,
        };
        if (location !== -1) setRegion(out, f[location]!, header[location]!, row, errs, ctx);
        else if (parts.length) {
          const text = parts.map((i) => (f[i] ?? '').trim()).filter((t) => t && t !== '--').join(', ');
          setRegion(out, text, header[parts[0]!]!, row, errs, ctx);
        }
        if (errs.length !== before) {
          check.clean = false;
          return null;
        }
        for (const [key, i] of Object.entries(check.columns)) if (i !== -1) check.sums[key] = (check.sums[key] ?? 0) + ((out[key] as number | null) ?? 0);
        return out;
      },
      finish: () => checkTotalRow(check),
    };
  },
};
