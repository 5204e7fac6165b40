/**
 * Service-demand tables, display-ready: one table per compared window, counts suppressed,
 * and the change, confidence interval and p-value withheld where they rest on a hidden count.
 */
import { formatDateRange, formatPValue, formatRatioAsChange, NOT_AVAILABLE, plural } from './format.ts';
import { metricLabel, regionLabel } from './labels.ts';
import { hiddenLabel, markOf, type ProtectedReport } from './disclosure/protected-report.ts';
import type { DemandComparison } from './report-types.ts';
import { suppressCount, type Disclosure } from './suppress.ts';

/** Shown instead of a statistic that would let a reader work out a hidden count. */
export const WITHHELD = 'not shown';

/** Explains {@link WITHHELD} under a table that uses it. */
export const WITHHELD_NOTE = 'Not shown: the figure would let a reader work out a small count.';

/** One display-ready row. */
export interface DemandRowView {
  channel: string;
  region: string;
  /** true for the pooled `targeted` / `control` rows */
  pooled: boolean;
  role: DemandComparison['role'];
  baseline: string;
  campaign: string;
  change: string;
  ci: string;
  pValue: string;
  note?: string;
}

/** One table: the rows for one compared window. */
export interface DemandTableView {
  window: DemandComparison['window'];
  caption: string;
  /** Header for the compared-window column: "Campaign" or "Follow-up". */
  comparedHeading: string;
  rows: DemandRowView[];
  /** True when some statistic in the table is withheld (renderers then add {@link WITHHELD_NOTE}). */
  anyWithheld: boolean;
}

/** Disclosure of every count cell, so other tables (goals) can honour the same hiding. */
export interface DemandDisclosure {
  /** key: `${channel}|${region}|${window}|baseline|campaign` */
  cells: Map<string, Disclosure>;
  /** rows whose change statistics are withheld; key `${channel}|${region}|${window}` */
  withheldRows: Set<string>;
}

/** Key of one count cell in {@link DemandDisclosure.cells}. */
export function cellKey(channel: string, region: string, window: string, column: 'baseline' | 'campaign'): string {
  return `${channel}|${region}|${window}|${column}`;
}

const isPooled = (c: DemandComparison): boolean => c.region === 'targeted' || c.region === 'control';

/** The disclosure of every count cell, read from the protected copy (disclosure/protect.ts decided it). */
export function demandDisclosure(report: ProtectedReport): DemandDisclosure {
  const cells = new Map<string, Disclosure>();
  const withheldRows = new Set<string>();
  for (const r of report.serviceDemand) {
    for (const c of ['baseline', 'campaign'] as const) {
      const m = markOf(report, r, c);
      cells.set(cellKey(r.channel, r.region, r.window, c), m === 'shown' ? 'shown' : m === 'small' ? 'small' : 'secondary');
    }
    if (r.withheld) withheldRows.add(`${r.channel}|${r.region}|${r.window}`);
  }
  return { cells, withheldRows };
}

// Targeted before control, regions before their pooled row, then by region code: a stable reading order.
function order(a: DemandComparison, b: DemandComparison): number {
  if (a.channel !== b.channel) return a.channel < b.channel ? -1 : 1;
  if (a.role !== b.role) return a.role === 'targeted' ? -1 : 1;
  if (isPooled(a) !== isPooled(b)) return isPooled(a) ? 1 : -1;
  return a.region < b.region ? -1 : a.region > b.region ? 1 : 0;
}

function rowView(report: ProtectedReport, r: DemandComparison, disclosure: DemandDisclosure): DemandRowView {
  const cell = (c: 'baseline' | 'campaign'): string => hiddenLabel(report, r, c) ?? suppressCount(r[c]);
  const withheld = disclosure.withheldRows.has(`${r.channel}|${r.region}|${r.window}`);
  const ci =
    r.ciLow !== null && r.ciHigh !== null ? `${formatRatioAsChange(r.ciLow)} to ${formatRatioAsChange(r.ciHigh)}` : NOT_AVAILABLE;
  const view: DemandRowView = {
    channel: metricLabel(r.channel),
    region: regionLabel(r.region),
    pooled: isPooled(r),
    role: r.role,
    baseline: cell('baseline'),
    campaign: cell('campaign'),
    change: withheld ? WITHHELD : formatRatioAsChange(r.rateRatio),
    ci: withheld ? WITHHELD : ci,
    pValue: withheld ? WITHHELD : formatPValue(r.pValue),
  };
  // Say which interval was used where it differs from the exact test (pooled rows carry the claim).
  const widened = isPooled(r) && r.interval === 'quasi-poisson' ? 'interval widened: the baseline weeks vary more than Poisson counts would (quasi-Poisson)' : undefined;
  const note = [r.note, widened].filter(Boolean).join('; ');
  if (note) view.note = note;
  return view;
}

function caption(report: ProtectedReport, window: DemandComparison['window'], first: DemandComparison | undefined): string {
  const b = report.campaign.baseline;
  const baseDays = first ? ` (${plural(first.baselineDays, 'day')})` : '';
  const cmpDays = first ? ` (${plural(first.campaignDays, 'day')})` : '';
  if (window === 'follow_up') {
    const fu = report.followUp;
    const range = fu ? formatDateRange(fu.window.start, fu.window.end) : 'follow-up window';
    const label = fu ? `Follow-up (${fu.label})` : 'Follow-up';
    return `${label}: ${range}${cmpDays}, compared with the baseline ${formatDateRange(b.start, b.end)}${baseDays}`;
  }
  const c = report.campaign;
  return `Campaign ${formatDateRange(c.start, c.end)}${cmpDays}, compared with the baseline ${formatDateRange(b.start, b.end)}${baseDays}`;
}

/**
 * Display-ready service-demand tables (campaign window first, then follow-up) and the
 * disclosure map used to keep other tables consistent.
 */
export function demandView(report: ProtectedReport): { tables: DemandTableView[]; disclosure: DemandDisclosure } {
  const disclosure = demandDisclosure(report);
  const tables: DemandTableView[] = [];
  for (const window of ['campaign', 'follow_up'] as const) {
    const rows = report.serviceDemand.filter((r) => r.window === window).sort(order);
    if (rows.length === 0) continue;
    tables.push({
      window,
      caption: caption(report, window, rows[0]),
      comparedHeading: window === 'campaign' ? 'Campaign' : 'Follow-up',
      rows: rows.map((r) => rowView(report, r, disclosure)),
      anyWithheld: rows.some((r) => disclosure.withheldRows.has(`${r.channel}|${r.region}|${r.window}`)),
    });
  }
  return { tables, disclosure };
}
