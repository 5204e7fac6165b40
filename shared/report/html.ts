/**
 * report.html: one self-contained file (inline CSS and SVG, no scripts, no external URLs) with the
 * same content as report.md plus charts. Every string from the report is escaped.
 */
import { deliveryChart, demandChannels, demandChart, liftCumulativeChart, liftObservedChart } from './charts.ts';
import { escapeHtml } from './escape.ts';
import { REPORT_CSS } from './html-style.ts';
import { KNOWN_CHANNELS } from '../domain/metrics.ts';
import { metricLabel, regionLabel } from './labels.ts';
import type { ProtectedReport } from './disclosure/protected-report.ts';
import type { CampaignLift, GoalStatus } from './report-types.ts';
import { en, type Messages } from '../i18n/en.ts';
import { WITHHELD } from './view-demand.ts';
import { buildView, type ReportView } from './view.ts';
import { REGION_WEEKS_FILE } from './region-weeks-csv.ts';

/** The words of a report's headings and labels, in one language. */
type Words = Messages['report'];

/** Options for {@link renderHtml}. */
export interface HtmlRenderOptions {
  /**
   * Replaces the built-in geo-lift section (`report.lift`). Return an HTML fragment (a `<section>`;
   * the hook must escape every string itself). `lineChart`, `liftObservedChart` and
   * `liftCumulativeChart` from charts.ts draw the usual lift charts.
   */
  renderLiftSection?: (lift: CampaignLift[], report: ProtectedReport) => string;
  /**
   * The language of the headings, labels and dates (shared/i18n; default English): partners get
   * their copy in their language. Figures and suppression are the protected report's, whatever it is.
   */
  language?: Messages;
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

/** A cell's text, with the withheld marker in the report's language. */
const cell = (w: Words, text: string): string => h(text === WITHHELD ? w.withheld : text);

/** A known channel's or pooled region's label in the report's language (others as written). */
function term(w: Words, label: string): string {
  const channel = KNOWN_CHANNELS.find((c) => metricLabel(c) === label);
  if (channel) return w.channels[channel];
  if (label === regionLabel('targeted')) return w.pooledTargeted;
  if (label === regionLabel('control')) return w.pooledControl;
  return label;
}

function goalsSection(v: ReportView, w: Words): string {
  const out = ['<section aria-labelledby="goals-h">', `<h2 id="goals-h">${h(w.goals)}</h2>`];
  if (v.goals.length === 0) {
    out.push(`<p>${h(w.noGoals)}</p>`, '</section>');
    return out.join('\n');
  }
  const cols = [{ label: w.goal }, { label: w.target, num: true }, { label: w.actual, num: true }, { label: w.attainment, num: true }, { label: w.status }];
  const rows = v.goals.map((g) => {
    const scope = g.scope ? `<span class="scope">${h(g.scope)}</span>` : '';
    const note = g.note ? `<span class="note">${h(g.note)}</span>` : '';
    const projection = g.projection ? `<span class="projection">${h(g.projection)}</span>` : '';
    return `<tr class="goal goal-${BADGE[g.status].cls}">${td(w.goal, `${h(g.label)}${scope}${note}`)}${td(w.target, cell(w, g.target), true)}${td(w.actual, cell(w, g.actual), true)}${td(w.attainment, cell(w, g.attainment), true)}${td(w.status, `${statusBadge(g.status, w.statuses[g.status])}${projection}`)}</tr>`;
  });
  out.push(
    '<div class="table-wrap">',
    `<table class="stack goals"><caption>${h(w.goalsCaption)}${v.phase === 'running' ? h(w.pendingCaption) : ''}</caption>`,
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`,
    '</div>',
  );
  if (v.goals.some((g) => g.attainment === WITHHELD)) out.push(`<p class="note">${h(w.withheldNote)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function figure(svg: string | null, caption: string): string {
  if (!svg) return '';
  return `<figure class="chart-figure"><div class="chart-box">\n${svg}\n</div><figcaption>${caption}</figcaption></figure>`;
}

function followUpSection(v: ReportView, w: Words): string {
  const f = v.followUps;
  if (!f) return '';
  const cols = [w.measure, ...f.columns];
  return [
    '<section aria-labelledby="followups-h">',
    `<h2 id="followups-h">${h(w.followUps)}</h2>`,
    `<div class="table-wrap"><table class="stack follow-ups"><caption>${h(w.followUpsCaption)}</caption>`,
    thead(cols.map((label, i) => ({ label, num: i > 0 }))),
    `<tbody>\n${f.rows.map((r) => `<tr>${[r.label, ...r.cells].map((c, i) => td(cols[i]!, h(c), i > 0)).join('')}</tr>`).join('\n')}\n</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

function valueSection(v: ReportView, w: Words): string {
  const x = v.valueForMoney;
  if (!x) return '';
  const out = ['<section aria-labelledby="value-h">', `<h2 id="value-h">${h(w.valueForMoney)}</h2>`];
  out.push(
    `<div class="table-wrap"><table class="delivery value"><caption>${h(w.costAndValue)}</caption>`,
    thead([{ label: w.measure }, { label: w.value }]),
    `<tbody>\n${x.lines.map((l) => `<tr><th scope="row">${h(l.label)}</th><td class="num">${h(l.value)}</td></tr>`).join('\n')}\n</tbody></table></div>`,
  );
  if (x.perContact.length) {
    const cols = [w.channel, w.additionalContacts, w.costPerContact, w.how];
    out.push(
      `<div class="table-wrap"><table class="stack value-contacts"><caption>${h(w.costPerContact)}</caption>`,
      thead(cols.map((label, i) => ({ label, num: i === 1 || i === 2 }))),
      `<tbody>\n${x.perContact.map((p) => `<tr>${[p.channel, p.additional, p.cost, p.note].map((c, i) => td(cols[i]!, h(c), i === 1 || i === 2)).join('')}</tr>`).join('\n')}\n</tbody></table></div>`,
    );
  }
  out.push(`<p class="note">${h(w.assumptions)}</p><ul class="note">${x.assumptions.map((a) => `<li>${h(a)}</li>`).join('')}</ul>`, '</section>');
  return out.join('\n');
}

function readinessSection(v: ReportView, w: Words): string {
  const r = v.readiness;
  if (!r) return '';
  const table = (cls: string, caption: string, cols: string[], rows: string[][]) =>
    `<div class="table-wrap"><table class="stack ${cls}"><caption>${h(caption)}</caption>${thead(cols.map((label) => ({ label })))}<tbody>\n${rows
      .map((row) => `<tr>${row.map((c, i) => td(cols[i]!, h(c))).join('')}</tr>`)
      .join('\n')}\n</tbody></table></div>`;
  const out = ['<section aria-labelledby="readiness-h">', `<h2 id="readiness-h">${h(w.readiness)}</h2>`, `<p>${h(r.intro)}</p>`];
  out.push(
    r.coverage.length
      ? table('readiness-coverage', w.baselineByPartner, [w.partner, w.channel, w.region, w.role, w.wholeWeeks, w.gaps], r.coverage.map((c) => [c.partner, term(w, c.channel), term(w, c.region), c.role, c.weeks, c.missing]))
      : `<p>${h(w.noBaseline)}</p>`,
  );
  if (r.fit.length) out.push(`<h3>${h(w.controlFit)}</h3>`, `<ul>${r.fit.map((f) => `<li><strong>${h(f.channel)}</strong>: ${h(f.text)}</li>`).join('')}</ul>`);
  if (r.plan.length) out.push(table('readiness-plan', w.smallestChange, [w.channel, w.mdl, w.method], r.plan.map((p) => [p.channel, p.mdl, p.method])));
  out.push('</section>');
  return out.join('\n');
}

function deliverySection(v: ReportView, report: ProtectedReport, w: Words): string {
  const d = v.delivery;
  const out = ['<section aria-labelledby="delivery-h">', `<h2 id="delivery-h">${h(w.delivery)}</h2>`];
  out.push(
    `<div class="table-wrap"><table class="delivery"><caption>${h(w.deliverySummary)}</caption>`,
    thead([{ label: w.measure }, { label: w.value }]),
    `<tbody>\n${d.lines.map((l) => `<tr><th scope="row">${h(l.label)}</th><td class="num">${h(l.value)}</td></tr>`).join('\n')}\n</tbody></table></div>`,
  );
  if (d.platforms.length) {
    const cols = [w.platform, w.rowsUsed, w.impressions, w.reach, w.clicksAll, w.linkClicks, w.spend, w.ctr, w.dataUpTo];
    const rows = d.platforms.map((p) => {
      const cells = [p.platform, p.rows, p.impressions, p.reach, p.clicks, p.linkClicks, p.spend, p.ctr, p.dataUpTo];
      return `<tr>${cells.map((c, i) => td(cols[i]!, h(c), i >= 2 && i <= 7)).join('')}</tr>`;
    });
    out.push(
      `<h3 id="delivery-platform-h">${h(w.byPlatform)}</h3>`,
      `<div class="table-wrap"><table class="stack by-platform"><caption>${h(w.byPlatformCaption)}</caption>`,
      thead(cols.map((label, i) => ({ label, num: i >= 2 && i <= 7 }))),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
      `<p class="note">${h(w.exportsContained)}</p><ul class="exports note">${d.platforms.flatMap((p) => p.exports.map((x) => `<li><strong>${h(p.platform)}</strong>: ${h(x)}</li>`)).join('')}</ul>`,
    );
  }
  out.push(
    figure(
      deliveryChart(report, 'chart-delivery'),
      `<strong>${h(w.dailyDelivery)}</strong> ${h(w.dailyDeliveryText)}`,
    ),
  );
  if (d.byRegion.length) {
    const cols = [{ label: w.region }, { label: w.impressions, num: true }, { label: w.clicksAll, num: true }, { label: w.linkClicks, num: true }, { label: w.spend, num: true }];
    const rows = d.byRegion.map(
      (r) =>
        `<tr>${td(w.region, h(r.region))}${td(w.impressions, h(r.impressions), true)}${td(w.clicksAll, h(r.clicks), true)}${td(w.linkClicks, h(r.linkClicks), true)}${td(w.spend, h(r.spend), true)}</tr>`,
    );
    out.push(
      `<h3 id="delivery-region-h">${h(w.byRegion)}</h3>`,
      `<div class="table-wrap"><table class="stack by-region"><caption>${h(w.byRegionCaption)}</caption>`,
      thead(cols),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
      d.byRegionNote ? `<p class="note">${h(d.byRegionNote)}</p>` : '',
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function demandSection(v: ReportView, report: ProtectedReport, w: Words): string {
  const out = ['<section aria-labelledby="demand-h">', `<h2 id="demand-h">${h(w.demand)}</h2>`];
  if (v.demand.length === 0) out.push(`<p>${h(w.noDemand)}</p>`);
  v.demand.forEach((t) => {
    const cols = [
      { label: w.channel },
      { label: w.region },
      { label: w.baseline, num: true },
      { label: t.comparedHeading, num: true },
      { label: w.changeRate, num: true },
      { label: w.changeCi, num: true },
      { label: w.pValue, num: true },
    ];
    const rows = t.rows.map((r) => {
      const note = r.note ? `<span class="note">${h(r.note)}</span>` : '';
      return `<tr${r.pooled ? ' class="pooled"' : ''}>${td(w.channel, h(term(w, r.channel)))}${td(w.region, `${h(term(w, r.region))}${note}`)}${td(w.baseline, cell(w, r.baseline), true)}${td(t.comparedHeading, cell(w, r.campaign), true)}${td(w.changeRate, cell(w, r.change), true)}${td(w.changeCi, cell(w, r.ci), true)}${td(w.pValue, cell(w, r.pValue), true)}</tr>`;
    });
    out.push(
      `<div class="table-wrap"><table class="stack demand demand-${h(t.window)}"><caption>${h(t.caption)}</caption>`,
      thead(cols),
      `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    );
    if (t.anyWithheld) out.push(`<p class="note">${h(w.withheldNote)}</p>`);
  });
  demandChannels(report).forEach((channel, i) => {
    const name = (KNOWN_CHANNELS as readonly string[]).includes(channel) ? w.channels[channel as (typeof KNOWN_CHANNELS)[number]] : metricLabel(channel);
    const svg = demandChart(report, channel, `chart-demand-${i + 1}`);
    const band = svg?.includes('class="small-band"') ? h(w.smallBand) : '';
    const control = report.campaign.regions.control.length ? h(w.controlDashed) : '';
    const gaps = report.demandSeries.some((s) => s.channel === channel && (s.missingWeeks ?? []).length > 0) ? h(w.chartGaps) : '';
    out.push(figure(svg, `<strong>${h(w.perWeek(name))}</strong> ${h(w.targetedSolid)}${control}; ${h(report.followUp ? w.shadedWithFollowUp : w.shaded)}${band}${gaps}`));
  });
  // Charts that pool regions: the full per-region weekly table beside report.html (shared copy only).
  if (report.regionWeeks?.length) {
    const regions = new Set(report.regionWeeks.map((s) => s.region)).size;
    out.push(`<p class="region-weeks">${h(w.regionWeeks(regions))}<a href="${REGION_WEEKS_FILE}" download>${h(w.regionWeeksLink)}</a>.</p>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function completenessSection(v: ReportView, w: Words): string {
  const c = v.completeness;
  if (!c) return '';
  const cols = [{ label: w.partner }, { label: w.region }, { label: w.channel }, ...c.windowLabels.map((label) => ({ label })), { label: w.counted }];
  const rows = c.rows.map((r) => {
    const wins = c.windowLabels.map((l) => { const x = r.windows.find((y) => y.label === l); return td(l, x ? `${h(x.reported)}<span class="note">${h(w.missingWeeks)}${h(x.missing)}</span>` : ''); }).join('');
    return `<tr>${td(w.partner, h(r.partner))}${td(w.region, h(term(w, r.region)))}${td(w.channel, h(term(w, r.channel)))}${wins}${td(w.counted, h(r.used))}</tr>`;
  });
  return [
    '<section aria-labelledby="completeness-h">',
    `<h2 id="completeness-h">${h(w.completeness)}</h2>`,
    `<p>${h(c.intro)}</p>`,
    `<div class="table-wrap"><table class="stack completeness"><caption>${h(w.completenessCaption)}</caption>`,
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    ...(c.notes.length ? [`<ul>\n${c.notes.map((n) => `<li>${h(n)}</li>`).join('\n')}\n</ul>`] : []),
    '</section>',
  ].join('\n');
}

function liftSection(v: ReportView, report: ProtectedReport, options: HtmlRenderOptions, w: Words): string {
  const lifts = report.lift ?? [];
  if (lifts.length === 0) return '';
  if (options.renderLiftSection) return options.renderLiftSection(lifts, report);
  const cols = [
    { label: w.channel },
    { label: w.window },
    { label: w.method },
    { label: w.liftCol, num: true },
    { label: w.liftCi, num: true },
    { label: w.extraContacts, num: true },
    { label: w.pValue, num: true },
    { label: w.fitBefore },
  ];
  const rows = v.lift.map((l) => {
    const notes = l.notes.map((n) => `<span class="note">${h(n)}</span>`).join('');
    return `<tr>${td(w.channel, h(term(w, l.channel)))}${td(w.window, h(l.window))}${td(w.method, `${h(l.method)}${notes}`)}${td(w.liftCol, cell(w, l.lift), true)}${td(w.liftCi, cell(w, l.ci), true)}${td(w.extraContacts, cell(w, l.incremental), true)}${td(w.pValue, cell(w, l.pValue), true)}${td(w.fitBefore, h(l.fit))}</tr>`;
  });
  const out = [
    '<section aria-labelledby="lift-h">',
    `<h2 id="lift-h">${h(w.lift)}</h2>`,
    `<p>${h(w.liftIntro)}</p>`,
    `<div class="table-wrap"><table class="stack lift"><caption>${h(w.liftCaption)}</caption>`,
    thead(cols),
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
  ];
  if (v.lift.some((l) => l.lift === WITHHELD)) out.push(`<p class="note">${h(w.withheldNote)}</p>`);
  lifts.forEach((l, i) => {
    const row = v.lift[i];
    if (!row) return;
    const what = `${h(term(w, row.channel))} (${h(row.window)})`;
    if (!row.chartable) {
      if (row.noChartReason) out.push(`<p class="note">${what}: ${h(row.noChartReason)}</p>`);
      return;
    }
    out.push(
      figure(liftObservedChart(report, l, `chart-lift-${i + 1}-observed`), `<strong>${what}: ${h(w.observed)}</strong> ${h(w.observedText)}`),
      figure(liftCumulativeChart(report, l, `chart-lift-${i + 1}-cumulative`), `<strong>${what}: ${h(w.cumulative)}</strong> ${h(w.cumulativeText)}`),
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
  const t = options.language ?? en;
  const w = t.report;
  const v = buildView(report, t);
  const facts = v.facts.map((f) => `<dt>${h(f.label)}</dt><dd>${h(f.value)}</dd>`).join('\n');
  const narrative = v.narrative.length
    ? `<section aria-labelledby="summary-h"><h2 id="summary-h">${h(w.summary)}</h2><div class="draft">\n${v.narrative.map((p) => `<p>${h(p)}</p>`).join('\n')}\n</div></section>`
    : '';
  const caveats = v.caveats.length
    ? `<section aria-labelledby="caveats-h"><h2 id="caveats-h">${h(w.caveats)}</h2><ul>\n${v.caveats.map((c) => `<li>${h(c)}</li>`).join('\n')}\n</ul></section>`
    : '';
  return [
    '<!doctype html>',
    `<html lang="${h(t.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even if a string slipped through, the page may load nothing from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(v.title)}: ${h(w.titleSuffix)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header class="report-header">',
    `<p class="kicker">${h(w.kicker)} · ${h(v.phaseLabel)}</p>`,
    `<h1>${h(v.title)}</h1>`,
    `<p class="phase">${h(v.phaseText)}</p>`,
    t.lang === 'en' ? '' : `<p class="note">${h(w.textInEnglish)}</p>`,
    `<dl class="facts">\n${facts}\n</dl>`,
    '</header>',
    '<main>',
    goalsSection(v, w),
    readinessSection(v, w),
    deliverySection(v, report, w),
    demandSection(v, report, w),
    liftSection(v, report, options, w),
    valueSection(v, w),
    followUpSection(v, w),
    completenessSection(v, w),
    narrative,
    caveats,
    '</main>',
    `<footer class="report-footer"><p><strong>${h(w.smallCounts)}</strong> ${h(v.footer)}</p></footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
