import { rateBetween, type ExchangeRates } from '../domain/currency.ts';
import type { Delivery } from '../report/report-types.ts';

/** A row of delivery_by_day_region.sql: one per day, region and currency. */
export interface DeliveryRow {
  day: string;
  region: string;
  currency: string;
  impressions: number;
  clicks: number;
  link_clicks: number;
  spend_micros: number;
}

/**
 * Delivery in the campaign's currency. Spend in another currency is converted at the user's rate
 * (config/exchange-rates.json); without one, spend and the rates built on it are left out and the
 * note says why: currencies are never added together as they are.
 */
export function buildDelivery(
  currency: string,
  rows: DeliveryRow[],
  reach: Delivery['reach'],
  rates: ExchangeRates,
): { delivery: Delivery; currencyNote?: string } {
  const foreign = [...new Set(rows.map((r) => r.currency))].filter((c) => c !== currency).sort();
  const missing = foreign.filter((c) => rateBetween(rates, c, currency) === undefined);
  // Spend in micros of the campaign currency (exact integers when no conversion); null without a rate.
  const microsOf = (r: DeliveryRow): number | null => {
    const rate = rateBetween(rates, r.currency, currency);
    return rate === undefined ? null : Number(r.spend_micros) * rate;
  };
  const group = (key: (r: DeliveryRow) => string) => {
    const out = new Map<string, { impressions: number; clicks: number; link_clicks: number; micros: number | null }>();
    for (const r of rows) {
      const g = out.get(key(r)) ?? { impressions: 0, clicks: 0, link_clicks: 0, micros: 0 };
      g.impressions += Number(r.impressions);
      g.clicks += Number(r.clicks);
      g.link_clicks += Number(r.link_clicks);
      const m = microsOf(r);
      g.micros = g.micros === null || m === null ? null : g.micros + m;
      out.set(key(r), g);
    }
    // Micros are summed first and turned into currency units once, so no float error accumulates.
    return [...out].map(([k, { micros, ...g }]) => [k, { ...g, spend: micros === null ? null : Math.round(micros) / 1_000_000 }] as const);
  };
  const dayRows = group((r) => String(r.day)).map(([date, g]) => ({ date, ...g, spend: g.spend ?? 0 }));
  const impressions = dayRows.reduce((s, d) => s + d.impressions, 0);
  const link = dayRows.reduce((s, d) => s + d.link_clicks, 0);
  // Same-currency spend is summed in exact micros and converted to units once.
  const spend = missing.length > 0 ? null : Math.round(rows.reduce((s, d) => s + microsOf(d)!, 0)) / 1_000_000;
  const delivery: Delivery = {
    impressions,
    clicks: dayRows.reduce((s, d) => s + d.clicks, 0),
    link_clicks: link,
    spend,
    currency,
    reach,
    ctr: impressions > 0 ? (100 * link) / impressions : null,
    cpm: spend !== null && impressions > 0 ? (1000 * spend) / impressions : null,
    cpc: spend !== null && link > 0 ? spend / link : null,
    days: dayRows,
    byRegion: group((r) => String(r.region))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, g]) => ({ region, ...g })),
  };
  const currencyNote =
    missing.length > 0
      ? `Some ad spend was exported in ${missing.join(', ')}, not ${currency}, and no exchange rate was given: spend, CPM and CPC are not shown. Add a rate to config/exchange-rates.json, e.g. { "${missing[0]}/${currency}": 0.86 }.`
      : foreign.length > 0
        ? `Spend exported in ${foreign.join(', ')} was converted to ${currency} at ${foreign.map((f) => `${rateBetween(rates, f, currency)!.toPrecision(4)} ${currency} per ${f}`).join(', ')} (config/exchange-rates.json).`
        : undefined;
  return { delivery, ...(currencyNote ? { currencyNote } : {}) };
}
