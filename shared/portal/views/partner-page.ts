/**
 * The partner's page: what they get back (their trend, the reports covering their area), how to
 * send counts (a CSV upload or a week typed into a form) and their upload history.
 */
import { KNOWN_CHANNELS } from '../../domain/metrics.ts';
import { formatDate, formatTimestamp } from '../../report/format.ts';
import { metricLabel, regionLabel } from '../../report/labels.ts';
import type { RowError } from '../../sources/reader.ts';
import { reasonIn } from '../../sources/reasons.ts';
import type { Account } from '../accounts.ts';
import type { CampaignEntry } from '../report-index.ts';
import type { ChannelSeries } from '../series.ts';
import { formatBytes, type UploadLimits } from '../upload.ts';
import type { HistoryEntry } from '../history.ts';
import type { UploadRecord } from '../upload-log.ts';
import { lastFullWeek } from '../weeks.ts';
import { en, type Messages } from '../../i18n/en.ts';
import { dateIn } from '../../i18n/index.ts';
import { partnerChart } from './chart.ts';
import { errorTable } from './errors.ts';
import { csrfField, h, page } from './layout.ts';

/** Lines offered by the weekly form. */
export const WEEK_FORM_LINES = 6;

/** What the partner page shows. */
export interface PartnerPageModel {
  account: Account;
  csrf: string;
  series: ChannelSeries[];
  regions: string[];
  history: HistoryEntry[];
  campaigns: CampaignEntry[];
  limits: UploadLimits;
  /** Today (YYYY-MM-DD): the weekly form suggests the last full week and refuses later dates. */
  today: string;
  /** The upload just made: accepted (after a redirect) or rejected (shown at once, nothing ingested). */
  result?: { record: UploadRecord; errors?: RowError[]; sheets?: string[] };
  /** A problem with the request itself (file too large, form incomplete): nothing was stored. */
  problem?: string;
  /** What was typed into the weekly form, shown again when it could not be accepted. */
  form?: Record<string, string>;
  /** Weeks that have ended since the partner's last week of counts, oldest first. */
  missing: string[];
  /** The page's language. */
  t?: Messages;
}

/** Render the partner page. */
export function partnerPage(m: PartnerPageModel): string {
  const t = m.t ?? en;
  return page({
    title: m.account.name,
    t,
    languageForm: true,
    user: { name: m.account.name, csrf: m.csrf },
    body: [
      `<h1>${h(m.account.name)}</h1>`,
      m.regions.length ? `<p class="lead">${h(t.yourArea)}: ${m.regions.map((r) => h(regionLabel(r))).join(', ')}</p>` : '',
      m.problem ? `<div class="alert" role="alert" data-testid="upload-problem"><h2>${h(t.nothingUploaded)}</h2><p>${h(m.problem)}</p></div>` : '',
      resultBox(m.result, t),
      `<section aria-labelledby="trend-h"><h2 id="trend-h">${h(t.countsOverTime)}</h2>${partnerChart(m.series, m.campaigns, t)}
<p class="downloads" data-testid="downloads">${h(t.downloadData)}: <a href="/partner/download/data.xlsx" download>Excel</a> · <a href="/partner/download/data.csv" download>CSV</a>. ${h(t.downloadTemplate)}: <a href="/partner/download/template.xlsx" download>Excel</a> · <a href="/partner/download/template.csv" download>CSV</a>.</p></section>`,
      reportsSection(m.campaigns, m.today, t),
      uploadSection(m),
      historySection(m.history, t),
    ].join('\n'),
  });
}

/**
 * Which sheet of a workbook to read: a list of the sheets once the portal had to ask (several
 * hold counts), else an optional name (empty: the sheet that holds the counts).
 */
function sheetField(sheets: string[] | undefined, t: Messages): string {
  if (sheets?.length)
    return `<label for="sheet">${h(t.sheetLabel)}</label>
<select id="sheet" name="sheet" required><option value=""></option>${sheets.map((s) => `<option value="${h(s)}">${h(s)}</option>`).join('')}</select>`;
  return `<label for="sheet">${h(t.sheetLabel)} <span class="hint">(${h(t.sheetHint)})</span></label>
<input type="text" id="sheet" name="sheet" maxlength="100">`;
}

function resultBox(r: PartnerPageModel['result'], t: Messages): string {
  if (!r) return '';
  const { record } = r;
  if (record.status === 'accepted') {
    // English says what was replaced too (acceptedWords); other languages the rows added and replaced.
    const added = record.rows - (record.replaced ?? 0);
    const other = `${t.rowsAdded(added)}${record.replaced ? ` ${t.replaced(record.replaced)}.` : ''}`;
    const what = record.duplicate ? t.duplicate : t.lang === 'en' ? `${acceptedWords(record)} Your chart below includes them.` : other;
    const sheet = record.sheet ? `<p class="hint">${h(t.sheetRead(record.sheet))}</p>` : '';
    const notes = record.notes.length ? `<ul class="hint">${record.notes.map((n) => `<li>${h(`${t.rowN(n.row)}: ${reasonIn(t, n)}`)}</li>`).join('')}</ul>` : '';
    return `<div class="notice" role="status" data-testid="upload-accepted"><h2>${h(t.accepted(record.fileName))}</h2><p>${h(what)}</p>${sheet}${notes}</div>`;
  }
  return `<div class="alert" role="alert" data-testid="upload-rejected"><h2>${h(t.notAccepted(record.fileName))}</h2>
<p>${h(t.nothingAdded)} ${h(record.source === 'form' ? t.fixForm : t.fixFile)}</p>
${errorTable(r.errors ?? record.errors, { total: record.errorCount, source: record.source, t })}</div>`;
}

/**
 * Reports for the partner's area, newest first, each with its phase and date. A report dated
 * after today (none can be made now, but older lakes may hold one) is not offered.
 */
function reportsSection(campaigns: CampaignEntry[], today: string, t: Messages): string {
  const items = campaigns.flatMap((c) =>
    c.reports
      .filter((asOf) => asOf <= today)
      .map((asOf, i) => {
        const phase = c.phases[asOf];
        const latest = i === 0 ? ` <span class="hint">(${h(t.latest)})</span>` : '';
        return `<li data-phase="${h(phase ?? '')}"><a href="/reports/${h(c.id)}/${h(asOf)}/report.html">${h(c.name)}: ${h(phase ? t.phase[phase] : '')}, ${h(t.asOf)} ${h(dateIn(t, asOf))}</a>${c.pdfs.includes(asOf) ? ` · <a href="/reports/${h(c.id)}/${h(asOf)}/report.pdf" download>PDF</a>` : ''}${latest}</li>`;
      }),
  );
  const body = items.length
    ? `<ul class="links" data-testid="reports">${items.join('\n')}</ul><p class="hint">${h(t.smallCounts)}</p>`
    : `<p>${h(t.noReports)}</p>`;
  return `<section aria-labelledby="reports-h"><h2 id="reports-h">${h(t.reportsForArea)}</h2>${body}</section>`;
}

function uploadSection(m: PartnerPageModel): string {
  const t = m.t ?? en;
  const typed = (name: string): string => m.form?.[name] ?? '';
  const single = m.account.regions.length === 1 ? m.account.regions[0]! : undefined;
  const regionInput = (i: number): string => {
    if (m.account.allRegions || m.account.regions.length === 0)
      return `<input type="text" id="region_${i}" name="region_${i}" inputmode="text" autocapitalize="characters" placeholder="e.g. GB-CAM" value="${h(typed(`region_${i}`))}">`;
    // One region: chosen already, so a line with a channel and count is complete as it is.
    const chosen = (m.form ? typed(`region_${i}`) : '') || single;
    const options = m.account.regions.map((r) => `<option value="${h(r)}"${r === chosen ? ' selected' : ''}>${h(regionLabel(r))}</option>`).join('');
    return `<select id="region_${i}" name="region_${i}">${single ? '' : '<option value=""></option>'}${options}</select>`;
  };
  const lines = Array.from({ length: WEEK_FORM_LINES }, (_, k) => {
    const i = k + 1;
    // Visible column labels once; every field still has its own label for screen readers.
    const cls = i === 1 ? '' : ' class="sr-only"';
    return `<label for="region_${i}"${cls}><span class="sr-only">${h(t.line)} ${i}: </span>${h(t.region)}</label>
<label for="channel_${i}"${cls}><span class="sr-only">${h(t.line)} ${i}: </span>${h(t.channel)}</label>
<label for="count_${i}"${cls}><span class="sr-only">${h(t.line)} ${i}: </span>${h(t.count)}</label>
${regionInput(i)}
<input type="text" id="channel_${i}" name="channel_${i}" list="channels" placeholder="helpline_calls" value="${h(typed(`channel_${i}`))}">
<input type="number" id="count_${i}" name="count_${i}" min="0" step="1" inputmode="numeric" value="${h(typed(`count_${i}`))}">`;
  }).join('\n');
  const ws = m.account.weekStart;
  const weekValue = typed('week_start') || m.missing[0] || lastFullWeek(m.today, ws);
  return `<section aria-labelledby="send-h"><h2 id="send-h">${h(t.sendCounts)}</h2>
${missingBox(m.missing, t)}
<div class="grid-2">
<form method="post" action="/partner/upload" enctype="multipart/form-data" class="panel">
${csrfField(m.csrf)}
<h3>${h(t.uploadTitle)}</h3>
<p class="hint">${h(t.uploadHint)} <a href="/templates/service-demand.csv" download>${h(t.exampleTemplate)}</a>. ${h(t.uploadLimits(formatBytes(m.limits.maxBytes), m.limits.maxRows.toLocaleString(t.lang)))}</p>
<label for="file">${h(t.fileLabel)}</label>
<input type="file" id="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
${sheetField(m.result?.sheets, t)}
<p><button type="submit">${h(t.upload)}</button></p>
</form>
<form method="post" action="/partner/week" class="panel" id="week-form">
${csrfField(m.csrf)}
<h3>${h(t.formTitle)}</h3>
<p class="hint" data-testid="week-rule">${h(t.weekRule(t.days[ws]))}</p>
<label for="week_start">${h(t.weekStarting(t.days[ws]))}</label>
<input type="date" id="week_start" name="week_start" required max="${h(lastFullWeek(m.today, ws))}" value="${h(weekValue)}">
<fieldset><legend>${h(t.formLegend)}</legend>
<div class="week-rows">
${lines}
</div></fieldset>
<datalist id="channels">${KNOWN_CHANNELS.map((c) => `<option value="${c}">${h(metricLabel(c))}</option>`).join('')}</datalist>
<p><button type="submit">${h(t.sendWeek)}</button></p>
</form>
</div></section>`;
}

function missingBox(missing: string[], t: Messages): string {
  if (missing.length === 0) return '';
  const items = missing.map((d) => `<li>${h(dateIn(t, d))}</li>`).join('');
  return `<div class="panel" data-testid="missing-weeks"><h3>${h(t.weeksToSend)}</h3><p class="hint">${h(t.weeksToSendHint(missing.length))}</p><ul>${items}</ul></div>`;
}

/** A rejected upload's first problem, in the page's language with its row and column. */
function firstProblem(e: NonNullable<HistoryEntry['firstError']>, t: Messages): string {
  const where = e.column.startsWith('(') ? (e.row <= 1 ? t.wholeFile : t.rowN(e.row)) : `${t.rowN(e.row)}, ${e.column}`;
  return `${where}: ${reasonIn(t, e)}`;
}

function periodText(p: string | null, t: Messages): string {
  if (!p) return '';
  const [a, b] = p.split('..');
  return a === b ? dateIn(t, a!) : `${dateIn(t, a!)} – ${dateIn(t, b!)}`;
}

function historySection(history: HistoryEntry[], t: Messages): string {
  if (history.length === 0) return `<section aria-labelledby="history-h"><h2 id="history-h">${h(t.yourUploads)}</h2><p>${h(t.noUploads)}</p></section>`;
  const rows = history
    .map((u) => {
      const status =
        u.status === 'live'
          ? `${t.statusAccepted}${u.replaced ? `: ${t.replaced(u.replaced)} (${u.replacedPeriods.slice(0, 4).map((d) => dateIn(t, d)).join(', ')}${u.replacedPeriods.length > 4 ? ', …' : ''})` : ''}`
          : u.status === 'withdrawn'
            ? `${t.withdrawn}${u.reason ? `: ${u.reason}` : ''}`
            : `${t.notAcceptedShort}${u.firstError ? `: ${firstProblem(u.firstError, t)}` : u.reason ? `: ${u.reason}` : ''}`;
      const cls = u.status === 'live' ? 'accepted' : 'rejected';
      return `<tr data-arrived="${u.arrived}"><td data-label="${h(t.when)}">${h(formatTimestamp(u.at))}</td><td data-label="${h(t.file)}">${h(u.file)}</td><td data-label="${h(t.how)}">${h(t.arrived[u.arrived])}</td><td data-label="${h(t.weeks)}">${h(periodText(u.periods, t))}</td><td data-label="${h(t.rows)}" class="num">${u.rows}</td><td data-label="${h(t.result)}"><span class="status status-${cls}">${h(status)}</span>${withdrawLink(u, t)}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="history-h"><h2 id="history-h">${h(t.yourUploads)}</h2>
<div class="table-wrap"><table class="stack" data-testid="history"><caption>${h(t.uploadsCaption)}</caption>
<thead><tr><th scope="col">${h(t.when)}</th><th scope="col">${h(t.file)}</th><th scope="col">${h(t.how)}</th><th scope="col">${h(t.weeks)}</th><th scope="col" class="num">${h(t.rows)}</th><th scope="col">${h(t.result)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>`;
}

/** Accepted uploads can be withdrawn, after a page that says what will change. */
function withdrawLink(u: HistoryEntry, t: Messages): string {
  if (u.status !== 'live') return '';
  const base = `/partner/uploads/${h(u.uploadId)}`;
  return `<br><a href="${base}/withdraw">${h(t.withdrawAction)}</a> · <a href="${base}/reprocess">${h(t.reprocessAction)}</a>`;
}

/** "14 rows added, 2 earlier counts replaced (weeks of 4 May 2026 and 11 May 2026)." */
function acceptedWords(r: { rows: number; replaced?: number; replacedPeriods?: string[] }): string {
  const replaced = r.replaced ?? 0;
  const added = r.rows - replaced;
  const rows = `${added === 1 ? '1 row' : `${added} rows`} added`;
  if (replaced === 0) return `${rows}.`;
  const periods = r.replacedPeriods ?? [];
  const when = periods.length > 0 && periods.length <= 4 ? ` (periods starting ${periods.map(formatDate).join(', ')})` : '';
  return `${rows}, ${replaced === 1 ? '1 earlier count' : `${replaced} earlier counts`} replaced${when}.`;
}
