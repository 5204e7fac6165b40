/**
 * The column plan of a bound TikTok export (tiktok-ads-csv.ts), for the DuckDB fast path: the
 * same cells and rules as its parser. Only a By Day export has one: a file dated by --period
 * is left to the parser.
 */
import { UNKNOWN_REGION } from '../../geo/region-resolver.ts';
import { AD_DELIVERY } from '../../lake/tables.ts';
import type { CellRule, ColumnPlan } from '../column-plan.ts';

export interface TiktokCells {
  day: number;
  campaign: number;
  campaignId: number;
  adGroup: number;
  ad: number;
  impressions: number;
  cost: number;
  /** -1 when the caller's currency applies to every row (then `currency` is it). */
  currencyCol: number;
  currency: string | undefined;
  dims: { region: number; country: number; age: number; gender: number };
  breakdown: string;
  metrics: (readonly [string, number])[];
  sourceKey: string;
}

export function tiktokPlan(c: TiktokCells): ColumnPlan | undefined {
  if (c.day === -1 || (c.currencyCol === -1 && c.currency === undefined)) return undefined;
  const text = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'text', cell: i });
  const count = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'count', cell: i });
  const { region, country } = c.dims;
  // "Subregion, Country" when both are there, as the parser hands them to the resolver.
  const geo = region !== -1 ? { cell: region, ...(country !== -1 ? { within: country } : {}) } : country !== -1 ? { cell: country } : undefined;
  const plan: ColumnPlan = {
    table: AD_DELIVERY,
    columns: {
      platform: { kind: 'const', value: 'tiktok' },
      campaign_name: text(c.campaign),
      campaign_ref: text(c.campaignId),
      ad_set_name: text(c.adGroup),
      ad_name: text(c.ad),
      region_code: geo ? { kind: 'region-code', ...geo } : { kind: 'const', value: UNKNOWN_REGION },
      region_name: geo ? { kind: 'region-name', ...geo } : { kind: 'const', value: null },
      breakdown: { kind: 'const', value: c.breakdown },
      age: text(c.dims.age),
      gender: text(c.dims.gender),
      segment: { kind: 'const', value: null },
      granularity: { kind: 'granularity' },
      date_start: { kind: 'date', cell: c.day },
      date_end: { kind: 'date', cell: c.day },
      impressions: count(c.impressions),
      reach: count(-1),
      clicks: count(-1),
      link_clicks: count(-1),
      spend_micros: { kind: 'money', cell: c.cost, decimal: '.' },
      currency: c.currencyCol === -1 ? { kind: 'const', value: c.currency! } : { kind: 'currency', cell: c.currencyCol },
      results: count(-1),
      video_views: count(-1),
      engagements: count(-1),
      source_key: { kind: 'const', value: c.sourceKey },
    },
    required: ['campaign_name'],
    ordered: [],
    skip: { cell: 0, word: 'total' },
  };
  for (const [name, i] of c.metrics) if (i !== -1) plan.columns[name] = count(i);
  return plan;
}
