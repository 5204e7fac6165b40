/**
 * The inline stylesheet of report.html: system fonts only (nothing to download), readable line
 * length, high-contrast colours, tables that stack into cards on phones, and larger chart text on
 * narrow screens (charts scale down with the page, so their text would otherwise shrink).
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5361; --line: #d5d9df; --bg: #ffffff; --panel: #f5f7f9; --accent: #0b5fa5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { margin: 0; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; font-size: .85rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .3rem 0 .6rem; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; padding-top: .4rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
p, li { max-width: 46rem; }
.phase { background: var(--panel); border-left: 4px solid var(--accent); padding: .6rem .9rem; margin: .8rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .8rem 0 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .3rem 0 .5rem; color: var(--ink); }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); font-size: .92rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
/* Many-column tables (geo lift, per platform) wrap their numbers at spaces rather than scroll sideways. */
table.lift td.num, table.lift th.num, table.by-platform td.num, table.by-platform th.num, table.demand td.num, table.demand th.num { white-space: normal; }
table.delivery th[scope=row] { width: 45%; }
table.delivery td.num { text-align: left; white-space: normal; }
tr.pooled th, tr.pooled td { font-weight: 600; background: var(--panel); }
.scope, .projection, .note { display: block; color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; white-space: nowrap; font-weight: 700; font-size: .9rem; padding: .1rem .55rem; border-radius: 999px; border: 1px solid currentColor; }
.badge-met { background: #dcefe3; color: #14532d; }
.badge-partly { background: #fdf0cf; color: #6b4500; }
.badge-missed { background: #fbe0dd; color: #8a1c12; }
.badge-pending { background: #dde8f7; color: #123f75; }
.badge-insufficient { background: #ebedf0; color: #3a414b; }
figure.chart-figure { margin: 1rem 0 1.5rem; max-width: 48rem; }
.chart-box { border: 1px solid var(--line); border-radius: 6px; padding: .25rem; background: #fff; }
svg.chart { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .92rem; margin-top: .4rem; }
figcaption strong { color: var(--ink); }
.draft { border: 1px dashed var(--muted); padding: .2rem 1rem; border-radius: 6px; }
footer.report-footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .92rem; }
@media (max-width: 640px) {
  .page { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.5rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th[scope=row] { display: block; width: 100%; }
  table.stack caption { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .7rem; padding: .3rem .2rem; }
  table.stack td, table.stack th[scope=row] { border: 0; padding: .2rem .5rem; text-align: left; white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  svg.chart text { font-size: 25px; }
  svg.chart text.period-label { font-size: 18px; }
  svg.chart text.panel-title { font-size: 22px; }
  table.lift, table.by-platform { min-width: 0; }
  svg.chart .tick-alt { display: none; }
}
@page { size: A4 portrait; margin: 14mm 12mm 16mm; }
@media print {
  /* A4 portrait: 186 mm of text width. Every table wraps to fit; nothing is cut or scrolls. */
  html, body { background: #fff; }
  body { font-size: 9.5pt; line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 1.2rem; break-after: avoid; }
  h3 { font-size: 11pt; break-after: avoid; }
  p, li { max-width: none; }
  .table-wrap { overflow: visible; }
  table { width: 100%; table-layout: auto; font-size: 8pt; }
  th, td { padding: .2rem .25rem; }
  th, td, td.num, th.num { white-space: normal; overflow-wrap: anywhere; }
  tr, figure, .chart-box { break-inside: avoid; }
  figure.chart-figure { max-width: 100%; }
  svg.chart { max-width: 100%; }
  .scope, .projection, .note, figcaption { font-size: 7.5pt; }
}
`;
