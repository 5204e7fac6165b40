/**
 * Ad-delivery summary, display-ready: per platform, then combined. A metric a platform did not
 * export reads "not in the export", never 0. Reach is labelled by how it was measured: it does not
 * add up over days or across platforms, so such sums are upper bounds and say so.
 */
import { formatDate, formatDateRange, formatMoney, formatPercent, NOT_AVAILABLE } from './format.ts';
import { metricLabel, regionLabel } from './labels.ts';
import type { Delivery, DeliveryReach, PlatformDelivery, Report } from './report-types.ts';
import { displayCount, protectGroup, suppressCount } from './suppress.ts';

/** Shown for a metric the export did not contain. */
export const NOT_EXPORTED = 'not in the export';

const PLATFORM: Record<string, string> = { meta: 'Meta', google: 'Google', tiktok: 'TikTok' };
export const platformLabel = (p: string): string => PLATFORM[p] ?? p;

/** One label/value line of the delivery summary. */
export interface DeliveryLine {
  label: string;
  value: string;
}

/** One row of the per-platform table. */
export interface PlatformRowView {
  platform: string;
  rows: string;
  impressions: string;
  reach: string;
  clicks: string;
  linkClicks: string;
  spend: string;
  ctr: string;
  dataUpTo: string;
  /** What each export contained and whether it was used, in words. */
  exports: string[];
}

/** Delivery summary lines plus the per-platform and per-region tables. */
export interface DeliveryView {
  lines: DeliveryLine[];
  platforms: PlatformRowView[];
  byRegion: { region: string; impressions: string; clicks: string; linkClicks: string; spend: string }[];
  /** Which platforms the table by region includes, when not all of them. */
  byRegionNote?: string;
}

/** Reach in words: a period figure, an upper bound, or not available. */
export function reachText(reach: DeliveryReach): string {
  if (reach.value === null || reach.kind === 'none') return NOT_EXPORTED;
  if (reach.kind === 'daily_sum_upper_bound') return `at most ${suppressCount(reach.value)} (sum of daily reach, an upper bound)`;
  if (reach.kind === 'platforms_sum_upper_bound')
    return `at most ${suppressCount(reach.value)} (${(reach.platforms ?? []).map(platformLabel).join(' + ')} added: an upper bound, people may have seen both)`;
  return `${suppressCount(reach.value)} (people reached over the whole period)`;
}

/** " (Meta only)" when a combined figure does not include every platform with delivery. */
function only(d: Delivery, metric: string): string {
  const ps = d.platformsOf?.[metric];
  const all = (d.platforms ?? []).filter((p) => p.totalsFrom !== null);
  if (!ps || ps.length === 0 || ps.length >= all.length) return '';
  return ` (${ps.map(platformLabel).join(' and ')} only)`;
}

const count = (n: number | null | undefined): string => (n === null || n === undefined ? NOT_EXPORTED : suppressCount(n));
const money = (n: number | null, cur: string, exported: boolean): string => (exported ? formatMoney(n, cur) : NOT_EXPORTED);

function platformRow(p: PlatformDelivery, cur: string): PlatformRowView {
  const spendExported = p.exports.some((e) => e.use !== 'not_used' && e.metrics.includes('spend'));
  return {
    platform: platformLabel(p.platform),
    rows: p.totalsFrom ?? 'none match the campaign',
    impressions: count(p.impressions),
    reach: reachText(p.reach),
    clicks: count(p.clicks),
    linkClicks: count(p.link_clicks),
    spend: money(p.spend, cur, spendExported),
    ctr: p.ctr === null ? (p.link_clicks === null ? NOT_EXPORTED : NOT_AVAILABLE) : formatPercent(p.ctr, 2),
    dataUpTo: p.dataUpTo ? formatDate(p.dataUpTo) : NOT_AVAILABLE,
    exports: p.exports.map(
      (e) =>
        `${e.rows}, ${e.rowCount.toLocaleString('en-GB')} rows: ${e.metrics.map((m) => metricLabel(m).toLowerCase()).join(', ') || 'no metrics'}; ` +
        (e.use === 'not_used' ? `not used (${e.reason ?? ''})` : `used for ${e.use === 'totals_and_reach' ? 'totals and reach' : e.use}`),
    ),
  };
}

/** Display-ready delivery summary. */
export function deliveryView(report: Pick<Report, 'delivery' | 'campaign' | 'phase'>): DeliveryView {
  const d = report.delivery;
  const cur = d.currency || report.campaign.currency;
  const days = d.days.map((x) => x.date).sort();
  const platforms = d.platforms ?? [];
  const starts = platforms.flatMap((p) => p.exports.filter((e) => e.use !== 'not_used').map((e) => e.firstDay)).sort();
  const ends = platforms.flatMap((p) => p.exports.filter((e) => e.use !== 'not_used').map((e) => e.lastDay)).sort();
  const first = starts[0] ?? days[0];
  const last = ends[ends.length - 1] ?? days[days.length - 1];
  const spendExported = d.platformsOf ? 'spend' in d.platformsOf || d.spend !== null : true;
  const lines: DeliveryLine[] = [
    { label: 'Delivery dates', value: first && last ? formatDateRange(first, last) : NOT_AVAILABLE },
    ...(platforms.length ? [{ label: 'Platforms', value: platforms.map((p) => platformLabel(p.platform)).join(', ') }] : []),
    { label: `Impressions${only(d, 'impressions')}`, value: count(d.impressions) },
    { label: 'Reach', value: reachText(d.reach) },
    { label: `Clicks (all)${only(d, 'clicks')}`, value: count(d.clicks) },
    { label: `Link clicks${only(d, 'link_clicks')}`, value: count(d.link_clicks) },
    { label: `Spend${only(d, 'spend')}`, value: money(d.spend, cur, spendExported) },
    { label: `Click-through rate (CTR)${only(d, 'ctr')}`, value: d.link_clicks === null ? NOT_EXPORTED : formatPercent(d.ctr, 2) },
    { label: `Cost per 1,000 impressions (CPM)${only(d, 'cpm')}`, value: spendExported ? formatMoney(d.cpm, cur) : NOT_EXPORTED },
    { label: `Cost per link click (CPC)${only(d, 'cpc')}`, value: spendExported && d.link_clicks !== null ? formatMoney(d.cpc, cur) : NOT_EXPORTED },
  ];
  if (d.platforms && platforms.length === 0)
    lines.splice(0, lines.length, { label: 'Delivery', value: report.phase === 'not_started' ? 'none yet: the campaign has not started' : 'no ad export matches the campaign yet' });
  // No total row is shown next to the regions, so only the primary rule applies here.
  const col = (k: 'impressions' | 'clicks' | 'link_clicks') => protectGroup(d.byRegion.map((r) => r[k] ?? 0), null).parts;
  const imp = col('impressions');
  const clk = col('clicks');
  const lnk = col('link_clicks');
  const cell = (v: number | null, disclosure: 'shown' | 'small' | 'secondary' | undefined) => (v === null ? NOT_EXPORTED : displayCount(v, disclosure ?? 'shown'));
  const byRegion = d.byRegion.map((r, i) => ({
    region: regionLabel(r.region),
    impressions: cell(r.impressions, imp[i]),
    clicks: cell(r.clicks, clk[i]),
    linkClicks: cell(r.link_clicks, lnk[i]),
    spend: r.spend === null && !spendExported ? NOT_EXPORTED : formatMoney(r.spend, cur),
  }));
  const withDelivery = platforms.filter((p) => p.totalsFrom !== null);
  const regionPs = d.regionPlatforms ?? [];
  const byRegionNote =
    byRegion.length && regionPs.length < withDelivery.length
      ? `From ${regionPs.map(platformLabel).join(' and ')} only: ${withDelivery.filter((p) => !p.regional).map((p) => platformLabel(p.platform)).join(' and ')} did not export delivery by the campaign's regions.`
      : undefined;
  return { lines, platforms: platforms.map((p) => platformRow(p, cur)), byRegion, ...(byRegionNote ? { byRegionNote } : {}) };
}
