import { formatDate, formatDateRange } from '../report/format.ts';

/** Metrics an ad export may or may not contain (a column it lacks is NULL in every row). */
export const EXPORT_METRICS = ['impressions', 'reach', 'clicks', 'link_clicks', 'spend', 'results', 'video_views', 'engagements'] as const;
export type ExportMetric = (typeof EXPORT_METRICS)[number];

/** One kind of ad rows of one platform, as delivery_kinds.sql returns them. */
export interface DeliveryKind {
  platform: string;
  breakdown: string;
  granularity: 'day' | 'period';
  /** Whole-period rows: the exact dates they cover; null for daily rows. */
  periodStart: string | null;
  periodEnd: string | null;
  firstDay: string;
  lastDay: string;
  rowCount: number;
  /** Sum of reach over the rows (a daily sum is only an upper bound). */
  reach: number | null;
  /** Which metrics the export contained. */
  has: Record<ExportMetric, boolean>;
}

/** The dates a report needs: the campaign so far (lastDay = as-of while running, else the end). */
export interface DeliveryWindow {
  start: string;
  end: string;
  lastDay: string;
}

/** What one kind of rows is used for, and why not when it is not. */
export interface KindUse {
  kind: DeliveryKind;
  use: 'totals' | 'reach' | 'totals_and_reach' | 'not_used';
  reason?: string;
}

/** One platform's choice: rows for additive metrics, rows for reach, and every kind it had. */
export interface PlatformChoice {
  platform: string;
  totals?: DeliveryKind;
  reach?: { kind: DeliveryKind; measure: 'period' | 'daily_sum_upper_bound' };
  kinds: KindUse[];
}

const dims = (breakdown: string): string[] => (breakdown === '' ? [] : breakdown.split(','));

/** Region rows first (the regional table needs them), then country, then none, then demographic only. */
function geoRank(breakdown: string): number {
  const d = dims(breakdown);
  if (d.includes('region')) return d.length === 1 ? 0 : 1;
  if (d.includes('country')) return d.length === 1 ? 2 : 3;
  return d.length === 0 ? 4 : 5 + d.length;
}

/** Reach: one figure for everyone (no breakdown) first; disjoint regions add up nearly exactly. */
function reachRank(breakdown: string): number {
  return breakdown === '' ? -1 : geoRank(breakdown);
}

const span = (k: DeliveryKind): number => (k.periodEnd && k.periodStart ? Date.parse(k.periodEnd) - Date.parse(k.periodStart) : 0);

/** Words for a kind of rows: "daily rows by region", "whole-period rows by age and gender (1 October–30 November 2026)". */
export function kindText(k: DeliveryKind): string {
  const by = dims(k.breakdown);
  const what = `${k.granularity === 'day' ? 'daily' : 'whole-period'} rows${by.length ? ` by ${by.join(' and ')}` : ''}`;
  return k.granularity === 'period' && k.periodStart && k.periodEnd ? `${what} (${formatDateRange(k.periodStart, k.periodEnd)})` : what;
}

/**
 * Why a whole-period kind cannot stand for the campaign, or undefined when it can. It can when it
 * covers the campaign: starts on or before the first day and ends on or after the end (an export
 * of 1 October-30 November covers a 5 October-1 November campaign: outside the campaign the ads
 * did not run). While the campaign runs, an export from the start to any day so far also counts.
 */
export function periodMismatch(k: DeliveryKind, w: DeliveryWindow): string | undefined {
  const s = k.periodStart!;
  const e = k.periodEnd!;
  const running = w.lastDay < w.end;
  const needed = running
    ? `a range from ${formatDate(w.start)} (or earlier) to a day up to ${formatDate(w.lastDay)}`
    : `${formatDateRange(w.start, w.end)} or a range that includes it`;
  const ok = s <= w.start && (running ? e <= w.lastDay : e >= w.end);
  if (ok) return undefined;
  return `it covers ${formatDateRange(s, e)}; needed ${needed}`;
}

/**
 * Per platform: the kind of rows to sum additive metrics over (region before country before
 * demographic breakdowns; daily before whole-period rows of the same breakdown), and the
 * whole-period kind that gives reach. Platforms are chosen separately, so a platform that only
 * has whole-period rows (a Google location report) is never dropped because another has daily rows.
 */
export function choosePlatformKinds(kinds: DeliveryKind[], w: DeliveryWindow): PlatformChoice[] {
  const platforms = [...new Set(kinds.map((k) => k.platform))].sort();
  return platforms.map((platform) => {
    const own = kinds.filter((k) => k.platform === platform);
    const mismatch = new Map(own.filter((k) => k.granularity === 'period').map((k) => [k, periodMismatch(k, w)] as const));
    const usable = own.filter((k) => k.granularity === 'day' || mismatch.get(k) === undefined);
    const totals = [...usable].sort(
      (a, b) =>
        geoRank(a.breakdown) - geoRank(b.breakdown) ||
        Number(a.granularity !== 'day') - Number(b.granularity !== 'day') ||
        span(a) - span(b),
    )[0];
    const periodReach = usable
      .filter((k) => k.granularity === 'period' && k.has.reach)
      .sort((a, b) => reachRank(a.breakdown) - reachRank(b.breakdown) || span(a) - span(b))[0];
    const dailyReach = totals && totals.granularity === 'day' && totals.has.reach ? totals : undefined;
    const reach = periodReach
      ? { kind: periodReach, measure: 'period' as const }
      : dailyReach
        ? { kind: dailyReach, measure: 'daily_sum_upper_bound' as const }
        : undefined;
    const uses: KindUse[] = own.map((k) => {
      const forTotals = k === totals;
      const forReach = k === reach?.kind;
      if (forTotals || forReach) return { kind: k, use: forTotals && forReach ? 'totals_and_reach' : forTotals ? 'totals' : 'reach' };
      const bad = mismatch.get(k);
      if (bad) return { kind: k, use: 'not_used', reason: `not matched to the campaign: ${bad}` };
      return { kind: k, use: 'not_used', reason: `the ${kindText(totals!)} were used instead, so these are not added on top` };
    });
    return { platform, ...(totals ? { totals } : {}), ...(reach ? { reach } : {}), kinds: uses };
  });
}
