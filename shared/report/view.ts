/**
 * The whole report as display-ready text, built once and shared by the Markdown and HTML renderers,
 * so both say exactly the same thing and suppress exactly the same cells.
 */
import { daysBetween, inclusiveDays } from '../domain/dates.ts';
import { formatDate, formatDateRange, formatSignedPercent, formatTimestamp, plural } from './format.ts';
import { metricLabel, PHASE_LABEL, regionLabel } from './labels.ts';
import { platformLabel } from './view-delivery.ts';
import type { ProtectedReport } from './disclosure/protected-report.ts';
import { suppressionNote } from './suppress.ts';
import { deliveryView, type DeliveryView } from './view-delivery.ts';
import { completenessView, type CompletenessView } from './view-completeness.ts';
import { demandView, type DemandTableView } from './view-demand.ts';
import { goalsView, type GoalRowView } from './view-goals.ts';
import { liftView, type LiftRowView } from './view-lift.ts';
import { readinessView, type ReadinessView } from './view-readiness.ts';
import { valueView, type ValueView } from './view-value.ts';

/** Everything a renderer needs, as plain strings (not yet escaped). */
export interface ReportView {
  title: string;
  notice: string;
  phase: ProtectedReport['phase'];
  phaseLabel: string;
  /** One or two sentences about where the campaign stands (pacing, post, follow-up). */
  phaseText: string;
  facts: { label: string; value: string }[];
  goals: GoalRowView[];
  delivery: DeliveryView;
  demand: DemandTableView[];
  narrative: string[];
  caveats: string[];
  /** Geo-lift rows (empty when the report has none). */
  lift: LiftRowView[];
  /** Before launch only. */
  readiness?: ReadinessView;
  valueForMoney?: ValueView;
  /** At a follow-up: campaign, 3-month and 6-month results side by side. */
  followUps?: { columns: string[]; rows: { label: string; cells: string[] }[] };
  /** Which partner reported which periods; null for reports without the completeness model. */
  completeness: CompletenessView | null;
  footer: string;
}

function phaseText(r: ProtectedReport): string {
  const c = r.campaign;
  switch (r.phase) {
    case 'not_started':
      return `The campaign has not started yet. It runs ${formatDateRange(c.start, c.end)}.`;
    case 'running': {
      const total = inclusiveDays(c.start, c.end);
      const elapsed = Math.min(total, Math.max(0, inclusiveDays(c.start, r.asOf)));
      const left = Math.max(0, daysBetween(r.asOf, c.end));
      return (
        `The campaign is running: day ${elapsed} of ${total} as of ${formatDate(r.asOf)}, ${plural(left, 'day')} to go. ` +
        'Goals marked Pending show where each figure is heading at the current pace; they are projections, not results.'
      );
    }
    case 'post':
      return `The campaign ended on ${formatDate(c.end)}. Figures are as of ${formatDate(r.asOf)}.`;
    case 'follow_up': {
      const fu = r.followUp;
      const win = fu ? ` The follow-up window is ${formatDateRange(fu.window.start, fu.window.end)}.` : '';
      return `Follow-up review${fu ? ` (${fu.label})` : ''}: the campaign ended on ${formatDate(c.end)}, figures are as of ${formatDate(r.asOf)}.${win}`;
    }
  }
}

/** Build the display-ready view of a report. Pure: the same report always gives the same view. */
export function buildView(r: ProtectedReport): ReportView {
  const c = r.campaign;
  const demand = demandView(r);
  const facts = [
    { label: 'Campaign', value: formatDateRange(c.start, c.end) },
    { label: 'Baseline', value: formatDateRange(c.baseline.start, c.baseline.end) },
  ];
  if (r.followUp) facts.push({ label: `Follow-up (${r.followUp.label})`, value: formatDateRange(r.followUp.window.start, r.followUp.window.end) });
  facts.push(
    { label: 'Targeted regions', value: c.regions.targeted.map(regionLabel).join(', ') || 'none' },
    { label: 'Control regions', value: c.regions.control.map(regionLabel).join(', ') || 'none (no geo-lift comparison)' },
    { label: 'Figures as of', value: formatDate(r.asOf) },
    ...(r.dataReceived?.length
      ? [{ label: 'Data received up to', value: r.dataReceived.map((d) => `${d.kind === 'ad_platform' ? platformLabel(d.source) : d.source} ${formatDate(d.upTo)}`).join('; ') }]
      : []),
    { label: 'Generated', value: formatTimestamp(r.generatedAt) },
  );
  return {
    title: c.name,
    notice: 'Shared copy: small counts are hidden.',
    phase: r.phase,
    phaseLabel: PHASE_LABEL[r.phase],
    phaseText: phaseText(r),
    facts,
    goals: goalsView(r, demand.disclosure),
    delivery: deliveryView(r),
    demand: demand.tables,
    narrative: r.narrative,
    caveats: r.caveats,
    lift: liftView(r, demand.disclosure),
    ...(r.readiness ? { readiness: readinessView(r)! } : {}),
    ...(r.valueForMoney ? { valueForMoney: valueView(r)! } : {}),
    ...(r.followUpView
      ? {
          followUps: {
            columns: r.followUpView.columns,
            rows: r.followUpView.rows.map((row) => ({
              label: `${metricLabel(row.channel)}: ${row.measure === 'lift_vs_control' ? 'lift vs control regions' : 'change vs baseline'}`,
              cells: row.values.map((v) =>
                v.value === null ? (v.note ? `– (${v.note})` : '–') : `${formatSignedPercent(v.value)} (${formatSignedPercent(v.ciLow)} to ${formatSignedPercent(v.ciHigh)})`,
              ),
            })),
          },
        }
      : {}),
    completeness: completenessView(r),
    footer: suppressionNote(r.rules, r.audience),
  };
}
