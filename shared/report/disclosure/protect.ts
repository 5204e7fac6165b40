/**
 * The one disclosure step: Report (exact, internal) -> ProtectedReport (what may be shared).
 *
 * 1. Declare every published count as a figure in a ledger (sections below: service-demand table
 *    cells, weekly chart points, geo-lift observed points and window totals, goal actuals), with the
 *    exact relations between them, across tables, charts and windows.
 * 2. Primary suppression (1 to threshold - 1), the partner rules, then secondary suppression until no
 *    protected figure can be pinned down by addition or subtraction (ledger.ts).
 * 3. Build the copy: hidden counts removed, shown counts rounded if the rules say so, statistics
 *    recomputed from the published counts or withheld, the narrative written from the copy.
 *
 * A new count field is covered by declaring it in one of the sections (a figure and its relations).
 */
import { upliftRatio } from '../../analysis/rate-ratio.ts';
import { draftNarrative } from '../../analysis/narrative.ts';
import { followUpView } from '../../analysis/follow-up-view.ts';
import { isAdMetric } from '../../domain/metrics.ts';
import type { CampaignLift, DemandComparison, DemandSeries, GoalResult, Report } from '../report-types.ts';
import { Ledger, type FigureRank, type Mark } from './ledger.ts';
import { seal, setMark, type Audience, type ProtectedReport } from './protected-report.ts';
import { DEFAULT_RULES, isSmall, roundCount, type DisclosureRules } from './rules.ts';
import { FigureCells, PartnerTotals, type Contributions } from './contributions.ts';

export { Contributions } from './contributions.ts';


export interface ProtectOptions {
  rules?: DisclosureRules;
  audience?: Audience;
  /** Who contributed to each cell (from disclosure_contributions.sql); enables the partner rules. */
  contributions?: Contributions;
  /** Earlier follow-ups' reports: the side-by-side view is rebuilt from their protected copies. */
  earlier?: { label: string; report: Report }[];
}

/** Monday of the week a date falls in (weeks in demandSeries start on Monday). */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const isPooled = (region: string): boolean => region === 'targeted' || region === 'control';

/** Service channels are counts of people; ad metrics are not. */
export function isServiceCount(g: Pick<GoalResult, 'kind' | 'metric'>): boolean {
  return g.kind === 'total' && !isAdMetric(g.metric) && !['ctr', 'cpm', 'cpc'].includes(g.metric);
}

interface Range {
  start: string;
  end: string;
}

/** The date range each table column counts. */
function columnRange(r: Report, window: DemandComparison['window'], column: 'baseline' | 'campaign'): Range {
  if (column === 'baseline') return r.campaign.baseline;
  if (window === 'follow_up' && r.followUp) return r.followUp.window;
  return { start: r.campaign.start, end: r.asOf < r.campaign.end ? r.asOf : r.campaign.end };
}

/** More targeted regions than this and the chart shows them pooled, plus the largest few. */
export const CHART_REGIONS = 8;
/** Regions drawn beside the pooled line when there are more than {@link CHART_REGIONS}. */
export const CHART_TOP_REGIONS = 5;

/** Sum series week by week (a week counts once per series that has it). */
function pooledSeries(channel: string, role: 'targeted' | 'control', parts: DemandSeries[]): DemandSeries {
  // A pooled week needs every part's week: one region's gap would otherwise be a dip.
  const byWeek = new Map<string, { weekStart: string; count: number; days: number; regions: number }>();
  for (const s of parts)
    for (const w of s.weeks) {
      const cur = byWeek.get(w.weekStart);
      if (cur) { cur.count += w.count; cur.regions++; } else byWeek.set(w.weekStart, { ...w, regions: 1 });
    }
  const weeks = [...byWeek.values()].filter((w) => w.regions === parts.length).map(({ regions: _, ...w }) => w).sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
  const drawn = new Set(weeks.map((w) => w.weekStart));
  const missing = [...new Set([...byWeek.keys(), ...parts.flatMap((s) => s.missingWeeks ?? [])])].filter((w) => !drawn.has(w)).sort();
  return { channel, region: role, role, weeks, ...(missing.length ? { missingWeeks: missing } : {}) };
}

const copySeries = (s: DemandSeries): DemandSeries => ({ ...s, weeks: s.weeks.map((w) => ({ ...w })) });
const seriesTotal = (s: DemandSeries): number => s.weeks.reduce((a, w) => a + w.count, 0);

/**
 * The series a shared chart shows: each targeted region (or the pooled row), and control pooled.
 * With more than {@link CHART_REGIONS} targeted regions: the targeted regions pooled and the
 * {@link CHART_TOP_REGIONS} largest (the rest of the pooled line is a residual the ledger protects).
 */
export function publishedSeries(r: Report): DemandSeries[] {
  const out: DemandSeries[] = [];
  for (const channel of [...new Set(r.demandSeries.map((s) => s.channel))].sort()) {
    const all = r.demandSeries.filter((s) => s.channel === channel);
    const regions = all.filter((s) => s.role === 'targeted' && !isPooled(s.region));
    if (regions.length > CHART_REGIONS) {
      const pooled = all.find((s) => s.region === 'targeted');
      out.push(pooled ? copySeries(pooled) : pooledSeries(channel, 'targeted', regions));
      const top = regions.map((s) => ({ s, total: seriesTotal(s) })).sort((a, b) => b.total - a.total || (a.s.region < b.s.region ? -1 : 1)).slice(0, CHART_TOP_REGIONS);
      for (const { s } of top.sort((a, b) => (a.s.region < b.s.region ? -1 : 1))) out.push(copySeries(s));
    } else for (const s of regions.length ? regions : all.filter((s) => s.region === 'targeted')) out.push(copySeries(s));
    const pooled = all.find((s) => s.region === 'control');
    const controls = all.filter((s) => s.role === 'control' && !isPooled(s.region));
    if (pooled) out.push(copySeries(pooled));
    else if (controls.length) out.push(pooledSeries(channel, 'control', controls));
  }
  return out;
}

/**
 * The full per-region weekly table a shared report offers beside charts that pool regions
 * (report.weeks.csv): every region of each channel whose chart pools, targeted then control.
 * Empty when no chart pools. Its weeks are figures of the ledger like the charts' points.
 */
export function regionWeekSeries(r: Report): DemandSeries[] {
  const out: DemandSeries[] = [];
  for (const channel of [...new Set(r.demandSeries.map((s) => s.channel))].sort()) {
    const regions = r.demandSeries.filter((s) => s.channel === channel && !isPooled(s.region));
    if (regions.filter((s) => s.role === 'targeted').length <= CHART_REGIONS) continue;
    const byRole = (role: 'targeted' | 'control') => regions.filter((s) => s.role === role).sort((a, b) => (a.region < b.region ? -1 : 1));
    out.push(...[...byRole('targeted'), ...byRole('control')].map(copySeries));
  }
  return out;
}

/** Every week start of the series, drawn or missing, sorted (a set filled in loops: no array of every week of every series). */
function allWeeksOf(series: DemandSeries[]): string[] {
  const weeks = new Set<string>();
  for (const s of series) {
    for (const w of s.weeks) weeks.add(w.weekStart);
    for (const w of s.missingWeeks ?? []) weeks.add(w);
  }
  return [...weeks].sort();
}

class Builder {
  readonly ledger: Ledger;
  readonly cells = new FigureCells();
  /** Weekly points by channel and region, then week start: numbered, not keyed (half a million at national scale). */
  private readonly weekFigures = new Map<string, Map<string, number>>();
  constructor(readonly r: Report, readonly rules: DisclosureRules) {
    this.ledger = new Ledger(rules.threshold);
  }
  fig(key: string, value: number, rank: FigureRank, channel: string, regions: string[], weeks: string[]): number {
    const i = this.ledger.figure(key, value, rank);
    this.cells.set(i, channel, regions, weeks);
    return i;
  }
  /** The weekly points of a channel's region, by week start (one figure however many series draw the week). */
  weeksOfRegion(channel: string, region: string): Map<string, number> {
    const key = `${channel}|${region}`;
    let figs = this.weekFigures.get(key);
    if (!figs) this.weekFigures.set(key, (figs = new Map()));
    return figs;
  }
  weekIndex(channel: string, region: string, week: string): number | undefined {
    return this.weekFiguresOf(channel, region)?.get(week);
  }
  /** The weekly points of a channel's region by week start, if it has any. */
  weekFiguresOf(channel: string, region: string): Map<string, number> | undefined {
    return this.weekFigures.get(`${channel}|${region}`);
  }
  regionsOf(role: 'targeted' | 'control'): string[] {
    return role === 'targeted' ? this.r.campaign.regions.targeted : this.r.campaign.regions.control;
  }
  private allWeeks: string[] | undefined;
  private inRange = new Map<string, string[]>();
  weeksIn(range: Range): string[] {
    // Every week of the range, drawn or not: a partner's rows in an undrawn week still count in the tables.
    this.allWeeks ??= allWeeksOf(this.r.demandSeries);
    const key = `${range.start}|${range.end}`;
    let weeks = this.inRange.get(key);
    if (!weeks) this.inRange.set(key, (weeks = this.allWeeks.filter((w) => w >= range.start && w <= range.end)));
    return weeks;
  }
}

const tableKey = (d: Pick<DemandComparison, 'channel' | 'window' | 'region'>, column: string) => `t|${d.channel}|${d.window}|${d.region}|${column}`;
/** A weekly point's name, for the labels of its relations (the points themselves are numbered). */
const weekKey = (channel: string, region: string, week: string) => `w|${channel}|${region}|${week}`;
const liftKey = (l: CampaignLift, date: string) => `l|${l.channel}|${l.window}|${date}`;
const liftTotalKey = (l: CampaignLift) => `L|${l.channel}|${l.window}`;
const goalKey = (g: GoalResult) => `g|${g.id}`;

/** Section: the service-demand tables. Pooled rows are the sums of their region rows. */
function declareTables(b: Builder): void {
  const r = b.r;
  for (const d of r.serviceDemand)
    for (const column of ['baseline', 'campaign'] as const) {
      const regions = isPooled(d.region) ? b.regionsOf(d.role) : [d.region];
      b.fig(tableKey(d, column), d[column], isPooled(d.region) ? 2 : 1, d.channel, regions, b.weeksIn(columnRange(r, d.window, column)));
    }
  for (const pooled of r.serviceDemand.filter((d) => isPooled(d.region)))
    for (const column of ['baseline', 'campaign'] as const) {
      const parts = r.serviceDemand.filter((d) => !isPooled(d.region) && d.channel === pooled.channel && d.window === pooled.window && d.role === pooled.role);
      b.ledger.relate([b.ledger.index(tableKey(pooled, column))!], parts.map((d) => b.ledger.index(tableKey(d, column))!), `${tableKey(pooled, column)}`);
    }
}

/**
 * Section: weekly points (the charts' and the downloadable table's), related to the table cells of
 * every window they fall in. `chart` is the series the charts draw.
 */
function declareWeeks(b: Builder, series: DemandSeries[], chart: DemandSeries[]): void {
  const r = b.r;
  // Table rows by channel and region, and each series' week figures: looked up, not searched (a national table has 500,000 weeks).
  const rowsOf = new Map<string, DemandComparison[]>();
  for (const d of r.serviceDemand) rowsOf.set(`${d.channel}|${d.region}`, [...(rowsOf.get(`${d.channel}|${d.region}`) ?? []), d]);
  const figuresOf = new Map<DemandSeries, Map<string, number>>();
  const seriesOf = new Map<string, number>();
  for (const s of series) seriesOf.set(`${s.channel}|${s.region}`, (seriesOf.get(`${s.channel}|${s.region}`) ?? 0) + 1);
  for (const s of series) {
    const regions = isPooled(s.region) ? b.regionsOf(s.role) : [s.region];
    const ofRegion = b.weeksOfRegion(s.channel, s.region);
    const place = b.cells.place(s.channel, regions);
    // The series' own weeks: the region's, unless another series has the same channel and region.
    const idx = seriesOf.get(`${s.channel}|${s.region}`) === 1 ? ofRegion : new Map<string, number>();
    for (const w of s.weeks) {
      let i = ofRegion.get(w.weekStart);
      if (i === undefined) ofRegion.set(w.weekStart, (i = b.ledger.add(w.count, 0)));
      b.cells.setWeek(i, place, w.weekStart);
      if (idx !== ofRegion) idx.set(w.weekStart, i);
    }
    figuresOf.set(s, idx);
    for (const d of rowsOf.get(`${s.channel}|${s.region}`) ?? [])
      for (const column of ['baseline', 'campaign'] as const) {
        const range = columnRange(r, d.window, column);
        const weeks = s.weeks.filter((w) => w.weekStart >= range.start && w.weekStart <= range.end).map((w) => idx.get(w.weekStart)!);
        b.ledger.relate([b.ledger.index(tableKey(d, column))!], weeks, `${tableKey(d, column)}~weeks`);
      }
  }
  // A pooled line drawn with some of its regions: each week is theirs plus the rest, a count the
  // ledger protects; with the downloadable table, also exactly the sum of all its regions.
  const weekOfAll = (parts: DemandSeries[], week: string) => parts.map((s) => figuresOf.get(s)!.get(week)).filter((i): i is number => i !== undefined);
  for (const p of series.filter((s) => isPooled(s.region))) {
    const same = (s: DemandSeries) => s.channel === p.channel && s.role === p.role && !isPooled(s.region);
    const drawn = series.filter((s) => same(s) && chart.includes(s));
    const all = series.filter(same);
    for (const w of p.weeks) {
      const pooled = [figuresOf.get(p)!.get(w.weekStart)!];
      if (drawn.length) b.ledger.relate(pooled, weekOfAll(drawn, w.weekStart), `${weekKey(p.channel, p.region, w.weekStart)}~regions`);
      if (all.length > drawn.length) b.ledger.relate(pooled, weekOfAll(all, w.weekStart), `${weekKey(p.channel, p.region, w.weekStart)}~all-regions`);
    }
  }
}

/** Section: geo lift. Its statistics publish the observed total of the window; its charts each period. */
function declareLift(b: Builder, series: DemandSeries[]): void {
  const r = b.r;
  const targeted = r.campaign.regions.targeted;
  for (const l of r.lift ?? []) {
    // Charts are drawn only when no period is small; otherwise their points are never published.
    const charted = !l.result.series.some((p) => isSmall(p.observed, b.rules));
    const points = charted ? l.result.series.map((p) => { const week = weekOf(p.date); return { p, week, i: b.fig(liftKey(l, p.date), p.observed, 0, l.channel, targeted, [week]) }; }) : [];
    const inWindow = points.filter(({ p }) => p.date >= l.start && p.date <= l.end);
    if (l.result.lift !== null || l.result.incremental !== null) {
      const observed = l.result.series.filter((p) => p.date >= l.start && p.date <= l.end).reduce((s, p) => s + p.observed, 0);
      const total = b.fig(liftTotalKey(l), observed, 2, l.channel, targeted, b.weeksIn(l));
      b.ledger.relate([total], inWindow.map(({ i }) => i), `${liftTotalKey(l)}~points`);
      const row = r.serviceDemand.find((d) => d.channel === l.channel && d.window === l.window && d.region === 'targeted');
      if (row) b.ledger.relate([b.ledger.index(tableKey(row, 'campaign'))!], [total], `${liftTotalKey(l)}~table`);
    }
    // Each week of the lift series against the weekly chart points of the targeted regions (the pooled line when drawn).
    const targetedLines = series.filter((s) => s.channel === l.channel && s.role === 'targeted');
    const pooledLine = targetedLines.filter((s) => s.region === 'targeted');
    const chart = pooledLine.length ? pooledLine : targetedLines;
    const byWeek = new Map<string, number[]>();
    for (const { week, i } of points) {
      const same = byWeek.get(week);
      if (same) same.push(i); else byWeek.set(week, [i]);
    }
    for (const [week, lp] of byWeek) {
      const wk = chart.map((s) => b.weekIndex(s.channel, s.region, week)).filter((i): i is number => i !== undefined);
      b.ledger.relate(lp, wk, `l|${l.channel}|${l.window}|${week}~weeks`);
    }
  }
}

/** Section: goal actuals that are counts of people, against the table and the weekly points. */
function declareGoals(b: Builder, series: DemandSeries[]): void {
  const r = b.r;
  const range = columnRange(r, 'campaign', 'campaign');
  for (const g of r.goals.filter((g) => isServiceCount(g) && g.actual !== null)) {
    const regions = g.regions.length ? g.regions : r.campaign.regions.targeted;
    const i = b.fig(goalKey(g), g.actual!, 1, g.metric, regions, b.weeksIn(range));
    const rows = g.regions.length
      ? r.serviceDemand.filter((d) => d.channel === g.metric && d.window === 'campaign' && g.regions.includes(d.region))
      : r.serviceDemand.filter((d) => d.channel === g.metric && d.window === 'campaign' && d.region === 'targeted');
    b.ledger.relate([i], rows.map((d) => b.ledger.index(tableKey(d, 'campaign'))!), `${goalKey(g)}~table`);
    const weekly = series.filter((s) => s.channel === g.metric && regions.includes(s.region));
    if (weekly.length === regions.length) {
      const weeks = weekly.flatMap((s) => s.weeks.filter((w) => w.weekStart >= range.start && w.weekStart <= range.end).map((w) => b.weekIndex(s.channel, s.region, w.weekStart)!));
      b.ledger.relate([i], weeks, `${goalKey(g)}~weeks`);
    }
  }
}

/**
 * Partner rules: no shown figure may be a partner's own count plus 1 to threshold - 1 of others
 * (a partner would subtract itself); in the partners' copy, a figure needs `minPartners` partners.
 */
function applyPartnerRules(b: Builder, audience: Audience, contributions: Contributions | undefined): void {
  if (!contributions) {
    // Without knowing who contributed, the partners' copy cannot show any count safely.
    if (audience === 'partners' && b.rules.minPartners > 1) for (let i = 0; i < b.ledger.size; i++) if (b.ledger.isPublished(i)) b.ledger.hideForPartners(i);
    return;
  }
  const totals = new PartnerTotals(contributions);
  for (let i = 0; i < b.ledger.size; i++) {
    const place = b.cells.placeOf(i);
    const value = b.ledger.valueOf(i);
    if (!b.ledger.isPublished(i) || !place || value === 0) continue;
    const counts = totals.over(place, b.cells.weeksOf(i)!);
    let partners = 0;
    let othersSmall = false;
    for (const n of counts) {
      if (n <= 0) continue;
      partners++;
      if (value - n > 0 && value - n < b.rules.threshold) othersSmall = true;
    }
    if (othersSmall || (audience === 'partners' && partners < b.rules.minPartners)) b.ledger.hideForPartners(i);
  }
}

/** Declare every section's figures and relations, apply the partner rules, then suppress. */
function protectedLedger(report: Report, opts: ProtectOptions): { ledger: Ledger; series: DemandSeries[]; table: DemandSeries[]; weekMarks: WeekMarks } {
  const b = new Builder(report, opts.rules ?? DEFAULT_RULES);
  const series = publishedSeries(report);
  // The downloadable table goes with the shared copy only (the portal serves partners their HTML alone).
  const table = (opts.audience ?? 'public') === 'public' ? regionWeekSeries(report) : [];
  // Every weekly count published anywhere, once: a region's week is one figure in the chart and the table.
  const weekly = [...series, ...table.filter((t) => !series.some((s) => s.channel === t.channel && s.region === t.region))];
  declareTables(b);
  declareWeeks(b, weekly, series);
  declareLift(b, series);
  declareGoals(b, weekly);
  applyPartnerRules(b, opts.audience ?? 'public', opts.contributions);
  b.ledger.protect();
  // A series' weeks are looked up in its region's map, found once per series (not once per week).
  const weekMarks: WeekMarks = (channel, region) => {
    const figs = b.weekFiguresOf(channel, region);
    return (week) => {
      const i = figs?.get(week);
      return i === undefined ? 'shown' : b.ledger.markAt(i);
    };
  };
  return { ledger: b.ledger, series, table, weekMarks };
}

/** Run the disclosure step: the only way to make a {@link ProtectedReport}. */
export function protectReport(report: Report, opts: ProtectOptions = {}): ProtectedReport {
  const { ledger, series, table, weekMarks } = protectedLedger(report, opts);
  const copy = buildCopy(report, series, table, ledger, weekMarks, opts.rules ?? DEFAULT_RULES, opts.audience ?? 'public');
  // Side by side with earlier follow-ups: every window from a protected copy, never from report.json.
  if (report.followUpView) {
    const earlier = (opts.earlier ?? []).map((e) => ({ label: e.label, report: protectReport(e.report, { ...opts, earlier: [] }) }));
    const view = followUpView({ ...report, serviceDemand: copy.serviceDemand, ...(copy.lift ? { lift: copy.lift } : {}) }, earlier);
    if (view) copy.followUpView = view;
  }
  return copy;
}

/** The ledger behind a protected copy (figures, relations, marks), for audits and tests. */
export function disclosureLedger(report: Report, opts: ProtectOptions = {}): Ledger {
  return protectedLedger(report, opts).ledger;
}

/** How the weekly points of a channel's region are disclosed, week by week. */
type WeekMarks = (channel: string, region: string) => (week: string) => Mark;

function buildCopy(r: Report, series: DemandSeries[], table: DemandSeries[], ledger: Ledger, weekMarks: WeekMarks, rules: DisclosureRules, audience: Audience): ProtectedReport {
  const marks: ProtectedReport['marks'] = new WeakMap();
  const markOfKey = (key: string): Mark => ledger.markOf(key) ?? 'shown';
  const show = (n: number, mark: Mark): number => (mark === 'shown' ? roundCount(n, rules) : Number.NaN);

  const serviceDemand: DemandComparison[] = r.serviceDemand.map((d) => {
    const mb = markOfKey(tableKey(d, 'baseline'));
    const mc = markOfKey(tableKey(d, 'campaign'));
    const row: DemandComparison = { ...d, baseline: show(d.baseline, mb), campaign: show(d.campaign, mc) };
    setMark(marks, row, 'baseline', mb);
    setMark(marks, row, 'campaign', mc);
    if (mb !== 'shown' || mc !== 'shown') Object.assign(row, { rateRatio: null, ciLow: null, ciHigh: null, pValue: null, withheld: true });
    else if (rules.roundTo > 1) {
      // Statistics from the published (rounded) counts, so they cannot undo the rounding.
      // With the report's over-dispersion scale (the counts' spread does not change with rounding), so a
      // rounded copy never shows a Poisson-only interval the report itself did not use.
      const scale = d.dispersion?.scale ?? 1;
      const s = upliftRatio({ baseline: row.baseline, compared: row.campaign, baselineExposure: d.baselineDays, comparedExposure: d.campaignDays, dispersion: scale > 1 ? { phi: scale, df: 1e6 } : null });
      Object.assign(row, { rateRatio: s.rateRatio, ciLow: s.ciLow, ciHigh: s.ciHigh, pValue: s.pValue });
    }
    return row;
  });

  const weeksOf = (s: DemandSeries): DemandSeries => {
    const markOfWeek = weekMarks(s.channel, s.region);
    return {
      ...s,
      weeks: s.weeks.map((w) => {
        const m = markOfWeek(w.weekStart);
        const week = { ...w, count: show(w.count, m) };
        setMark(marks, week, 'count', m);
        return week;
      }),
    };
  };
  const demandSeries = series.map(weeksOf);

  const lift: CampaignLift[] = (r.lift ?? []).map((l) => {
    const totalMark = ledger.markOf(liftTotalKey(l)) ?? 'shown';
    const anyPoint = l.result.series.some((p) => ledger.index(liftKey(l, p.date)) === undefined || markOfKey(liftKey(l, p.date)) !== 'shown');
    const result = { ...l.result, series: [...l.result.series], cumulative: [...l.result.cumulative] };
    const out: CampaignLift = { ...l, result };
    if (totalMark !== 'shown') {
      Object.assign(result, { att: null, incremental: null, lift: null, ciLow: null, ciHigh: null, pValue: null });
      out.withheld = true;
    } else if (rules.roundTo > 1 && result.incremental !== null) result.incremental = roundCount(result.incremental, rules);
    // Observed, counterfactual and cumulative together give back each period: draw none of them unless all are shown.
    if (totalMark !== 'shown' || anyPoint || rules.roundTo > 1) {
      Object.assign(result, { series: [], cumulative: [] });
      out.chartsWithheld = true;
    }
    return out;
  });

  const goals: GoalResult[] = r.goals.map((g) => {
    const out: GoalResult = { ...g, ...(g.pacing ? { pacing: { ...g.pacing } } : {}) };
    let hidden: Mark = 'shown';
    if (isServiceCount(g) && g.actual !== null) hidden = markOfKey(goalKey(g));
    if (g.kind === 'uplift') hidden = upliftWithheld(g, serviceDemand) ? 'secondary' : 'shown';
    if (g.kind === 'lift') hidden = lift.find((l) => l.channel === g.metric && l.window === 'campaign')?.withheld ? 'secondary' : 'shown';
    if (hidden !== 'shown') {
      Object.assign(out, { actual: Number.NaN, attainment: null });
      delete out.pacing;
      setMark(marks, out, 'actual', hidden);
    } else if (g.kind === 'uplift' && g.actual !== null && rules.roundTo > 1) {
      // The change from the published (rounded) counts, as in the table.
      const used = upliftRows(g, serviceDemand);
      const ratio = used.length === 1 ? used[0]!.rateRatio : null;
      if (ratio === null) {
        Object.assign(out, { actual: Number.NaN, attainment: null });
        setMark(marks, out, 'actual', 'secondary');
      } else Object.assign(out, { actual: (ratio - 1) * 100, attainment: g.target === 0 ? null : ((ratio - 1) * 100) / g.target });
    } else if (isServiceCount(g) && g.actual !== null && rules.roundTo > 1) {
      out.actual = roundCount(g.actual, rules);
      out.attainment = g.direction === 'at_most' ? g.target / (out.actual || Number.NaN) : out.actual / g.target;
      if (out.pacing) {
        const projected = roundCount(out.pacing.projected, rules);
        out.pacing = { ...out.pacing, projected, projectedAttainment: projected / g.target };
      }
    }
    return out;
  });

  const base = {
    ...r,
    schemaVersion: r.schemaVersion,
    generatedAt: r.generatedAt,
    asOf: r.asOf,
    phase: r.phase,
    ...(r.followUp ? { followUp: r.followUp } : {}),
    campaign: r.campaign,
    goals,
    delivery: r.delivery,
    serviceDemand,
    demandSeries,
    ...(table.length ? { regionWeeks: table.map(weeksOf) } : {}),
    ...(r.lift ? { lift } : {}),
  };
  delete (base as Partial<Report>).followUpView;
  delete (base as Partial<Report>).narrative;
  if (r.valueForMoney) base.valueForMoney = protectValue(r.valueForMoney, lift, rules);
  const narrative = draftNarrative({ ...base, internal: true, notice: '' });
  return seal({ ...base, internal: false, audience, rules, marks, narrative, caveats: r.caveats });
}

/** Cost per additional contact rests on the lift's extra contacts: withheld with them, rounded with them. */
function protectValue(v: NonNullable<Report['valueForMoney']>, lift: CampaignLift[], rules: DisclosureRules): NonNullable<Report['valueForMoney']> {
  const withheld = (channel: string) => lift.some((l) => l.channel === channel && l.window === 'campaign' && l.withheld);
  const none = { incremental: null, incrementalLow: null, incrementalHigh: null, cost: null, costLow: null, costHigh: null };
  const perContact = v.perContact.map((p) =>
    withheld(p.channel)
      ? { ...p, ...none, note: 'not shown: it would let a reader work out a small count' }
      : rules.roundTo > 1 && p.incremental !== null
        ? { ...p, incremental: roundCount(p.incremental, rules) }
        : p,
  );
  const out = { ...v, perContact };
  if (v.sroi && withheld(v.sroi.inputs.channel))
    out.sroi = { ...v.sroi, value: null, valueLow: null, valueHigh: null, ratio: null, ratioLow: null, ratioHigh: null };
  return out;
}

/** An uplift goal's change rests on the table rows of its regions: withheld when any of them is. */
function upliftWithheld(g: GoalResult, rows: DemandComparison[]): boolean {
  return upliftRows(g, rows).some((d) => d.withheld === true);
}

/** The table rows an uplift goal's change is made of: its regions, or the pooled targeted row. */
function upliftRows(g: GoalResult, rows: DemandComparison[]): DemandComparison[] {
  const inWindow = rows.filter((d) => d.channel === g.metric && d.window === 'campaign');
  return g.regions.length ? inWindow.filter((d) => g.regions.includes(d.region)) : inWindow.filter((d) => d.region === 'targeted');
}
