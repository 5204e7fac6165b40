import { rateBetween, type ExchangeRates } from '../domain/currency.ts';
import { regionShortLabel } from '../report/labels.ts';
import type { Delivery, DeliveryDay, DeliveryExport, DeliveryReach, DeliveryTotals, PlatformDelivery } from '../report/report-types.ts';
import { EXPORT_METRICS, kindText, type PlatformChoice } from './delivery-kind.ts';

/** A row of delivery_by_day_region.sql: one per day, region and currency; NULL = not exported. */
export interface DeliveryRow {
  day: string;
  region: string;
  currency: string;
  impressions: number | bigint | null;
  reach: number | bigint | null;
  clicks: number | bigint | null;
  link_clicks: number | bigint | null;
  spend_micros: number | bigint | null;
  results: number | bigint | null;
  video_views: number | bigint | null;
  engagements: number | bigint | null;
}

/** One platform's choice of rows with the rows themselves. */
export interface PlatformRows {
  choice: PlatformChoice;
  /** rows of choice.totals */
  totals: DeliveryRow[];
  /** rows of choice.reach (for reach by region) */
  reach: DeliveryRow[];
}

const COUNT_METRICS = ['impressions', 'clicks', 'link_clicks', 'results', 'video_views', 'engagements'] as const;
type CountMetric = (typeof COUNT_METRICS)[number];
const PLATFORM_NAME: Record<string, string> = { meta: 'Meta', google: 'Google', tiktok: 'TikTok' };
export const platformName = (p: string): string => PLATFORM_NAME[p] ?? p;
const names = (ps: string[]): string => ps.map(platformName).join(' and ');

const num = (v: number | bigint | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Sums per key of the additive metrics; a metric the export lacks stays null. */
class Sums {
  readonly by = new Map<string, DeliveryTotals & { micros: number | null }>();
  constructor(
    private readonly has: (m: string) => boolean,
    private readonly toMicros: (r: DeliveryRow) => number | null,
  ) {}
  add(key: string, r: DeliveryRow): void {
    let g = this.by.get(key);
    if (!g) {
      g = { impressions: null, clicks: null, link_clicks: null, spend: null, results: null, video_views: null, engagements: null, micros: null };
      for (const m of COUNT_METRICS) if (this.has(m)) g[m] = 0;
      if (this.has('spend')) g.micros = 0;
      this.by.set(key, g);
    }
    for (const m of COUNT_METRICS) if (g[m] !== null) g[m] = g[m]! + (num(r[m]) ?? 0);
    if (g.micros !== null) {
      const m = num(r.spend_micros) === null ? 0 : this.toMicros(r);
      g.micros = m === null ? null : g.micros + m;
    }
  }
  /** Micros are summed first and turned into currency units once, so no float error accumulates. */
  get(key: string): DeliveryTotals {
    const { micros, ...g } = this.by.get(key)!;
    return { ...g, spend: micros === null ? null : Math.round(micros) / 1_000_000 };
  }
  keys(): string[] {
    return [...this.by.keys()].sort();
  }
}

function rates(t: DeliveryTotals): { ctr: number | null; cpm: number | null; cpc: number | null } {
  const { impressions: i, link_clicks: l, spend: s } = t;
  return {
    ctr: i !== null && l !== null && i > 0 ? (100 * l) / i : null,
    cpm: i !== null && s !== null && i > 0 ? (1000 * s) / i : null,
    cpc: l !== null && s !== null && l > 0 ? s / l : null,
  };
}

/**
 * Delivery per platform, then combined, in the campaign's currency. Each platform's totals come
 * from its own best kind of rows (see choosePlatformKinds); a metric a platform did not export is
 * null ("not in the export"), and combined rates use only platforms that have both parts. Spend in
 * another currency is converted at the user's rate (config/exchange-rates.json); without one, spend
 * and the rates built on it are left out: currencies are never added together as they are.
 * `regions` are the campaign's regions: a region breakdown naming none of them (Meta reports only
 * the nations of some countries) is coarser than the campaign, so that platform is not regional.
 */
export function buildDelivery(
  currency: string,
  input: PlatformRows[],
  fx: ExchangeRates,
  regions: string[] = [],
): { delivery: Delivery; notes: string[] } {
  const notes: string[] = [];
  const missingFx = new Set<string>();
  const converted = new Set<string>();
  const toMicros = (r: DeliveryRow): number | null => {
    const rate = rateBetween(fx, r.currency, currency);
    if (rate === undefined) {
      missingFx.add(r.currency);
      return null;
    }
    if (r.currency !== currency) converted.add(r.currency);
    return num(r.spend_micros)! * rate;
  };

  const dayMaps: { platform: string; sums: Sums }[] = [];
  const regionMaps: { platform: string; sums: Sums; reach: Map<string, number> | null }[] = [];
  const platforms: PlatformDelivery[] = input.map(({ choice, totals: rows, reach: reachRows }) => {
    const t = choice.totals;
    const has = (m: string): boolean => t?.has[m as keyof typeof t.has] ?? false;
    const all = new Sums(has, toMicros);
    const days = new Sums(has, toMicros);
    const byRegion = new Sums(has, toMicros);
    for (const r of rows) {
      all.add('', r);
      days.add(String(r.day), r);
      byRegion.add(String(r.region), r);
    }
    const totals: DeliveryTotals = rows.length > 0 ? all.get('') : { impressions: null, clicks: null, link_clicks: null, spend: null, results: null, video_views: null, engagements: null };
    const reach: DeliveryReach = choice.reach ? { value: choice.reach.kind.reach, kind: choice.reach.measure, platforms: [choice.platform] } : { value: null, kind: 'none' };
    const regionCodes = byRegion.keys();
    const hasRegions = !!t && t.breakdown.split(',').includes('region');
    const regional = hasRegions && (regions.length === 0 || regionCodes.some((c) => regions.includes(c)));
    if (t?.granularity === 'day') dayMaps.push({ platform: choice.platform, sums: days });
    if (regional) {
      const regionReach = choice.reach?.measure === 'period' && choice.reach.kind.breakdown === 'region' ? new Map<string, number>() : null;
      if (regionReach) for (const r of reachRows) regionReach.set(String(r.region), (regionReach.get(String(r.region)) ?? 0) + (num(r.reach) ?? 0));
      regionMaps.push({ platform: choice.platform, sums: byRegion, reach: regionReach });
    } else if (t) {
      const why = hasRegions
        ? `its region breakdown reports only ${regionCodes.map(regionShortLabel).join(', ')}, coarser than the campaign's regions`
        : `its export has no region breakdown`;
      notes.push(`Regional delivery is not available from ${platformName(choice.platform)}: ${why}. Its delivery is matched to the campaign by ad campaign and counted in the totals, not in the table by region.`);
    }
    const exports: DeliveryExport[] = choice.kinds.map(({ kind, use, reason }) => ({
      rows: kindText(kind),
      breakdown: kind.breakdown,
      granularity: kind.granularity,
      firstDay: kind.firstDay,
      lastDay: kind.lastDay,
      rowCount: kind.rowCount,
      metrics: EXPORT_METRICS.filter((m) => kind.has[m]),
      use,
      ...(reason ? { reason } : {}),
    }));
    if (!t)
      notes.push(`${platformName(choice.platform)} is not in the totals: none of its exports match the campaign's dates (${choice.kinds.map((k) => `${kindText(k.kind)}: ${k.reason}`).join('; ')}).`);
    for (const k of choice.kinds.filter((k) => t && k.use === 'not_used' && k.reason?.startsWith('not matched')))
      notes.push(`${platformName(choice.platform)} ${kindText(k.kind)} ${k.reason!.replace(/^not matched to the campaign: it/, 'were not used: they')}.`);
    return {
      platform: choice.platform,
      ...totals,
      reach,
      ...rates(totals),
      totalsFrom: t ? kindText(t) : null,
      regional,
      dataUpTo: choice.kinds.reduce<string | null>((m, k) => (m === null || k.kind.lastDay > m ? k.kind.lastDay : m), null),
      exports,
    };
  });

  // Combined: each metric adds the platforms that exported it.
  const platformsOf: Record<string, string[]> = {};
  const combined = {} as DeliveryTotals;
  for (const m of [...COUNT_METRICS, 'spend'] as const) {
    const withIt = platforms.filter((p) => p[m] !== null);
    combined[m] = withIt.length ? withIt.reduce((s, p) => add(m, s, p[m]!), 0) : null;
    if (withIt.length) platformsOf[m] = withIt.map((p) => p.platform);
  }
  if (missingFx.size > 0) combined.spend = null;
  const both = (a: keyof DeliveryTotals, b: keyof DeliveryTotals) => {
    const ps = platforms.filter((p) => p[a] !== null && p[b] !== null);
    return { ps, a: ps.reduce((s, p) => s + p[a]!, 0), b: ps.reduce((s, p) => s + p[b]!, 0) };
  };
  const ctr = both('link_clicks', 'impressions');
  const cpm = both('spend', 'impressions');
  const cpc = both('spend', 'link_clicks');
  const spendOk = missingFx.size === 0;
  if (ctr.ps.length) platformsOf.ctr = ctr.ps.map((p) => p.platform);
  if (spendOk && cpm.ps.length) platformsOf.cpm = cpm.ps.map((p) => p.platform);
  if (spendOk && cpc.ps.length) platformsOf.cpc = cpc.ps.map((p) => p.platform);
  const withReach = platforms.filter((p) => p.reach.value !== null);
  const reach: DeliveryReach =
    withReach.length === 0
      ? { value: null, kind: 'none' }
      : withReach.length === 1
        ? withReach[0]!.reach
        : { value: withReach.reduce((s, p) => s + p.reach.value!, 0), kind: 'platforms_sum_upper_bound', platforms: withReach.map((p) => p.platform) };

  const days = mergeKeys(dayMaps.map((d) => d.sums)).map((date): DeliveryDay => {
    const parts = dayMaps.filter((d) => d.sums.by.has(date)).map((d) => d.sums.get(date));
    return { date, ...pick(parts, ['impressions', 'clicks', 'link_clicks', 'spend']) } as DeliveryDay;
  });
  const byRegion = mergeKeys(regionMaps.map((r) => r.sums)).map((region) => {
    const parts = regionMaps.filter((r) => r.sums.by.has(region));
    const sums = pick(parts.map((r) => r.sums.get(region)), ['impressions', 'clicks', 'link_clicks', 'spend']);
    const reachParts = parts.filter((r) => r.reach).map((r) => r.reach!.get(region) ?? 0);
    return { region, ...sums, ...(reachParts.length ? { reach: reachParts.reduce((s, x) => s + x, 0) } : {}) } as Delivery['byRegion'][number];
  });
  if (!spendOk) for (const d of [...days, ...byRegion]) d.spend = null;

  // Notes the reader needs to read the figures right.
  const outside = regions.length ? byRegion.filter((r) => r.region !== 'ZZ' && !regions.includes(r.region) && !regions.includes(r.region.slice(0, 2))) : [];
  if (outside.length)
    notes.push(
      `Some delivery was in regions outside the campaign's: ${outside.map((r) => `${regionShortLabel(r.region)} (${r.region})`).join(', ')}. It is counted in the totals but not in any campaign region; if such a region is part of the campaign area (Peterborough, GB-PTE, is a unitary authority separate from Cambridgeshire), declare a region group in the campaign file, e.g. regions.groups: { "Cambridgeshire including Peterborough": [GB-CAM, GB-PTE] }.`,
    );
  const all = platforms.map((p) => p.platform);
  const LABEL = { impressions: 'Impressions', clicks: 'Clicks (all)', link_clicks: 'Link clicks', spend: 'Spend' } as const;
  for (const m of ['impressions', 'clicks', 'link_clicks', 'spend'] as const) {
    const ps = platformsOf[m] ?? [];
    const without = platforms.filter((p) => !ps.includes(p.platform) && p.totalsFrom !== null).map((p) => p.platform);
    if (ps.length && without.length)
      notes.push(`${LABEL[m]} and the rates built on them are from ${names(ps)} only: ${names(without)} did not export ${LABEL[m].toLowerCase()}.`);
  }
  if (reach.kind === 'platforms_sum_upper_bound')
    notes.push(`Reach is shown per platform; the combined ${reach.value?.toLocaleString('en-GB')} adds ${names(reach.platforms!)} and is an upper bound: people may have seen the ads on more than one platform.`);
  for (const p of platforms.filter((x) => x.reach.kind === 'daily_sum_upper_bound'))
    notes.push(`${platformName(p.platform)} reach is the sum of daily reach, an upper bound: the same person is counted on each day they saw an ad. Export a whole-period report (Reporting starts and ends on the campaign's first and last day) for true reach.`);
  if (missingFx.size > 0) {
    const m = [...missingFx].sort();
    notes.unshift(`Some ad spend was exported in ${m.join(', ')}, not ${currency}, and no exchange rate was given: spend, CPM and CPC are not shown. Add a rate to config/exchange-rates.json, e.g. { "${m[0]}/${currency}": 0.86 }.`);
  } else if (converted.size > 0) {
    const c = [...converted].sort();
    notes.unshift(`Spend exported in ${c.join(', ')} was converted to ${currency} at ${c.map((f) => `${rateBetween(fx, f, currency)!.toPrecision(4)} ${currency} per ${f}`).join(', ')} (config/exchange-rates.json).`);
  }

  const delivery: Delivery = {
    ...combined,
    currency,
    reach,
    ctr: ctr.ps.length && ctr.b > 0 ? (100 * ctr.a) / ctr.b : null,
    cpm: spendOk && cpm.ps.length && cpm.b > 0 ? (1000 * cpm.a) / cpm.b : null,
    cpc: spendOk && cpc.ps.length && cpc.b > 0 ? cpc.a / cpc.b : null,
    platformsOf,
    platforms,
    days,
    dayPlatforms: dayMaps.map((d) => d.platform),
    byRegion,
    regionPlatforms: regionMaps.map((r) => r.platform),
  };
  return { delivery, notes };
}

/** Adds two figures; money stays exact to the micro-unit each platform's spend is exact to. */
function add(metric: string, a: number, b: number): number {
  return metric === 'spend' ? Math.round((a + b) * 1_000_000) / 1_000_000 : a + b;
}

function mergeKeys(maps: Sums[]): string[] {
  return [...new Set(maps.flatMap((m) => m.keys()))].sort();
}

/** Adds parts metric by metric; null when no part has the metric. */
function pick(parts: DeliveryTotals[], metrics: (keyof DeliveryTotals)[]): Partial<DeliveryTotals> {
  const out: Partial<DeliveryTotals> = {};
  for (const m of metrics) {
    const have = parts.filter((p) => p[m] !== null);
    out[m] = have.length ? have.reduce((s, p) => add(m, s, p[m]!), 0) : null;
  }
  return out;
}

/** Delivery before any ad row exists (e.g. before launch): every figure "not in the export". */
export function emptyDelivery(currency: string): Delivery {
  return buildDelivery(currency, [], {}).delivery;
}
