import type { DemandComparison } from '../report/report-types.ts';
import { coverage, grainOf, weeklyCounts, windowTotals, type Series, type SeriesCompleteness, type Window } from './completeness.ts';
import { upliftRatio, type Dispersion, type Uplift } from './rate-ratio.ts';

/** Fewer baseline degrees of freedom than this and a cell borrows the channel's dispersion. */
const MIN_DISPERSION_DF = 4;

interface Cell {
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  baseline: number;
  compared: number;
  baselineDays: number;
  comparedDays: number;
  baselineExposure: number;
  comparedExposure: number;
  chi2: number;
  df: number;
  series: number;
  /** sum over series with a baseline count of xc² / b: the variance the estimated rates add */
  rateVar: number;
  /** sum of xc over those series */
  rateXc: number;
}

/** What one series adds to a comparison. */
interface SeriesPart { s: Series; b: number; c: number; db: number; dc: number; xb: number; xc: number; chi2: number; df: number }

/**
 * Exposures compare like with like: each series is weighted by its own rate, so its exposure in a
 * window is the count it would have at that rate over the days it reported there
 * (rate = both windows' count over both windows' days: the estimate under no change). A series
 * that misses campaign weeks then lowers the expected count by exactly its share.
 */
function seriesPart(s: Series, baseline: Window, compared: Window): SeriesPart | string {
  const b = windowTotals(s, baseline); const c = windowTotals(s, compared);
  if (b.days === 0) return 'reported nothing in the baseline, so it cannot be compared (counting it would look like a rise)';
  if (c.days === 0) return 'reported nothing in this window, so it is left out (counting it would look like a drop)';
  // The series' own baseline rate (unbiased whatever the campaign did); both windows' rate if the baseline had none.
  const rate = b.count > 0 ? b.count / b.days : (b.count + c.count) / (b.days + c.days);
  // Pearson chi² of the baseline at weekly grain (weekday shape cancels within a week).
  const weeks = [...weeklyCounts(s, baseline).values()];
  let chi2 = 0;
  const m = weeks.reduce((a, v) => a + v, 0) / Math.max(weeks.length, 1);
  if (m > 0) for (const v of weeks) chi2 += (v - m) ** 2 / m;
  return { s, b: b.count, c: c.count, db: b.days, dc: c.days, xb: rate * b.days, xc: rate * c.days, chi2, df: Math.max(weeks.length - 1, 0) };
}

export interface DemandComparisonResult {
  comparisons: DemandComparison[];
  /** per series: coverage of the baseline and the compared window, and whether it was used */
  completeness: SeriesCompleteness[];
}

/**
 * Campaign (or follow-up) versus baseline for every channel and region, plus the pooled
 * targeted and control regions of each channel. Only series that reported in both windows
 * count; a missing period is never read as zero; intervals are widened for over-dispersion.
 */
export function compareDemand(series: Series[], baseline: Window, compared: Window, window: 'campaign' | 'follow_up'): DemandComparisonResult {
  const cells = new Map<string, Cell>();
  const channelCells = new Map<string, Cell>();
  const blank = (channel: string, region: string, role: 'targeted' | 'control'): Cell => ({
    channel, region, role, baseline: 0, compared: 0, baselineDays: 0, comparedDays: 0, baselineExposure: 0, comparedExposure: 0, chi2: 0, df: 0, series: 0, rateVar: 0, rateXc: 0,
  });
  const cell = (channel: string, region: string, role: 'targeted' | 'control'): Cell => {
    const key = `${channel}|${region}|${role}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = blank(channel, region, role)));
    return c;
  };
  const completeness: SeriesCompleteness[] = [];
  for (const s of series) {
    const part = seriesPart(s, baseline, compared);
    const cov = coverage(s, compared, window);
    completeness.push({
      channel: s.channel, partner: s.partner, location: s.location, region: s.region, role: s.role, grain: grainOf(s),
      windows: [coverage(s, baseline, 'baseline'), { ...cov, used: typeof part !== 'string', ...(typeof part === 'string' ? { reason: part } : {}) }],
      ...(s.overlapping ? { overlappingRows: s.overlapping } : {}),
    });
    // The region's cell exists even when all its series are left out, so the gap shows.
    const targets = [cell(s.channel, s.region, s.role), cell(s.channel, s.role, s.role)];
    if (typeof part === 'string') continue;
    let ch = channelCells.get(s.channel);
    if (!ch) channelCells.set(s.channel, (ch = blank(s.channel, '', s.role)));
    for (const c of [...targets, ch]) add(c, part);
  }
  const comparisons = [...cells.values()]
    .sort((a, b) => a.channel.localeCompare(b.channel) || poolOrder(a) - poolOrder(b) || a.region.localeCompare(b.region))
    .map((c) => {
      const ch = channelCells.get(c.channel);
      const stats = cellUplift(c, ch ? dispersionOf(ch) : null);
      return toComparison(c, stats, window);
    });
  return { comparisons, completeness };
}

function add(c: Cell, p: SeriesPart): void {
  c.baseline += p.b; c.compared += p.c; c.baselineDays += p.db; c.comparedDays += p.dc;
  c.baselineExposure += p.xb; c.comparedExposure += p.xc; c.chi2 += p.chi2; c.df += p.df; c.series++;
  if (p.b > 0) { c.rateVar += (p.xc * p.xc) / p.b; c.rateXc += p.xc; }
}

/**
 * The baseline's worth as information about the expected count: each series' expected count is its
 * own baseline rate times its compared days, so the expected total has relative variance
 * sum(xc² / b) / (sum xc)²; as a count, (sum xc)² / sum(xc² / b). Equal to the baseline count when
 * every series has the same share of compared to baseline days, smaller when they differ.
 */
function effectiveBaseline(c: Pick<Cell, 'baseline' | 'rateVar' | 'rateXc'>): number {
  return c.rateVar > 0 ? Math.min(c.baseline, (c.rateXc * c.rateXc) / c.rateVar) : c.baseline;
}

function dispersionOf(c: { chi2: number; df: number }): Dispersion | null {
  return c.df >= MIN_DISPERSION_DF ? { phi: c.chi2 / c.df, df: c.df } : null;
}

function cellUplift(c: Cell, fallback: Dispersion | null): Uplift {
  // All-zero series carry no rate: fall back to reported days so the "no contacts" note appears.
  const byDays = !(c.baselineExposure > 0);
  return upliftRatio({
    baseline: c.baseline,
    compared: c.compared,
    baselineExposure: byDays ? c.baselineDays : c.baselineExposure,
    comparedExposure: byDays ? c.comparedDays : c.comparedExposure,
    // Own spread first, else the channel's; with only a few baseline weeks anywhere, the own estimate
    // with its (wide) t quantile, never the Poisson interval by default.
    dispersion: dispersionOf(c) ?? fallback ?? (c.df >= 1 ? { phi: c.chi2 / c.df, df: c.df } : c.series > 0 ? { phi: 1, df: 0 } : null),
    effectiveBaseline: effectiveBaseline(c),
  });
}

function toComparison(c: Cell, stats: Uplift, window: 'campaign' | 'follow_up'): DemandComparison {
  const note = c.series === 0 ? 'no series reported in both the baseline and this window' : stats.note;
  return {
    channel: c.channel,
    region: c.region,
    role: c.role,
    window,
    baseline: c.baseline,
    campaign: c.compared,
    baselineDays: c.baselineDays,
    campaignDays: c.comparedDays,
    expected: c.baselineExposure > 0 ? (c.baseline * c.comparedExposure) / c.baselineExposure : null,
    exposure: { baseline: c.baselineExposure, compared: c.comparedExposure, effectiveBaseline: effectiveBaseline(c) },
    dispersion: { chi2: c.chi2, df: c.df, scale: stats.scale },
    interval: stats.interval,
    method: stats.method,
    series: c.series,
    rateRatio: c.series === 0 ? null : stats.rateRatio,
    ciLow: c.series === 0 ? null : stats.ciLow,
    ciHigh: c.series === 0 ? null : stats.ciHigh,
    pValue: c.series === 0 ? null : stats.pValue,
    ...(note ? { note } : {}),
  };
}

/**
 * The rate ratio of several comparison rows pooled (an uplift goal limited to some regions):
 * counts, exposures and the baseline's chi² add up over disjoint regions.
 */
export function pooledUplift(rows: DemandComparison[]): Uplift {
  const sum = (f: (d: DemandComparison) => number) => rows.reduce((s, d) => s + f(d), 0);
  const c: Cell = {
    channel: '', region: '', role: 'targeted',
    baseline: sum((d) => d.baseline), compared: sum((d) => d.campaign), baselineDays: sum((d) => d.baselineDays), comparedDays: sum((d) => d.campaignDays),
    baselineExposure: sum((d) => d.exposure?.baseline ?? d.baselineDays), comparedExposure: sum((d) => d.exposure?.compared ?? d.campaignDays),
    chi2: sum((d) => d.dispersion?.chi2 ?? 0), df: sum((d) => d.dispersion?.df ?? 0), series: sum((d) => d.series ?? 1),
    // Each row's expected count has variance xc² / (its effective baseline): they add over regions.
    rateVar: sum((d) => (d.baseline > 0 && d.exposure ? d.exposure.compared ** 2 / (d.exposure.effectiveBaseline ?? d.baseline) : 0)),
    rateXc: sum((d) => (d.baseline > 0 && d.exposure ? d.exposure.compared : 0)),
  };
  // Too little baseline in these regions alone: use the widest scale their own rows used.
  const widest = Math.max(1, ...rows.map((d) => d.dispersion?.scale ?? 1));
  return cellUplift(c, { phi: widest, df: 1e6 });
}

/** Pooled rows first (targeted, then control), then single regions. */
function poolOrder(c: { region: string; role: string }): number {
  if (c.region === 'targeted') return 0;
  if (c.region === 'control') return 1;
  return c.role === 'targeted' ? 2 : 3;
}
