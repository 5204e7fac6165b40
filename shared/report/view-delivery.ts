/**
 * Ad-delivery summary, display-ready. Reach is labelled by how it was measured: reach does not add up
 * over days, so a sum of daily reach is only an upper bound and must say so.
 */
import { formatDateRange, formatMoney, formatPercent, NOT_AVAILABLE } from './format.ts';
import { regionLabel } from './labels.ts';
import type { Delivery, Report } from './report-types.ts';
import { displayCount, protectGroup, suppressCount } from './suppress.ts';

/** One label/value line of the delivery summary. */
export interface DeliveryLine {
  label: string;
  value: string;
}

/** Delivery summary lines plus the per-region table. */
export interface DeliveryView {
  lines: DeliveryLine[];
  byRegion: { region: string; impressions: string; clicks: string; linkClicks: string; spend: string }[];
}

/** Reach in words: a period figure, an upper bound, or not available. */
export function reachText(reach: Delivery['reach']): string {
  if (reach.value === null || reach.kind === 'none') return 'not available';
  if (reach.kind === 'daily_sum_upper_bound')
    return `at most ${suppressCount(reach.value)} (sum of daily reach, an upper bound)`;
  return `${suppressCount(reach.value)} (people reached over the whole period)`;
}

/** Display-ready delivery summary. */
export function deliveryView(report: Report): DeliveryView {
  const d = report.delivery;
  const cur = d.currency || report.campaign.currency;
  const days = d.days.map((x) => x.date).sort();
  const first = days[0];
  const last = days[days.length - 1];
  const lines: DeliveryLine[] = [
    { label: 'Delivery dates', value: first && last ? formatDateRange(first, last) : NOT_AVAILABLE },
    { label: 'Impressions', value: suppressCount(d.impressions) },
    { label: 'Reach', value: reachText(d.reach) },
    { label: 'Clicks (all)', value: suppressCount(d.clicks) },
    { label: 'Link clicks', value: suppressCount(d.link_clicks) },
    { label: 'Spend', value: formatMoney(d.spend, cur) },
    { label: 'Click-through rate (CTR)', value: formatPercent(d.ctr, 2) },
    { label: 'Cost per 1,000 impressions (CPM)', value: formatMoney(d.cpm, cur) },
    { label: 'Cost per link click (CPC)', value: formatMoney(d.cpc, cur) },
  ];
  // No total row is shown next to the regions, so only the primary rule applies here.
  const col = (k: 'impressions' | 'clicks' | 'link_clicks') => protectGroup(d.byRegion.map((r) => r[k]), null).parts;
  const imp = col('impressions');
  const clk = col('clicks');
  const lnk = col('link_clicks');
  const byRegion = d.byRegion.map((r, i) => ({
    region: regionLabel(r.region),
    impressions: displayCount(r.impressions, imp[i] ?? 'shown'),
    clicks: displayCount(r.clicks, clk[i] ?? 'shown'),
    linkClicks: displayCount(r.link_clicks, lnk[i] ?? 'shown'),
    spend: formatMoney(r.spend, cur),
  }));
  return { lines, byRegion };
}
