/**
 * report.html: one self-contained file (inline CSS and SVG, no scripts, no external URLs) with the
 * same content as report.md plus charts. Every string from the report is escaped.
 */
import { deliveryChart, demandChannels, demandChart, liftCumulativeChart, liftObservedChart } from './charts.ts';
import { escapeHtml } from './escape.ts';
import { REPORT_CSS } from './html-style.ts';
import { metricLabel } from './labels.ts';
import type { ProtectedReport } from './disclosure/protected-report.ts';
import type { CampaignLift, GoalStatus } from './report-types.ts';
import { WITHHELD, WITHHELD_NOTE } from './view-demand.ts';
import { LIFT_INTRO } from './view-lift.ts';
import { buildView, type ReportView } from './view.ts';

/** Options for {@link renderHtml}. */
export interface HtmlRenderOptions {
  /**
   * Replaces the built-in geo-lift section (`report.lift`). Return an HTML fragment (a `<section>`;
   * the hook must escape every string itself). `lineChart`, `liftObservedChart` and
   * `liftCumulativeChart` from charts.ts draw the usual lift charts.
   */
  renderLiftSection?: (lift: CampaignLift[], report: ProtectedReport) => string;
}

const h = escapeHtml;

const BADGE: Record<GoalStatus, { cls: string; icon: string }> = {
  met: { cls: 'met', icon: '✓' },
  partly: { cls: 'partly', icon: '◐' },
  missed: { cls: 'missed', icon: '✕' },
  pending: { cls: 'pending', icon: '…' },
  insufficient_data: { cls: 'insufficient', icon: '?' },
};

/** A visible status badge: icon and word, so colour is never the only cue. */
export function statusBadge(status: GoalStatus, label: string): string {
  const b = BADGE[status];
  return `<span class="badge badge-${b.cls}"><span aria-hidden="true">${b.icon}</span> ${h(label)}</span>`;
}

/** A data cell that stacks as "Label: value" on phones. */
function td(label: string, content: string, num = false): string {
  return `<td${num ? ' class="num"' : ''} data-label="${h(label)}">${content}</td>`;
}

function thead(cols: { label: string; num?: boolean }[]): string {
  return `<thead><tr>${cols.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${h(c.label)}</th>`).join('')}</tr></thead>`;
}

function goalsSection(v: ReportView): string {
  const out = ['<section aria-labelledby="goals-h">', '<h2 id="goals-h">Goals</h2>'];
  if (v.goals.length === 0) {
    out.push('<p>No goals were set for this campaign.</p>', '</section>');
    return out.join('\n');
  }
  const cols = [{ label: 'Goal' }, { label: 'Target', num: true }, { label: 'Actual', num: true }, { label: 'Attainment', num: true }, { label: 'Status' }];
  const rows = v.goals.map((g) => {
    const scope = g.scope ? `<span class="scope">${h(g.scope)}</span>` : '';
    const note = g.note ? `<span class="note">${h(g.note)}</span>` : '';
    const projection = g.projection ? `<span class="projection">${h(g.projection)}</span>` : '';
    return `<tr class="goal goal-${BADGE[g.status].cls}">${td('Goal', `${h(g.label)}${scope}${note}`)}${td('Target', h(g.target), true)}${td('Actual', h(g.actual), true)}${td('Attainment', h(g.attainment), true)}${td('Status', `${statusBadge(g.status, g.statusLabel)}${projection}`)}</tr>`;
  });
  out.push(
    '<div class="table-wrap">',
    `<table class="stack goals"><caption>Goals: target, actual and status${v.phase === 'running' ? ' (Pending goals show a projection to the end date)' : ''}</caption>`,
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`,
    '</div>',
  );
  if (v.goals.some((g) => g.attainment === WITHHELD)) out.push(`<p class="note">${h(WITHHELD_NOTE)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function figure(svg: string | null, caption: string): string {
  if (!svg) return '';
  return `<figure class="chart-figure"><div class="chart-box">\n${svg}\n</div><figcaption>${caption}</figcaption></figure>`;
}

function followUpSection(v: ReportView): string {
  const f = v.followUps;
  if (!f) return '';
  const cols = ['Measure', ...f.columns];
  return [
    '<section aria-labelledby="followups-h">',
    '<h2 id="followups-h">Campaign and follow-ups side by side</h2>',
    '<div class="table-wrap"><table class="stack follow-ups"><caption>Change in the targeted regions (95% interval) in each window</caption>',
    thead(cols.map((label, i) => ({ label, num: i > 0 }))),
    `<tbody>\n${f.rows.map((r) => `<tr>${[r.label, ...r.cells].map((c, i) => td(cols[i]!, h(c), i > 0)).join('')}</tr>`).join('\n')}\n</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

function valueSection(v: ReportView): string {
  const x = v.valueForMoney;
  if (!x) return '';
  const out = ['<section aria-labelledby="value-h">', '<h2 id="value-h">Value for money</h2>'];
  out.push(
    '<div class="table-wrap"><table class="delivery value"><caption>Cost and value</caption>',
    thead([{ label: 'Measure' }, { label: 'Value' }]),
    `<tbody>\n${x.lines.map((l) => `<tr><th scope="row">${h(l.label)}</th><td class="num">${h(l.value)}</td></tr>`).join('\n')}\n</tbody></table></div>`,
  );
  if (x.perContact.length) {
    const cols = ['Channel', 'Additional contacts (95% interval)', 'Cost per additional contact', 'How'];
    out.push(
      '<div class="table-wrap"><table class="stack value-contacts"><caption>Cost per additional contact</caption>',
      thead(cols.map((label, i) => ({ label, num: i === 1 || i === 2 }))),
      `<tbody>\n${x.perContact.map((p) => `<tr>${[p.channel, p.additional, p.cost, p.note].map((c, i) => td(cols[i]!, h(c), i === 1 || i === 2)).join('')}</tr>`).join('\n')}\n</tbody></table></div>`,
    );
  }
  out.push(`<p class="note">Assumptions:</p><ul class="note">${x.assumptions.map((a) => `<li>${h(a)}</li>`).join('')}</ul>`, '</section>');
  return out.join('\n');
}

function readinessSection(v: ReportView): string {
  const r = v.readiness;
  if (!r) return '';
  const table = (cls: string, caption: string, cols: string[], rows: string[][]) =>
    `<div class="table-wrap"><table class="stack ${cls}"><caption>${h(caption)}</caption>${thead(cols.map((label) => ({ label })))}<tbody>\n${rows
      .map((row) => `<tr>${row.map((c, i) => td(cols[i]!, h(c))).join('')}</tr>`)
      .join('\n')}\n</tbody></table></div>`;
  const out = ['<section aria-labelledby="readiness-h">', '<h2 id="readiness-h">Before launch: readiness</h2>', `<p>${h(r.intro)}</p>`];
  out.push(
    r.coverage.length
      ? table('readiness-coverage', 'Baseline data by partner and week', ['Partner', 'Channel', 'Region', 'Role', 'Whole weeks reported', 'Gaps'], r.coverage.map((c) => [c.partner, c.channel, c.region, c.role, c.weeks, c.missing]))
      : '<p>No partner has sent baseline counts yet.</p>',
  );
  if (r.fit.length) out.push('<h3>Control regions: fit before the campaign</h3>', `<ul>${r.fit.map((f) => `<li><strong>${h(f.channel)}</strong>: ${h(f.text)}</li>`).join('')}</ul>`);
  if (r.plan.length) out.push(table('readiness-plan', 'Smallest change the campaign could detect', ['Channel', 'Minimum detectable lift (80% power)', 'Method'], r.plan.map((p) => [p.channel, p.mdl, p.method])));
  out.push('</section>');
  return out.join('\n');
}

function deliverySection(v: ReportView, report: ProtectedReport): string {
  const d = v.delivery;
  const out = ['<section aria-labelledby="delivery-h">', '<h2 id="delivery-h">Ad delivery</h2>'];
  out.push(
    '<div class="table-wrap"><table class="delivery"><caption>Delivery summary for the whole campaign</caption>',
    thead([{ label: 'Measure' }, { label: 'Value' }]),
    `<tbody>\n${d.lines.map((l) => `<tr><th scope="row">${h(l.label)}</th><td class="num">${h(l.value)}</td></tr>`).join('\n')}\n</tbody></table></div>`,
  );
  if (d.platforms.length) {
    const cols = ['Platform', 'Rows used', 'Impressions', 'Reach', 'Clicks (all)', 'Link clicks', 'Spend', 'CTR', 'Data up to'];
    const rows = d.platforms.map((p) => {
      const cells = [p.platform, p.rows, p.impressions, p.reach, p.clicks, p.linkClicks, p.spend, p.ctr, p.dataUpTo];
      return `<tr>${cells.map((c, i) => td(cols[i]!, h(c), i >= 2 && i <= 7)).join('')}</tr>`;
    });
    out.push(
      '<h3 id="delivery-platform-h">Delivery by platform</h3>',
      '<div class="table-wrap"><table class="stack by-platform"><caption>Each platform from its own best kind of rows; combined figures above add them</caption>',
      thead(cols.map((label, i) => ({ label, num: i >= 2 && i <= 7 }))),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
      `<p class="note">What each export contained:</p><ul class="exports note">${d.platforms.flatMap((p) => p.exports.map((x) => `<li><strong>${h(p.platform)}</strong>: ${h(x)}</li>`)).join('')}</ul>`,
    );
  }
  out.push(
    figure(
      deliveryChart(report, 'chart-delivery'),
      '<strong>Daily ad delivery.</strong> Impressions (bars) and link clicks (line) per day; the campaign period is shaded.',
    ),
  );
  if (d.byRegion.length) {
    const cols = [{ label: 'Region' }, { label: 'Impressions', num: true }, { label: 'Clicks (all)', num: true }, { label: 'Link clicks', num: true }, { label: 'Spend', num: true }];
    const rows = d.byRegion.map(
      (r) =>
        `<tr>${td('Region', h(r.region))}${td('Impressions', h(r.impressions), true)}${td('Clicks (all)', h(r.clicks), true)}${td('Link clicks', h(r.linkClicks), true)}${td('Spend', h(r.spend), true)}</tr>`,
    );
    out.push(
      '<h3 id="delivery-region-h">Delivery by region</h3>',
      '<div class="table-wrap"><table class="stack by-region"><caption>Delivery by region, as reported by the ad platforms</caption>',
      thead(cols),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
      d.byRegionNote ? `<p class="note">${h(d.byRegionNote)}</p>` : '',
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function demandSection(v: ReportView, report: ProtectedReport): string {
  const out = ['<section aria-labelledby="demand-h">', '<h2 id="demand-h">Service demand</h2>'];
  if (v.demand.length === 0) out.push('<p>No service-demand data was available.</p>');
  v.demand.forEach((t) => {
    const cols = [
      { label: 'Channel' },
      { label: 'Region' },
      { label: 'Baseline', num: true },
      { label: t.comparedHeading, num: true },
      { label: 'Change in daily rate', num: true },
      { label: '95% CI of change', num: true },
      { label: 'p-value', num: true },
    ];
    const rows = t.rows.map((r) => {
      const note = r.note ? `<span class="note">${h(r.note)}</span>` : '';
      return `<tr${r.pooled ? ' class="pooled"' : ''}>${td('Channel', h(r.channel))}${td('Region', `${h(r.region)}${note}`)}${td('Baseline', h(r.baseline), true)}${td(t.comparedHeading, h(r.campaign), true)}${td('Change in daily rate', h(r.change), true)}${td('95% CI of change', h(r.ci), true)}${td('p-value', h(r.pValue), true)}</tr>`;
    });
    out.push(
      `<div class="table-wrap"><table class="stack demand demand-${h(t.window)}"><caption>${h(t.caption)}</caption>`,
      thead(cols),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    );
    if (t.anyWithheld) out.push(`<p class="note">${h(WITHHELD_NOTE)}</p>`);
  });
  demandChannels(report).forEach((channel, i) => {
    const name = metricLabel(channel);
    const svg = demandChart(report, channel, `chart-demand-${i + 1}`);
    const band = svg?.includes('class="small-band"') ? ' Weeks with 1 to 4 sit on the shaded &lt;5 band as hollow markers, not at their value.' : '';
    const control = report.campaign.regions.control.length ? ', pooled control regions dashed' : '';
    const gaps = report.demandSeries.some((s) => s.channel === channel && (s.missingWeeks ?? []).length > 0)
      ? ' A gap in a line is a week not every partner of that region reported in full: it is left out, not drawn as a drop (see Data completeness).'
      : '';
    out.push(
      figure(
        svg,
        `<strong>${h(name)} per week.</strong> Targeted regions as solid lines${control}; ${report.followUp ? 'the baseline, campaign and follow-up' : 'the baseline and campaign'} periods are shaded.${band}${gaps}`,
      ),
    );
  });
  out.push('</section>');
  return out.join('\n');
}

function completenessSection(v: ReportView): string {
  const c = v.completeness;
  if (!c) return '';
  const cols = [{ label: 'Partner' }, { label: 'Region' }, { label: 'Channel' }, ...c.windowLabels.map((label) => ({ label })), { label: 'Counted' }];
  const rows = c.rows.map((r) => {
    const wins = c.windowLabels.map((l) => { const w = r.windows.find((x) => x.label === l); return td(l, w ? `${h(w.reported)}<span class="note">Missing weeks: ${h(w.missing)}</span>` : ''); }).join('');
    return `<tr>${td('Partner', h(r.partner))}${td('Region', h(r.region))}${td('Channel', h(r.channel))}${wins}${td('Counted', h(r.used))}</tr>`;
  });
  return [
    '<section aria-labelledby="completeness-h">',
    '<h2 id="completeness-h">Data completeness</h2>',
    `<p>${h(c.intro)}</p>`,
    '<div class="table-wrap"><table class="stack completeness"><caption>Which partner reported which periods</caption>',
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    ...(c.notes.length ? [`<ul>\n${c.notes.map((n) => `<li>${h(n)}</li>`).join('\n')}\n</ul>`] : []),
    '</section>',
  ].join('\n');
}

function liftSection(v: ReportView, report: ProtectedReport, options: HtmlRenderOptions): string {
  const lifts = report.lift ?? [];
  if (lifts.length === 0) return '';
  if (options.renderLiftSection) return options.renderLiftSection(lifts, report);
  const cols = [
    { label: 'Channel' },
    { label: 'Window' },
    { label: 'Method' },
    { label: 'Lift', num: true },
    { label: '95% CI of lift', num: true },
    { label: 'Extra contacts', num: true },
    { label: 'p-value', num: true },
    { label: 'Fit before the campaign' },
  ];
  const rows = v.lift.map((l) => {
    const notes = l.notes.map((n) => `<span class="note">${h(n)}</span>`).join('');
    return `<tr>${td('Channel', h(l.channel))}${td('Window', h(l.window))}${td('Method', `${h(l.method)}${notes}`)}${td('Lift', h(l.lift), true)}${td('95% CI of lift', h(l.ci), true)}${td('Extra contacts', h(l.incremental), true)}${td('p-value', h(l.pValue), true)}${td('Fit before the campaign', h(l.fit))}</tr>`;
  });
  const out = [
    '<section aria-labelledby="lift-h">',
    '<h2 id="lift-h">Geo lift</h2>',
    `<p>${h(LIFT_INTRO)}</p>`,
    '<div class="table-wrap"><table class="stack lift"><caption>Geo lift by channel and window</caption>',
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
  ];
  if (v.lift.some((l) => l.lift === WITHHELD)) out.push(`<p class="note">${h(WITHHELD_NOTE)}</p>`);
  lifts.forEach((l, i) => {
    const row = v.lift[i];
    if (!row) return;
    const what = `${h(row.channel)} (${h(row.window)})`;
    if (!row.chartable) {
      if (row.noChartReason) out.push(`<p class="note">${what}: ${h(row.noChartReason)}</p>`);
      return;
    }
    out.push(
      figure(liftObservedChart(report, l, `chart-lift-${i + 1}-observed`), `<strong>${what}: observed vs counterfactual.</strong> The dashed line is what the control regions suggest would have happened without the campaign.`),
      figure(liftCumulativeChart(report, l, `chart-lift-${i + 1}-cumulative`), `<strong>${what}: cumulative extra contacts.</strong> The shaded band is the 95% interval; a band that stays clear of zero suggests a real change.`),
    );
  });
  out.push('</section>');
  return out.join('\n');
}

/**
 * Render a report as a self-contained HTML page. Pure and deterministic.
 * @example writeFileSync('report.html', renderHtml(protectReport(report)))
 */
export function renderHtml(report: ProtectedReport, options: HtmlRenderOptions = {}): string {
  const v = buildView(report);
  const facts = v.facts.map((f) => `<dt>${h(f.label)}</dt><dd>${h(f.value)}</dd>`).join('\n');
  const narrative = v.narrative.length
    ? `<section aria-labelledby="summary-h"><h2 id="summary-h">Summary (draft)</h2><div class="draft">\n${v.narrative.map((p) => `<p>${h(p)}</p>`).join('\n')}\n</div></section>`
    : '';
  const caveats = v.caveats.length
    ? `<section aria-labelledby="caveats-h"><h2 id="caveats-h">Caveats</h2><ul>\n${v.caveats.map((c) => `<li>${h(c)}</li>`).join('\n')}\n</ul></section>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even if a string slipped through, the page may load nothing from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(v.title)}: campaign report</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header class="report-header">',
    `<p class="kicker">Campaign report · ${h(v.phaseLabel)}</p>`,
    `<h1>${h(v.title)}</h1>`,
    `<p class="phase">${h(v.phaseText)}</p>`,
    `<dl class="facts">\n${facts}\n</dl>`,
    '</header>',
    '<main>',
    goalsSection(v),
    readinessSection(v),
    deliverySection(v, report),
    demandSection(v, report),
    liftSection(v, report, options),
    valueSection(v),
    followUpSection(v),
    completenessSection(v),
    narrative,
    caveats,
    '</main>',
    `<footer class="report-footer"><p><strong>Small counts.</strong> ${h(v.footer)}</p></footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
