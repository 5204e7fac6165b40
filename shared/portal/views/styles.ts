/**
 * The portal's stylesheet, served from /assets/portal.css so the CSP can forbid inline styles.
 * System fonts only (nothing downloaded), large touch targets, one column on phones.
 */
export const PORTAL_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5361; --line: #d5d9df; --panel: #f5f7f9; --accent: #0b5fa5; --bad: #8a1c12; --good: #14532d; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.bar { background: var(--accent); color: #fff; }
header.bar .inner { max-width: 62rem; margin: 0 auto; padding: .8rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
header.bar .brand { font-weight: 700; font-size: 1.1rem; }
header.bar form { margin: 0; }
header.bar form.lang select { width: auto; padding: .3rem; border-color: #fff; }
header.bar .inner > form + form { margin-left: auto; }
header.bar button { background: #fff; color: var(--accent); border-color: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .8rem 0 .6rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; padding-top: .6rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
p, li { max-width: 44rem; }
.lead { font-size: 1.05rem; color: var(--muted); }
.hint { color: var(--muted); font-size: .95rem; margin: .2rem 0 .6rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.notice { border-left: 5px solid var(--good); background: #e8f4ec; padding: .7rem 1rem; margin: 1rem 0; }
.alert { border-left: 5px solid var(--bad); background: #fbe9e7; padding: .7rem 1rem; margin: 1rem 0; }
.alert h2, .notice h2 { border: 0; margin: 0 0 .3rem; padding: 0; font-size: 1.2rem; }
label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
input, select, button { font: inherit; }
input[type=text], input[type=password], input[type=date], input[type=number], select { width: 100%; max-width: 28rem; padding: .55rem .6rem; border: 2px solid var(--muted); border-radius: 6px; background: #fff; color: var(--ink); }
input[type=file] { max-width: 100%; padding: .4rem 0; }
button { cursor: pointer; padding: .6rem 1.1rem; border: 2px solid var(--accent); border-radius: 6px; background: var(--accent); color: #fff; font-weight: 700; min-height: 44px; }
button.secondary { background: #fff; color: var(--accent); }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.5rem; }
.grid-2 > .panel { margin: 0; }
fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .3rem; }
.week-rows { display: grid; grid-template-columns: 1.2fr 1.6fr .8fr; gap: .3rem .6rem; align-items: end; }
.week-rows .head { font-weight: 600; font-size: .95rem; }
.week-rows > * { min-width: 0; }
.week-rows input, .week-rows select { max-width: none; min-width: 0; }
input[type=date] { min-width: 0; }
.week-rows label { margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); font-size: .95rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
.status { font-weight: 700; white-space: nowrap; }
.status-accepted { color: var(--good); }
.status-rejected { color: var(--bad); }
.badge { display: inline-block; white-space: nowrap; font-weight: 700; font-size: .9rem; padding: .05rem .5rem; border-radius: 999px; border: 1px solid currentColor; margin: .1rem .2rem .1rem 0; }
.badge-met { background: #dcefe3; color: #14532d; }
.badge-partly { background: #fdf0cf; color: #6b4500; }
.badge-missed { background: #fbe0dd; color: #8a1c12; }
.badge-pending { background: #dde8f7; color: #123f75; }
.badge-insufficient { background: #ececec; color: #333; }
ul.goals { list-style: none; padding: 0; margin: .3rem 0; }
ul.goals li { margin: .25rem 0; }
figure { margin: 0 0 1rem; }
.chart-box { border: 1px solid var(--line); border-radius: 6px; padding: .25rem; background: #fff; max-width: 48rem; }
svg.chart { display: block; width: 100%; height: auto; }
.campaign { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem 1rem; margin: 1rem 0; }
.campaign h2 { border-top: 0; margin-top: .8rem; padding-top: 0; }
.campaign h3 { margin-top: .8rem; }
ul.links { padding-left: 1.2rem; }
td.week-missing { background: #fbe0dd; color: #8a1c12; font-weight: 700; }
td.week-late { background: #fdf0cf; color: #6b4500; font-weight: 700; }
td.week-due { color: var(--muted); }
td.week-sent { color: var(--good); }
ul.links li { margin: .35rem 0; }
details summary { cursor: pointer; font-weight: 600; min-height: 44px; padding-top: .5rem; }
@media (max-width: 40rem) {
  body { font-size: 16px; }
  h1 { font-size: 1.5rem; }
  .grid-2 { grid-template-columns: 1fr; }
  .grid-2 > * { min-width: 0; }
  main { padding: .5rem .75rem 2rem; }
  .panel { padding: .75rem; }
  svg.chart text { font-size: 24px; }
  .week-rows { grid-template-columns: 1fr 1.3fr .8fr; gap: .3rem .4rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { display: block; border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.stack td, table.stack th { display: block; border: 0; padding: .15rem 0; text-align: left; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
`;
