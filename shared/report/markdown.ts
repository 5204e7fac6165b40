/**
 * report.md: the report as Markdown, ready to paste into a post-campaign review.
 * All counts come suppressed from the shared view (see view.ts, suppress.ts).
 */
import { en } from '../i18n/en.ts';
import { REGION_WEEKS_FILE } from './region-weeks-csv.ts';
import type { ProtectedReport } from './disclosure/protected-report.ts';
import type { CampaignLift } from './report-types.ts';
import { WITHHELD, WITHHELD_NOTE } from './view-demand.ts';
import { LIFT_INTRO } from './view-lift.ts';
import { buildView, type ReportView } from './view.ts';

/** Options for {@link renderMarkdown}. */
export interface MarkdownRenderOptions {
  /**
   * Replaces the built-in geo-lift section (`report.lift`). Return Markdown (already escaped) for a
   * section, or an empty string for none.
   */
  renderLiftSection?: (lift: CampaignLift[], report: ProtectedReport) => string;
}

/**
 * Escape text from the report for Markdown: no raw HTML, links, emphasis or table breaks can come
 * from a campaign name or note. Leaves `<5` and `<0.001` alone (they cannot start an HTML tag).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** {@link escapeMarkdown} for text that starts a block (paragraph, list item): no heading, quote or list marker. */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdown(text).replace(/^([#>+-]|\d+[.)])/, '\\$1');
}

const e = escapeMarkdown;
const eb = escapeMarkdownBlock;

function table(headers: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const head = `| ${headers.join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function goals(v: ReportView): string {
  if (v.goals.length === 0) return '## Goals\n\nNo goals were set for this campaign.';
  const rows = v.goals.map((g) => {
    const goal = g.scope ? `${e(g.label)} – ${e(g.scope)}` : e(g.label);
    const status = g.projection ? `**${g.statusLabel}**: ${e(g.projection)}` : `**${g.statusLabel}**`;
    return [goal, e(g.target), e(g.actual), e(g.attainment), status];
  });
  const notes = v.goals.filter((g) => g.note).map((g) => `- ${eb(g.label)}: ${e(g.note ?? '')}`);
  if (v.goals.some((g) => g.attainment === WITHHELD)) notes.push(`- ${e(WITHHELD_NOTE)}`);
  return [
    '## Goals',
    table(['Goal', 'Target', 'Actual', 'Attainment', 'Status'], ['l', 'r', 'r', 'r', 'l'], rows),
    ...(notes.length ? [`Notes on goals:\n\n${notes.join('\n')}`] : []),
  ].join('\n\n');
}

function valueSection(v: ReportView): string {
  const x = v.valueForMoney;
  if (!x) return '';
  return [
    '## Value for money',
    table(['Measure', 'Value'], ['l', 'r'], x.lines.map((l) => [e(l.label), e(l.value)])),
    ...(x.perContact.length
      ? [table(['Channel', 'Additional contacts (95% interval)', 'Cost per additional contact', 'How'], ['l', 'r', 'r', 'l'], x.perContact.map((p) => [e(p.channel), e(p.additional), e(p.cost), e(p.note)]))]
      : []),
    `Assumptions:\n\n${x.assumptions.map((a) => `- ${eb(a)}`).join('\n')}`,
  ].join('\n\n');
}

function readiness(v: ReportView): string {
  const r = v.readiness;
  if (!r) return '';
  return [
    '## Before launch: readiness',
    e(r.intro),
    '### Baseline data by partner and week',
    r.coverage.length
      ? table(['Partner', 'Channel', 'Region', 'Role', 'Whole weeks reported', 'Gaps'], ['l', 'l', 'l', 'l', 'r', 'l'], r.coverage.map((c) => [e(c.partner), e(c.channel), e(c.region), e(c.role), e(c.weeks), e(c.missing)]))
      : 'No partner has sent baseline counts yet.',
    ...(r.fit.length ? ['### Control regions: fit before the campaign', r.fit.map((f) => `- ${eb(f.channel)}: ${e(f.text)}`).join('\n')] : []),
    ...(r.plan.length
      ? ['### Smallest change the campaign could detect', table(['Channel', 'Minimum detectable lift (80% power)', 'Method'], ['l', 'l', 'l'], r.plan.map((p) => [e(p.channel), e(p.mdl), e(p.method)]))]
      : []),
  ].join('\n\n');
}

function delivery(v: ReportView): string {
  const d = v.delivery;
  const parts = ['## Ad delivery', table(['Measure', 'Value'], ['l', 'r'], d.lines.map((l) => [e(l.label), e(l.value)]))];
  if (d.platforms.length) {
    parts.push(
      '### Delivery by platform',
      table(
        ['Platform', 'Rows used', 'Impressions', 'Reach', 'Clicks (all)', 'Link clicks', 'Spend', 'CTR', 'Data up to'],
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        d.platforms.map((p) => [e(p.platform), e(p.rows), e(p.impressions), e(p.reach), e(p.clicks), e(p.linkClicks), e(p.spend), e(p.ctr), e(p.dataUpTo)]),
      ),
      `What each export contained:\n\n${d.platforms.flatMap((p) => p.exports.map((x) => `- ${eb(p.platform)}: ${e(x)}`)).join('\n')}`,
    );
  }
  if (d.byRegion.length) {
    parts.push(
      '### Delivery by region',
      table(
        ['Region', 'Impressions', 'Clicks (all)', 'Link clicks', 'Spend'],
        ['l', 'r', 'r', 'r', 'r'],
        d.byRegion.map((r) => [e(r.region), e(r.impressions), e(r.clicks), e(r.linkClicks), e(r.spend)]),
      ),
      ...(d.byRegionNote ? [e(d.byRegionNote)] : []),
    );
  }
  return parts.join('\n\n');
}

function demand(v: ReportView): string {
  if (v.demand.length === 0) return '## Service demand\n\nNo service-demand data was available.';
  const parts = ['## Service demand'];
  for (const t of v.demand) {
    parts.push(`### ${e(t.caption)}`);
    parts.push(
      table(
        ['Channel', 'Region', 'Baseline', t.comparedHeading, 'Change in daily rate', '95% CI of change', 'p-value'],
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
        t.rows.map((r) => [
          e(r.channel),
          r.pooled ? `**${e(r.region)}**` : e(r.region),
          e(r.baseline),
          e(r.campaign),
          e(r.change),
          e(r.ci),
          e(r.pValue),
        ]),
      ),
    );
    const notes = t.rows.filter((r) => r.note).map((r) => `- ${eb(r.channel)}, ${e(r.region)}: ${e(r.note ?? '')}`);
    if (t.anyWithheld) notes.unshift(`- ${e(WITHHELD_NOTE)}`);
    if (notes.length) parts.push(notes.join('\n'));
  }
  return parts.join('\n\n');
}

function lift(v: ReportView): string {
  const rows = v.lift.map((l) => [e(l.channel), e(l.window), e(l.method), e(l.lift), e(l.ci), e(l.incremental), e(l.pValue), e(l.fit)]);
  const notes = v.lift.flatMap((l) => l.notes.map((n) => `- ${eb(l.channel)} (${e(l.window)}): ${e(n)}`));
  if (v.lift.some((l) => l.lift === WITHHELD)) notes.push(`- ${e(WITHHELD_NOTE)}`);
  return [
    '## Geo lift',
    LIFT_INTRO,
    table(
      ['Channel', 'Window', 'Method', 'Lift', '95% CI of lift', 'Extra contacts', 'p-value', 'Fit before the campaign'],
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
      rows,
    ),
    ...(notes.length ? [notes.join('\n')] : []),
  ].join('\n\n');
}

function completeness(v: ReportView): string {
  const c = v.completeness;
  if (!c) return '';
  const heads = c.windowLabels;
  const rows = c.rows.map((r) => [
    e(r.partner), e(r.region), e(r.channel),
    ...heads.map((h) => { const w = r.windows.find((x) => x.label === h); return w ? `${e(w.reported)}; missing weeks: ${e(w.missing)}` : ''; }),
    e(r.used),
  ]);
  return [
    '## Data completeness',
    e(c.intro),
    table(['Partner', 'Region', 'Channel', ...heads, 'Counted'], ['l', 'l', 'l', ...heads.map(() => 'l' as const), 'l'], rows),
    ...(c.notes.length ? [c.notes.map((n) => `- ${eb(n)}`).join('\n')] : []),
  ].join('\n\n');
}

/**
 * Render a report as Markdown. Pure and deterministic: the same report gives the same text.
 * @example writeFileSync('report.md', renderMarkdown(protectReport(report)))
 */
export function renderMarkdown(report: ProtectedReport, options: MarkdownRenderOptions = {}): string {
  const v = buildView(report);
  const facts = v.facts.map((f) => `- **${e(f.label)}:** ${e(f.value)}`).join('\n');
  const sections = [
    `# ${e(v.title)}`,
    `**${e(v.phaseLabel)}.** ${e(v.phaseText)}`,
    facts,
    goals(v),
    readiness(v),
    delivery(v),
    demand(v),
  ];
  if (report.regionWeeks?.length)
    sections.push(`${e(en.report.regionWeeks(new Set(report.regionWeeks.map((s) => s.region)).size))}[${e(en.report.regionWeeksLink)}](${REGION_WEEKS_FILE}).`);
  if (report.lift?.length) sections.push(options.renderLiftSection ? options.renderLiftSection(report.lift, report) : lift(v));
  sections.push(valueSection(v));
  if (v.followUps)
    sections.push(
      ['## Campaign and follow-ups side by side', table(['Measure', ...v.followUps.columns.map(e)], ['l', ...v.followUps.columns.map(() => 'r' as const)], v.followUps.rows.map((r) => [e(r.label), ...r.cells.map(e)]))].join('\n\n'),
    );
  sections.push(completeness(v));
  if (v.narrative.length) sections.push(['## Summary (draft)', ...v.narrative.map(eb)].join('\n\n'));
  if (v.caveats.length) sections.push(['## Caveats', v.caveats.map((c) => `- ${eb(c)}`).join('\n')].join('\n\n'));
  sections.push(`---\n\n*Small counts:* ${e(v.footer)}`);
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}
