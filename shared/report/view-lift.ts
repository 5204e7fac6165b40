/**
 * Geo-lift results (`report.lift`), display-ready, with the same disclosure care as the demand tables:
 * statistics and charts come from the protected copy, which withholds them when they would give
 * back a hidden count (lift and incremental give back the observed total; the charts each period).
 */
import { periodDays } from './charts/scale.ts';
import { formatDateRange, formatNumber, formatPValue, formatSignedPercent, NOT_AVAILABLE, plural } from './format.ts';
import { metricLabel } from './labels.ts';
import type { ProtectedReport } from './disclosure/protected-report.ts';
import type { CampaignLift } from './report-types.ts';
import { WITHHELD, type DemandDisclosure } from './view-demand.ts';

/** One plain-words paragraph that introduces the lift table in both renderers. */
export const LIFT_INTRO =
  'Geo lift compares the targeted regions with what the control regions suggest would have happened without the campaign ' +
  '(the counterfactual). Lift is the change against that counterfactual; extra contacts is the estimated number above it.';

/** Method names in plain words. */
export const LIFT_METHOD_LABEL: Record<CampaignLift['result']['method'], string> = {
  scm: 'Synthetic control',
  tbr: 'Time-based regression',
  did: 'Difference-in-differences',
  prepost: 'Before and after (no control)',
};

/** One display-ready lift row. */
export interface LiftRowView {
  channel: string;
  /** "Campaign, 2 to 29 March 2026" */
  window: string;
  method: string;
  lift: string;
  ci: string;
  incremental: string;
  pValue: string;
  /** Pre-period fit in words, e.g. "R² 0.82, typical error 12%" */
  fit: string;
  notes: string[];
  /** False when a chart would reveal a count of 1 to 4 (or there is nothing to plot). */
  chartable: boolean;
  /** Why there is no chart, when there is none and the reason matters to a reader. */
  noChartReason?: string;
}

function ciText(low: number | null, high: number | null): string {
  if (low === null) return NOT_AVAILABLE;
  if (!Number.isFinite(low)) return high === null || !Number.isFinite(high) ? 'no limits' : `up to ${formatSignedPercent(high * 100)} (no lower limit)`;
  // JSON turns an infinite upper limit into null: the interval is open-ended.
  if (high === null || !Number.isFinite(high)) return `${formatSignedPercent(low * 100)} or more (no upper limit)`;
  return `${formatSignedPercent(low * 100)} to ${formatSignedPercent(high * 100)}`;
}

function fitText(f: CampaignLift['result']['preFit'], dates: string[]): string {
  const parts: string[] = [];
  if (typeof f.r2 === 'number') parts.push(`R² ${formatNumber(f.r2, 2)}`);
  if (typeof f.mape === 'number') parts.push(`typical error ${formatNumber(f.mape * 100, 0)}%`);
  const days = periodDays(dates);
  const unit = days === 7 ? 'week' : days === 1 ? 'day' : 'period';
  if (f.periods) parts.push(`${plural(f.periods, unit)} before`);
  return parts.length ? parts.join(', ') : NOT_AVAILABLE;
}

/** Display-ready lift rows, in report order. */
export function liftView(report: ProtectedReport, _disclosure?: DemandDisclosure): LiftRowView[] {
  return (report.lift ?? []).map((l) => {
    const r = l.result;
    const windowLabel = `${l.window === 'campaign' ? 'Campaign' : 'Follow-up'}, ${formatDateRange(l.start, l.end)}`;
    const withheld = l.withheld === true;
    const notes = [
      ...(r.insufficient ? [`Not enough data: ${r.insufficient}`] : [`Method: ${LIFT_METHOD_LABEL[r.method] ?? r.method}, because ${r.reason === 'requested' ? 'it was asked for' : r.reason}`]),
      ...(r.refused ? [`No effect is claimed: ${r.refused}`] : []),
      ...(r.diagnostics ?? []).map((d) => `Check: ${d}`),
      ...(r.notes ?? []),
    ].map(sentence);
    const observedSmall = l.chartsWithheld === true;
    const row: LiftRowView = {
      channel: metricLabel(l.channel),
      window: windowLabel,
      method: r.insufficient ? 'No estimate' : LIFT_METHOD_LABEL[r.method] ?? r.method,
      lift: withheld ? WITHHELD : r.lift === null ? NOT_AVAILABLE : formatSignedPercent(r.lift * 100),
      ci: withheld ? WITHHELD : ciText(r.ciLow, r.ciHigh),
      incremental: withheld ? WITHHELD : r.incremental === null ? NOT_AVAILABLE : formatSignedNumber(r.incremental),
      pValue: withheld ? WITHHELD : formatPValue(r.pValue),
      fit: fitText(r.preFit, r.series.map((p) => p.date)),
      notes,
      chartable: !withheld && !observedSmall && r.series.length > 1,
    };
    if (withheld || observedSmall) row.noChartReason = 'Charts left out: they would let a reader work out a small count in some periods.';
    return row;
  });
}

// Notes from the estimators are lower-case fragments; show them as sentences.
function sentence(s: string): string {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** An estimate with an explicit sign, rounded to whole contacts: "+23", "-4". */
function formatSignedNumber(n: number): string {
  const r = Math.round(n);
  return `${r > 0 ? '+' : ''}${formatNumber(r)}`;
}
