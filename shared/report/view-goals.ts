/**
 * Goal rows, display-ready. Targets are plans, not data, so they are not suppressed; actuals that are
 * counts of service use go through the same disclosure as the service-demand tables.
 */
import { hiddenLabel, type ProtectedReport } from './disclosure/protected-report.ts';
import {
  formatDate,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  NOT_AVAILABLE,
} from './format.ts';
import { metricLabel, regionLabel, STATUS_LABEL } from './labels.ts';
import type { GoalResult, GoalStatus } from './report-types.ts';
import { isSmallCount, suppressCount } from './suppress.ts';
import { WITHHELD, type DemandDisclosure } from './view-demand.ts';

/** One display-ready goal row. */
export interface GoalRowView {
  id: string;
  label: string;
  /** What is measured where, e.g. "Change vs baseline; Cambridgeshire (GB-CAM)"; empty when the label says it all */
  scope: string;
  target: string;
  actual: string;
  attainment: string;
  status: GoalStatus;
  /** Plain word: Met / Partly met / Missed / Pending / Not enough data */
  statusLabel: string;
  /** Projection for pending goals, e.g. "projected 460,000 by 29 March 2026 (92% of target)" */
  projection?: string;
  note?: string;
}

type ValueKind = 'count' | 'money' | 'percent' | 'change';

function valueKind(g: GoalResult): ValueKind {
  if (g.kind === 'uplift' || g.kind === 'lift') return 'change';
  if (g.metric === 'ctr') return 'percent';
  if (g.metric === 'cpm' || g.metric === 'cpc' || g.metric === 'spend') return 'money';
  return 'count';
}

function formatValue(v: number, kind: ValueKind, currency: string): string {
  switch (kind) {
    case 'money':
      return formatMoney(v, currency);
    case 'percent':
      return formatPercent(v, 2);
    case 'change':
      return formatSignedPercent(v, 1);
    case 'count':
      return formatNumber(v);
  }
}

/**
 * How the actual is shown, and whether it is hidden (then attainment and projection are hidden too,
 * since actual = attainment x target would give it away). The protected copy decided what is hidden.
 */
function actualText(g: GoalResult, report: ProtectedReport): { text: string; hidden: boolean } {
  if (g.actual === null) return { text: NOT_AVAILABLE, hidden: false };
  const kind = valueKind(g);
  const label = hiddenLabel(report, g, 'actual');
  if (label) return { text: kind === 'count' ? label : WITHHELD, hidden: true };
  // Ad counts (not people) get the primary rule only; service counts were decided by the protected copy.
  if (kind === 'count') return { text: suppressCount(g.actual), hidden: isSmallCount(g.actual) };
  return { text: formatValue(g.actual, kind, report.campaign.currency), hidden: false };
}

function projectionText(g: GoalResult, report: ProtectedReport, kind: ValueKind): string | undefined {
  if (!g.pacing) return undefined;
  const p = g.pacing;
  const projected = kind === 'count' ? suppressCount(p.projected) : formatValue(p.projected, kind, report.campaign.currency);
  return `projected ${projected} by ${formatDate(report.campaign.end)} (${formatFractionAsPercent(p.projectedAttainment)} of target)`;
}

const words = (s: string): string => s.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * What the goal measures, in words, leaving out what its label already says:
 * "change vs baseline; Cambridgeshire (GB-CAM)". Empty when the label says it all.
 */
function scopeText(g: GoalResult, label: string): string {
  const parts: string[] = [];
  if (!` ${words(label)} `.includes(` ${words(metricLabel(g.metric))} `)) parts.push(metricLabel(g.metric));
  if (g.kind === 'uplift') parts.push('change vs baseline');
  if (g.kind === 'lift') parts.push('lift vs control regions');
  if (g.regions.length) parts.push(g.regions.map(regionLabel).join(', '));
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Display-ready goal rows, in report order; `words` for the target's direction in another language. */
export function goalsView(report: ProtectedReport, _disclosure?: DemandDisclosure, words = { atLeast: 'at least', atMost: 'at most' }): GoalRowView[] {
  const currency = report.campaign.currency;
  return report.goals.map((g) => {
    const kind = valueKind(g);
    const actual = actualText(g, report);
    const direction = g.direction === 'at_most' ? words.atMost : words.atLeast;
    const label = g.label || metricLabel(g.metric);
    const row: GoalRowView = {
      id: g.id,
      label,
      scope: scopeText(g, label),
      target: `${direction} ${formatValue(g.target, kind, currency)}`,
      actual: actual.text,
      attainment: actual.hidden ? WITHHELD : formatFractionAsPercent(g.attainment),
      status: g.status,
      statusLabel: STATUS_LABEL[g.status],
    };
    if (g.status === 'pending') {
      const projection = actual.hidden ? undefined : projectionText(g, report, kind);
      if (projection) row.projection = projection;
    }
    if (g.note) row.note = g.note;
    return row;
  });
}
