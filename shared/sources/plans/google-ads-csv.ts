/**
 * The column plan of a bound Google Ads report (google-ads-csv.ts), for the DuckDB fast path: the
 * same cells and rules as its parser. Only a report with a Day column has one (a report dated by
 * its title line or --period is left to the parser); its `Total: ...` rows are skipped, and the
 * parser's check of the first against the rows' sums is the plan's summary check.
 */
import { UNKNOWN_REGION } from '../../geo/region-resolver.ts';
import { AD_DELIVERY } from '../../lake/tables.ts';
import type { CellRule, ColumnPlan } from '../column-plan.ts';
import { checkTotalRow } from '../google-totals.ts';
import type { GoogleHeaderSet } from '../google-headers.ts';

export interface GoogleCells {
  header: string[];
  set: GoogleHeaderSet;
  day: number;
  campaign: number;
  campaignId: number;
  adGroup: number;
  keyword: number;
  impressions: number;
  clicks: number;
  interactions: number;
  videoViews: number;
  cost: number;
  /** -1 when the caller's currency applies to every row (then `currency` is it). */
  currencyCol: number;
  currency: string | undefined;
  /** One place column, or the user-location parts (most specific first). */
  location: number;
  parts: number[];
  breakdown: string;
  sourceKey: string;
}

export function googlePlan(c: GoogleCells): ColumnPlan | undefined {
  if (c.day === -1 || (c.currencyCol === -1 && c.currency === undefined)) return undefined;
  // The total's word as a plain word the SQL can match (`total`, `totaal`), else no plan.
  const word = /^\^(\w+)\\s\*:$/.exec(c.set.total.source)?.[1];
  if (!word || !c.set.total.ignoreCase) return undefined;
  const text = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'text', cell: i });
  const count = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'count', cell: i });
  const geo = c.location !== -1 ? { cell: c.location } : c.parts.length ? { cell: c.parts[0]!, parts: c.parts.slice(1) } : undefined;
  const columns = { impressions: c.impressions, clicks: c.clicks, spend_micros: c.cost };
  return {
    table: AD_DELIVERY,
    columns: {
      platform: { kind: 'const', value: 'google' },
      campaign_name: text(c.campaign),
      campaign_ref: text(c.campaignId),
      ad_set_name: text(c.adGroup),
      ad_name: { kind: 'const', value: null },
      region_code: geo ? { kind: 'region-code', ...geo } : { kind: 'const', value: UNKNOWN_REGION },
      region_name: geo ? { kind: 'region-name', ...geo } : { kind: 'const', value: null },
      breakdown: { kind: 'const', value: c.breakdown },
      age: { kind: 'const', value: null },
      gender: { kind: 'const', value: null },
      segment: text(c.keyword),
      granularity: { kind: 'granularity' },
      date_start: { kind: 'date', cell: c.day },
      date_end: { kind: 'date', cell: c.day },
      impressions: count(c.impressions),
      reach: count(-1),
      clicks: count(c.clicks),
      link_clicks: count(c.clicks),
      spend_micros: { kind: 'money', cell: c.cost, decimal: c.set.decimal },
      currency: c.currencyCol === -1 ? { kind: 'const', value: c.currency! } : { kind: 'currency', cell: c.currencyCol },
      results: count(-1),
      video_views: count(c.videoViews),
      engagements: count(c.interactions),
      source_key: { kind: 'const', value: c.sourceKey },
    },
    required: ['campaign_name'],
    ordered: [],
    skip: { cell: 0, word: word.toLowerCase(), colon: true },
    summary: (cells, sums) => checkTotalRow({ header: c.header, decimal: c.set.decimal, columns, sums, clean: true, total: { row: 0, cells } }),
  };
}
