import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import { AD_DELIVERY, type Row } from '../lake/tables.ts';
import { AdCells, cellCountError, fileCurrency, parsePeriodOption, rowCurrency, setRegion } from './ad-cells.ts';
import { tiktokPlan } from './plans/tiktok-ads-csv.ts';
import { findColumn, SKIP_ROW, type RowError, type SourceReader } from './reader.ts';

const H = {
  day: ['By Day', 'Date', 'Day', 'Stat time'],
  campaign: ['Campaign name'],
  campaignId: ['Campaign ID'],
  adGroup: ['Ad group name'],
  ad: ['Ad name'],
  cost: ['Cost', 'Total cost'],
  impressions: ['Impressions'],
  reach: ['Reach'],
  clicks: ['Clicks (all)'],
  linkClicks: ['Clicks (destination)', 'Clicks'],
  results: ['Results', 'Conversions'],
  videoViews: ['Video views', 'Video views at 100%'],
  engagements: ['Paid engagements', 'Engagements'],
  currency: ['Currency'],
  subregion: ['Subregion', 'Province', 'Region'],
  country: ['Country/Region', 'Country'],
  age: ['Age'],
  gender: ['Gender'],
} as const;

const col = (header: string[], names: readonly string[]): number => findColumn(header, ...names);

/**
 * TikTok Ads Manager custom-report export (`By Day`, `Campaign name`, `Ad group name`, `Cost`,
 * `Impressions`, `Clicks (destination)`, `Subregion`, `Currency`, ...). Written from TikTok's
 * column names without a real file at hand: see README.md. A `Total ...` summary row is skipped.
 */
export const tiktokAdsCsv: SourceReader = {
  format: 'tiktok-ads-csv',
  description: 'TikTok Ads Manager export (By Day, Campaign name, Ad group name, Cost, Impressions, Clicks (destination), Currency, ...)',
  table: AD_DELIVERY,
  matches: (header) =>
    col(header, H.cost) !== -1 &&
    col(header, H.impressions) !== -1 &&
    [H.day, H.adGroup, ['Clicks (destination)'], H.campaign].some((names) => col(header, names) !== -1),
  bind(header, ctx) {
    const errors: RowError[] = [];
    const need = (names: readonly string[]): number => {
      const i = col(header, names);
      if (i === -1) errors.push({ row: 1, column: names[0]!, reason: `required column "${names[0]}" is missing` });
      return i;
    };
    const adGroup = col(header, H.adGroup);
    const ad = col(header, H.ad);
    // As for Meta: without a campaign column the ad group (or ad) names the campaign.
    const campaignCol = col(header, H.campaign);
    const campaign = campaignCol !== -1 ? campaignCol : adGroup !== -1 ? adGroup : ad !== -1 ? ad : need(H.campaign);
    const impressions = need(H.impressions);
    const cost = need(H.cost);
    const day = col(header, H.day);
    const period = day === -1 ? (ctx.period ? parsePeriodOption(ctx.period) : { error: 'no By Day column' }) : undefined;
    if (period && 'error' in period)
      errors.push({ row: 1, column: H.day[0], reason: `${period.error}: export with the "By Day" breakdown, or pass the dates the file covers (campaign ingest --period 2024-01-01..2024-01-31)` });
    const currencyCol = col(header, H.currency);
    const fixed = currencyCol === -1 ? fileCurrency(null, ctx, H.currency[0], 'no "Currency" column') : undefined;
    if (fixed && 'error' in fixed) errors.push(fixed.error);
    if (errors.length) return { errors };
    const dims = { region: col(header, H.subregion), country: col(header, H.country), age: col(header, H.age), gender: col(header, H.gender) };
    const breakdown = Object.entries(dims).filter(([, i]) => i !== -1).map(([k]) => (k === 'country' && dims.region !== -1 ? '' : k)).filter(Boolean).join(',');
    const dates = period && !('error' in period) ? period : undefined;
    const metrics = (['reach', 'clicks', 'linkClicks', 'results', 'videoViews', 'engagements'] as const).map(
      (k) => [{ linkClicks: 'link_clicks', videoViews: 'video_views' }[k as string] ?? k, col(header, H[k])] as const,
    );

    const cells = new AdCells(header);
    const campaignId = col(header, H.campaignId);
    const currency = fixed && 'currency' in fixed ? fixed.currency : undefined;
    const plan = dates ? undefined : tiktokPlan({ day, campaign, campaignId, adGroup, ad, impressions, cost, currencyCol, currency, dims, breakdown, metrics, sourceKey: ctx.sourceKey });
    return {
      ...(plan ? { plan } : {}),
      parse(f, row, errs) {
        if (/^total\b/i.test((f[0] ?? '').trim())) return SKIP_ROW;
        const short = cellCountError(header, f, row);
        if (short) {
          errs.push(short);
          return null;
        }
        const before = errs.length;
        const c = cells.at(f, row, errs);
        const date = dates ? null : c.date(day);
        const name = c.text(campaign);
        if (name === null) errs.push({ row, column: header[campaign]!, reason: 'campaign name is empty' });
        const currency = rowCurrency(fixed, f, header, currencyCol, ctx, row, errs);
        const out: Row = {
          platform: 'tiktok',
          campaign_name: name,
          campaign_ref: c.text(campaignId),
          ad_set_name: c.text(adGroup),
          ad_name: c.text(ad),
          region_code: UNKNOWN_REGION,
          region_name: null,
          breakdown,
          age: c.text(dims.age),
          gender: c.text(dims.gender),
          granularity: dates && dates.start !== dates.end ? 'period' : 'day',
          date_start: dates?.start ?? date,
          date_end: dates?.end ?? date,
          impressions: c.count(impressions),
          spend_micros: c.money(cost),
          currency,
          source_key: ctx.sourceKey,
        };
        for (const [name, i] of metrics) if (i !== -1) out[name] = c.count(i);
        // "Subregion" alone can be ambiguous ("Georgia"): the country column, when present, decides.
        if (dims.region !== -1) {
          const where = [f[dims.region] ?? '', dims.country === -1 ? '' : (f[dims.country] ?? '')].map((t) => t.trim()).filter(Boolean).join(', ');
          setRegion(out, where, header[dims.region]!, row, errs, ctx);
        } else if (dims.country !== -1) setRegion(out, f[dims.country]!, header[dims.country]!, row, errs, ctx);
        return errs.length === before ? out : null;
      },
    };
  },
};
