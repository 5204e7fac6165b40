import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import { AD_DELIVERY, type Row } from '../lake/tables.ts';
import { AdCells, cellCountError, fileCurrency, setRegion } from './ad-cells.ts';
import type { CellRule, ColumnPlan } from './column-plan.ts';
import { META_HEADER_SETS, type MetaHeaderSet } from './meta-headers.ts';
import { findColumn, headerKey, type RowError, type SourceReader } from './reader.ts';

/** The interface language whose headers this export uses, if any. */
function headerSet(header: string[]): MetaHeaderSet | undefined {
  return META_HEADER_SETS.find((s) => {
    const has = (names: string[]): boolean => findColumn(header, ...names) !== -1;
    const spend = header.some((h) => s.spend.test(headerKey(h)));
    // A Day column alone is too common (Google has one too): it needs a Meta name or spend beside it.
    return has(s.starts) || (has(s.day) && (spend || has(s.campaign) || has(s.adSet)));
  });
}

/**
 * Meta Ads Manager CSV export in English, Spanish, French, Italian, Dutch or Portuguese: ad,
 * ad set or campaign level; daily (`Day`, or equal Reporting starts/ends) or period rows; with
 * Region, Country, Age, Gender or Placement breakdowns. Currency appears only in the spend
 * header (`Amount spent (GBP)`); a file without a spend column needs no currency.
 */
export const metaAdsCsv: SourceReader = {
  format: 'meta-ads-csv',
  description: 'Meta Ads Manager CSV export (Reporting starts, Reporting ends, Campaign name, Impressions, Amount spent (GBP), ...)',
  table: AD_DELIVERY,
  matches: (header) => headerSet(header) !== undefined,
  bind(header, ctx) {
    const s = headerSet(header) ?? META_HEADER_SETS[0]!;
    const errors: RowError[] = [];
    const col = (names: string[]): number => findColumn(header, ...names);
    const need = (names: string[]): number => {
      const i = col(names);
      if (i === -1) errors.push({ row: 1, column: names[0]!, reason: `required column "${names[0]}" is missing` });
      return i;
    };
    const day = col(s.day);
    const starts = day === -1 ? need(s.starts) : day;
    const ends = day === -1 ? need(s.ends) : day;
    // An ad-set-level export has no campaign column: the ad set (or else the ad) names the
    // campaign, since campaign_name is what the analysis matches ad campaigns on.
    const adSet = col(s.adSet);
    const ad = col(s.ad);
    const campaignCol = col(s.campaign);
    const campaign = campaignCol !== -1 ? campaignCol : adSet !== -1 ? adSet : ad !== -1 ? ad : need(s.campaign);
    const impressions = need(s.impressions);
    const named = header.findIndex((h) => s.spend.test(headerKey(h)));
    // "Amount spent" without a currency in brackets is still money: then the caller must say which.
    const bare = new RegExp(s.spend.source.replace(' \\(([a-z]{3})\\)', ''));
    const spend = named !== -1 ? named : header.findIndex((h) => bare.test(headerKey(h)));
    const fromHeader = named === -1 ? null : s.spend.exec(headerKey(header[named]!))![1]!.toUpperCase();
    const cur = fileCurrency(fromHeader, ctx, spend === -1 ? `Amount spent (currency)` : header[spend]!, 'no "Amount spent (GBP)"-style column names the currency', spend !== -1);
    if ('error' in cur) errors.push(cur.error);
    if (errors.length || 'error' in cur) return { errors };
    const currency = cur.currency;
    const metrics = (
      [
        ['reach', s.reach],
        ['clicks', s.clicks],
        ['link_clicks', s.linkClicks],
        ['results', s.results],
        ['video_views', s.videoViews],
        ['engagements', s.engagements],
      ] as const
    ).map(([name, names]) => [name, col(names)] as const).filter(([, i]) => i !== -1);
    const dims = { region: col(s.region), country: col(s.country), age: col(s.age), gender: col(s.gender), placement: col(s.placement) };
    const breakdown = Object.entries(dims).filter(([, i]) => i !== -1).map(([k]) => k).join(',');
    const geo = dims.region !== -1 ? dims.region : dims.country;
    const campaignId = col(s.campaignId);

    const cells = new AdCells(header, s.decimal);
    const text = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'text', cell: i });
    const count = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'count', cell: i });
    const plan: ColumnPlan = {
      table: AD_DELIVERY,
      columns: {
        platform: { kind: 'const', value: 'meta' },
        campaign_name: text(campaign),
        campaign_ref: text(campaignId),
        ad_set_name: text(adSet),
        ad_name: text(ad),
        region_code: geo === -1 ? { kind: 'const', value: UNKNOWN_REGION } : { kind: 'region-code', cell: geo },
        region_name: geo === -1 ? { kind: 'const', value: null } : { kind: 'region-name', cell: geo },
        breakdown: { kind: 'const', value: breakdown },
        age: text(dims.age),
        gender: text(dims.gender),
        segment: text(dims.placement),
        granularity: { kind: 'granularity' },
        date_start: { kind: 'date', cell: starts },
        date_end: { kind: 'date', cell: ends },
        impressions: count(impressions),
        reach: count(-1),
        clicks: count(-1),
        link_clicks: count(-1),
        spend_micros: spend === -1 ? { kind: 'const', value: null } : { kind: 'money', cell: spend, decimal: s.decimal },
        currency: { kind: 'const', value: currency },
        results: count(-1),
        video_views: count(-1),
        engagements: count(-1),
        source_key: { kind: 'const', value: ctx.sourceKey },
      },
      required: ['campaign_name'],
      ordered: [['date_start', 'date_end']],
    };
    for (const [name, i] of metrics) plan.columns[name] = count(i);
    return {
      plan,
      parse(f, row, errs) {
        const short = cellCountError(header, f, row);
        if (short) {
          errs.push(short);
          return null;
        }
        const before = errs.length;
        const c = cells.at(f, row, errs);
        const dateStart = c.date(starts);
        const dateEnd = ends === starts ? dateStart : c.date(ends);
        if (dateStart && dateEnd && dateEnd < dateStart) errs.push({ row, column: header[ends]!, reason: `ends (${dateEnd}) before it starts (${dateStart})` });
        const name = c.text(campaign);
        if (name === null) errs.push({ row, column: header[campaign]!, reason: 'campaign name is empty' });
        const out: Row = {
          platform: 'meta',
          campaign_name: name,
          campaign_ref: c.text(campaignId),
          ad_set_name: c.text(adSet),
          ad_name: c.text(ad),
          region_code: UNKNOWN_REGION,
          region_name: null,
          breakdown,
          age: c.text(dims.age),
          gender: c.text(dims.gender),
          segment: c.text(dims.placement),
          granularity: dateStart === dateEnd ? 'day' : 'period',
          date_start: dateStart,
          date_end: dateEnd,
          impressions: c.count(impressions),
          spend_micros: c.money(spend),
          currency,
          source_key: ctx.sourceKey,
        };
        for (const [name, i] of metrics) out[name] = c.count(i);
        if (geo !== -1) setRegion(out, f[geo]!, header[geo]!, row, errs, ctx);
        return errs.length === before ? out : null;
      },
    };
  },
};
