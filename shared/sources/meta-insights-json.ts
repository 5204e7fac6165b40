import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import { AD_DELIVERY, type Row } from '../lake/tables.ts';
import { AdCells, fileCurrency, setRegion } from './ad-cells.ts';
import { findColumn, type RowError, type SourceReader } from './reader.ts';
import { currencyCode } from './values.ts';
import { metaJsonPlan } from './plans/meta-insights-json.ts';

/** `actions[]` entries kept, by action_type: the lake column each one fills. */
export const ACTIONS: Record<string, string> = {
  link_click: 'link_clicks',
  post_engagement: 'engagements',
  video_view: 'video_views',
};

/** Every field bind reads (besides actions[]): the fast path reads these and no other. */
export const META_JSON_FIELDS = [
  'date_start', 'date_stop', 'impressions', 'account_currency', 'spend', 'campaign_name', 'adset_name', 'ad_name', 'campaign_id',
  'region', 'country', 'age', 'gender', 'inline_link_clicks', 'reach', 'clicks',
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Flatten one insights object into cells: scalar fields as they are (the API sends numbers as
 * strings), and each `actions[]` entry as `actions:<action_type>`. A field missing from an
 * object (zero-delivery days omit `ctr`, `spend`, `actions`) becomes an empty cell, i.e. null.
 */
function cells(item: unknown): Map<string, string> | null {
  if (!isRecord(item)) return null;
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string' || typeof value === 'number') out.set(key, String(value));
    else if (key === 'actions' && Array.isArray(value))
      for (const a of value) if (isRecord(a) && typeof a.action_type === 'string') out.set(`actions:${a.action_type}`, String(a.value ?? ''));
  }
  return out;
}

/**
 * Meta Marketing API insights response saved as JSON (`{"data": [...], "paging": {...}}`), at
 * campaign, ad set or ad level, with optional `region`/`country`/`age`/`gender` breakdowns.
 * Row n in errors is `data[n-1]`. Every page of a paged response is a valid file on its own.
 * `account_currency` is only there when it was requested: without it, a response with `spend`
 * needs the caller's currency (one without spend needs none). The campaign is `campaign_name`,
 * else `adset_name`, `ad_name`, `campaign_id`, else
 * the file's name: tools that save insights name the file after the object they fetched
 * (e.g. `facebook_ad_insights_<campaign id>_<date>.json`), and a row needs a campaign.
 */
export const metaInsightsJson: SourceReader = {
  format: 'meta-insights-json',
  description: 'Meta Marketing API insights JSON (data[] with date_start, date_stop, impressions, spend, actions[], ...)',
  table: AD_DELIVERY,
  json: { cells, marks: (item) => isRecord(item) && 'date_start' in item },
  matches: (header) => header.length === 0 || findColumn(header, 'date_start') !== -1,
  bind(header, ctx) {
    const errors: RowError[] = [];
    const col = (name: string): number => header.indexOf(name);
    if (header.length === 0) return { errors: [{ row: 1, column: 'data', reason: 'data[] is empty: the response has no rows' }] };
    for (const name of ['date_start', 'date_stop', 'impressions'])
      if (col(name) === -1) errors.push({ row: 1, column: name, reason: `required field "${name}" is missing from every row` });
    const currencyCol = col('account_currency');
    // Only a response with spend needs a currency (the API's own example has none).
    const fixed = currencyCol === -1 ? fileCurrency(null, ctx, 'account_currency', 'no account_currency field (request it with fields=account_currency)', col('spend') !== -1) : undefined;
    if (fixed && 'error' in fixed) errors.push(fixed.error);
    if (errors.length) return { errors };
    const names = ['campaign_name', 'adset_name', 'ad_name', 'campaign_id'].map(col).filter((i) => i !== -1);
    // raw/ keys made by ingestFile start with a 16-hex content hash: not part of the name.
    const fallbackName = (ctx.fileName ?? ctx.sourceKey).replace(/^.*\//, '').replace(/^[0-9a-f]{16}-/, '').replace(/\.json$/i, '');
    const dims = { region: col('region'), country: col('country'), age: col('age'), gender: col('gender') };
    const breakdown = Object.entries(dims).filter(([, i]) => i !== -1).map(([k]) => k).join(',');
    const geo = dims.region !== -1 ? dims.region : dims.country;
    const inlineLinks = col('inline_link_clicks');
    const metrics: [string, number][] = [
      ['reach', col('reach')],
      ['clicks', col('clicks')],
      ...Object.entries(ACTIONS).map(([type, name]) => [name, col(`actions:${type}`)] as [string, number]),
    ];

    const cells = new AdCells(header);
    const plan = metaJsonPlan({
      header,
      names: names.map((i) => header[i]!),
      fallbackName,
      currency: fixed && 'currency' in fixed ? fixed.currency : undefined,
      breakdown,
      geo,
      actions: ACTIONS,
      sourceKey: ctx.sourceKey,
    });
    return {
      plan,
      parse(f, row, errs) {
        const before = errs.length;
        const c = cells.at(f, row, errs);
        const start = c.date(col('date_start'));
        const end = c.date(col('date_stop'));
        if (start && end && end < start) errs.push({ row, column: 'date_stop', reason: `ends (${end}) before it starts (${start})` });
        let currency = fixed && 'currency' in fixed ? fixed.currency : null;
        if (currency === null) {
          const stated = fileCurrency(currencyCode(f[currencyCol]), ctx, 'account_currency', 'account_currency is empty or not a currency code');
          if ('error' in stated) errs.push({ ...stated.error, row });
          else currency = stated.currency;
        }
        const out: Row = {
          platform: 'meta',
          campaign_name: names.map((i) => c.text(i)).find((n) => n !== null) ?? fallbackName,
          campaign_ref: c.text(col('campaign_id')),
          ad_set_name: c.text(col('adset_name')),
          ad_name: c.text(col('ad_name')),
          region_code: UNKNOWN_REGION,
          region_name: null,
          breakdown,
          age: c.text(dims.age),
          gender: c.text(dims.gender),
          granularity: start === end ? 'day' : 'period',
          date_start: start,
          date_end: end,
          impressions: c.count(col('impressions')),
          spend_micros: c.money(col('spend')),
          currency,
          source_key: ctx.sourceKey,
        };
        for (const [name, i] of metrics) out[name] = c.count(i);
        // The API leaves out actions that did not happen that day: a missing one is 0, not unknown.
        for (const [type, name] of Object.entries(ACTIONS)) if (col(`actions:${type}`) !== -1 && out[name] === null) out[name] = 0;
        // Without link_click actions, inline_link_clicks is the same count.
        if (out.link_clicks === null && inlineLinks !== -1) out.link_clicks = c.count(inlineLinks);
        if (geo !== -1) setRegion(out, f[geo]!, header[geo]!, row, errs, ctx);
        return errs.length === before ? out : null;
      },
    };
  },
};
