/**
 * The whole report as display-ready text, built once and shared by the Markdown and HTML renderers,
 * so both say exactly the same thing and suppress exactly the same cells.
 */
import { daysBetween, inclusiveDays } from '../domain/dates.ts';
import { en, type Messages } from '../i18n/en.ts';
import { dateIn } from '../i18n/index.ts';
import { formatDate, formatDateRange, formatSignedPercent, formatTimestamp } from './format.ts';
import { metricLabel, regionLabel } from './labels.ts';
import { smallLabel } from './disclosure/rules.ts';
import { SECONDARY_LABEL } from './suppress.ts';
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

/** Dates in the report's language: English as format.ts writes them, others by Intl. */
export function reportDates(t: Messages): { date: (iso: string) => string; range: (a: string, b: string) => string } {
  if (t.lang === 'en') return { date: formatDate, range: formatDateRange };
  return { date: (iso) => dateIn(t, iso), range: (a, b) => t.report.dateRange(dateIn(t, a), dateIn(t, b)) };
}

function phaseText(r: ProtectedReport, t: Messages): string {
  const c = r.campaign;
  const w = t.report;
  const { date, range } = reportDates(t);
  switch (r.phase) {
    case 'not_started':
      return w.notStartedText(range(c.start, c.end));
    case 'running': {
      const total = inclusiveDays(c.start, c.end);
      const elapsed = Math.min(total, Math.max(0, inclusiveDays(c.start, r.asOf)));
      const left = Math.max(0, daysBetween(r.asOf, c.end));
      return w.runningText(elapsed, total, date(r.asOf), left);
    }
    case 'post':
      return w.postText(date(c.end), date(r.asOf));
    case 'follow_up': {
      const fu = r.followUp;
      return w.followUpText(fu?.label ?? '', date(c.end), date(r.asOf), fu ? range(fu.window.start, fu.window.end) : '');
    }
  }
}

/** The small-counts note: English from suppress.ts; a partners' copy in another language from its strings. */
function footerNote(r: ProtectedReport, t: Messages): string {
  if (t.lang === 'en' || r.audience !== 'partners') return suppressionNote(r.rules, r.audience);
  return t.report.smallCountsNote(t.report.rangeOneTo(r.rules.threshold - 1), smallLabel(r.rules), r.rules.roundTo, SECONDARY_LABEL, r.rules.minPartners);
}

/**
 * Build the display-ready view of a report. Pure: the same report always gives the same view.
 * `t` words the headings, labels and dates (the partners' copy in their language); the figures and
 * what is suppressed come from the protected report alone, so they are the same in every language.
 */
export function buildView(r: ProtectedReport, t: Messages = en): ReportView {
  const c = r.campaign;
  const w = t.report;
  const { date, range } = reportDates(t);
  const demand = demandView(r);
  const facts = [
    { label: w.factCampaign, value: range(c.start, c.end) },
    { label: w.factBaseline, value: range(c.baseline.start, c.baseline.end) },
  ];
  if (r.followUp) facts.push({ label: w.factFollowUp(r.followUp.label), value: range(r.followUp.window.start, r.followUp.window.end) });
  facts.push(
    { label: w.factTargeted, value: c.regions.targeted.map(regionLabel).join(', ') || w.none },
    { label: w.factControl, value: c.regions.control.map(regionLabel).join(', ') || w.noneNoLift },
    { label: w.factAsOf, value: date(r.asOf) },
    ...(r.dataReceived?.length
      ? [{ label: w.factReceived, value: r.dataReceived.map((d) => `${d.kind === 'ad_platform' ? platformLabel(d.source) : d.source} ${date(d.upTo)}`).join('; ') }]
      : []),
    { label: w.factGenerated, value: t.lang === 'en' ? formatTimestamp(r.generatedAt) : `${date(r.generatedAt.slice(0, 10))}, ${r.generatedAt.slice(11, 16)} UTC` },
  );
  return {
    title: c.name,
    notice: 'Shared copy: small counts are hidden.',
    phase: r.phase,
    phaseLabel: w.phase[r.phase],
    phaseText: phaseText(r, t),
    facts,
    goals: goalsView(r, demand.disclosure, w),
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
    footer: footerNote(r, t),
  };
}
