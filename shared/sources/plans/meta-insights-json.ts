/**
 * The column plan of a bound Meta insights JSON response (meta-insights-json.ts), for the DuckDB
 * fast path: the same fields and rules as its parser. A record's cells are the header's fields
 * (`actions:<type>` is that action's value, a missing one 0), then one more: the campaign name as
 * the parser picks it (campaign_name, else adset_name, ad_name, campaign_id, else the file's name).
 */
import { UNKNOWN_REGION } from '../../geo/region-resolver.ts';
import { AD_DELIVERY } from '../../lake/tables.ts';
import type { CellRule, ColumnPlan, JsonCell } from '../column-plan.ts';

export interface MetaJsonBinding {
  header: string[];
  /** The fields naming the campaign, in the parser's order of preference (those in the header). */
  names: string[];
  fallbackName: string;
  /** The caller's (or no) currency when there is no account_currency field. */
  currency: string | undefined;
  breakdown: string;
  geo: number;
  /** The action_type of each lake column the parser fills from actions[]. */
  actions: Record<string, string>;
  sourceKey: string;
}

/** Every whitespace character JavaScript's trim() removes but the line feed (the fast path's screen lets none through). */
const JS_SPACE_BUT_LF = '[\\t\\x0b\\x0c\\r\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]';

export function metaJsonPlan(b: MetaJsonBinding): ColumnPlan {
  const col = (name: string) => b.header.indexOf(name);
  const text = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'text', cell: i });
  const count = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'count', cell: i });
  const jsonCells: JsonCell[] = b.header.map((h) => (h.startsWith('actions:') ? { action: h.slice('actions:'.length) } : { field: h }));
  // The file's name is stored as it is, untrimmed: the SQL trims each name, so only a name trim() leaves alone is taken.
  const fallback = b.fallbackName !== '' && b.fallbackName.trim() === b.fallbackName ? b.fallbackName : null;
  const campaign = jsonCells.push({ firstOf: b.names, otherwise: fallback }) - 1;
  const action = (name: string) => {
    const type = Object.entries(b.actions).find(([, n]) => n === name)?.[0];
    return type === undefined ? -1 : col(`actions:${type}`);
  };
  const links = action('link_clicks');
  const spend = col('spend');
  const geo = b.geo;
  const plan: ColumnPlan = {
    table: AD_DELIVERY,
    columns: {
      platform: { kind: 'const', value: 'meta' },
      campaign_name: { kind: 'text', cell: campaign },
      campaign_ref: text(col('campaign_id')),
      ad_set_name: text(col('adset_name')),
      ad_name: text(col('ad_name')),
      region_code: geo === -1 ? { kind: 'const', value: UNKNOWN_REGION } : { kind: 'region-code', cell: geo },
      region_name: geo === -1 ? { kind: 'const', value: null } : { kind: 'region-name', cell: geo },
      breakdown: { kind: 'const', value: b.breakdown },
      age: text(col('age')),
      gender: text(col('gender')),
      segment: { kind: 'const', value: null },
      granularity: { kind: 'granularity' },
      date_start: { kind: 'date', cell: col('date_start') },
      date_end: { kind: 'date', cell: col('date_stop') },
      impressions: count(col('impressions')),
      reach: count(col('reach')),
      clicks: count(col('clicks')),
      // Without link_click actions, inline_link_clicks is the same count.
      link_clicks: count(links !== -1 ? links : col('inline_link_clicks')),
      spend_micros: spend === -1 ? { kind: 'const', value: null } : { kind: 'money', cell: spend, decimal: '.' },
      currency: b.currency !== undefined ? { kind: 'const', value: b.currency } : { kind: 'currency', cell: col('account_currency') },
      results: { kind: 'const', value: null },
      video_views: count(action('video_views')),
      engagements: count(action('engagements')),
      source_key: { kind: 'const', value: b.sourceKey },
    },
    required: ['campaign_name'],
    ordered: [['date_start', 'date_end']],
    // The SQL trims text with spaces only: a text field holding any other whitespace goes to the parser.
    leave: [{ cells: ['campaign_name', 'adset_name', 'ad_name', 'campaign_id', 'region', 'country', 'age', 'gender'].map(col).filter((i) => i !== -1), pattern: JS_SPACE_BUT_LF }],
    jsonCells,
  };
  return plan;
}
