/**
 * The partner's page: what they get back (their trend, the reports covering their area), how to
 * send counts (a CSV upload or a week typed into a form) and their upload history.
 */
import { KNOWN_CHANNELS } from '../../domain/metrics.ts';
import { formatDate, formatTimestamp } from '../../report/format.ts';
import { metricLabel, PHASE_LABEL, regionLabel } from '../../report/labels.ts';
import type { RowError } from '../../sources/reader.ts';
import type { Account } from '../accounts.ts';
import type { CampaignEntry } from '../report-index.ts';
import type { ChannelSeries } from '../series.ts';
import { formatBytes, type UploadLimits } from '../upload.ts';
import type { HistoryEntry } from '../history.ts';
import type { UploadRecord } from '../upload-log.ts';
import { dayName, lastFullWeek } from '../weeks.ts';
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
  result?: { record: UploadRecord; errors?: RowError[] };
  /** A problem with the request itself (file too large, form incomplete): nothing was stored. */
  problem?: string;
  /** What was typed into the weekly form, shown again when it could not be accepted. */
  form?: Record<string, string>;
  /** Weeks that have ended since the partner's last week of counts, oldest first. */
  missing: string[];
}

/** Render the partner page. */
export function partnerPage(m: PartnerPageModel): string {
  return page({
    title: m.account.name,
    user: { name: m.account.name, csrf: m.csrf },
    body: [
      `<h1>${h(m.account.name)}</h1>`,
      m.regions.length ? `<p class="lead">Your area: ${m.regions.map((r) => h(regionLabel(r))).join(', ')}</p>` : '',
      m.problem ? `<div class="alert" role="alert" data-testid="upload-problem"><h2>Nothing was uploaded</h2><p>${h(m.problem)}</p></div>` : '',
      resultBox(m.result),
      `<section aria-labelledby="trend-h"><h2 id="trend-h">Your counts over time</h2>${partnerChart(m.series, m.campaigns)}
<p class="downloads" data-testid="downloads">Download your counts as stored: <a href="/partner/download/data.xlsx" download>Excel</a> · <a href="/partner/download/data.csv" download>CSV</a>. Your template, filled in with your regions, sites and channels for the weeks still to send: <a href="/partner/download/template.xlsx" download>Excel</a> · <a href="/partner/download/template.csv" download>CSV</a>.</p></section>`,
      reportsSection(m.campaigns, m.today),
      uploadSection(m),
      historySection(m.history),
    ].join('\n'),
  });
}

function resultBox(r: PartnerPageModel['result']): string {
  if (!r) return '';
  const { record } = r;
  if (record.status === 'accepted') {
    const what = record.duplicate ? 'This file was uploaded before: nothing changed.' : `${acceptedWords(record)} Your chart below includes them.`;
    const notes = record.notes.length ? `<ul class="hint">${record.notes.map((n) => `<li>${h(`Row ${n.row}: ${n.reason}`)}</li>`).join('')}</ul>` : '';
    return `<div class="notice" role="status" data-testid="upload-accepted"><h2>Thank you: ${h(record.fileName)} was accepted</h2><p>${h(what)}</p>${notes}</div>`;
  }
  return `<div class="alert" role="alert" data-testid="upload-rejected"><h2>${h(record.fileName)} was not accepted</h2>
<p>Nothing from this upload was added. ${record.source === 'form' ? 'What you typed is still in the form below: correct it and send it again.' : 'Fix the problems below in your spreadsheet and upload it again.'}</p>
${errorTable(r.errors ?? record.errors, { total: record.errorCount, source: record.source })}</div>`;
}

/**
 * Reports for the partner's area, newest first, each with its phase and date. A report dated
 * after today (none can be made now, but older lakes may hold one) is not offered.
 */
function reportsSection(campaigns: CampaignEntry[], today: string): string {
  const items = campaigns.flatMap((c) =>
    c.reports
      .filter((asOf) => asOf <= today)
      .map((asOf, i) => {
        const phase = c.phases[asOf];
        const latest = i === 0 ? ' <span class="hint">(latest)</span>' : '';
        return `<li data-phase="${h(phase ?? '')}"><a href="/reports/${h(c.id)}/${h(asOf)}/report.html">${h(c.name)}: ${h(phase ? PHASE_LABEL[phase] : 'report')}, as of ${h(formatDate(asOf))}</a>${latest}</li>`;
      }),
  );
  const body = items.length
    ? `<ul class="links" data-testid="reports">${items.join('\n')}</ul><p class="hint">Counts of 1 to 4 are shown as &lt;5 in these reports so that no one can be identified.</p>`
    : '<p>No campaign reports cover your area yet.</p>';
  return `<section aria-labelledby="reports-h"><h2 id="reports-h">Reports for your area</h2>${body}</section>`;
}

function uploadSection(m: PartnerPageModel): string {
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
    return `<label for="region_${i}"${cls}><span class="sr-only">Line ${i}: </span>Region</label>
<label for="channel_${i}"${cls}><span class="sr-only">Line ${i}: </span>Channel</label>
<label for="count_${i}"${cls}><span class="sr-only">Line ${i}: </span>Count</label>
${regionInput(i)}
<input type="text" id="channel_${i}" name="channel_${i}" list="channels" placeholder="helpline_calls" value="${h(typed(`channel_${i}`))}">
<input type="number" id="count_${i}" name="count_${i}" min="0" step="1" inputmode="numeric" value="${h(typed(`count_${i}`))}">`;
  }).join('\n');
  const ws = m.account.weekStart;
  const weekValue = typed('week_start') || m.missing[0] || lastFullWeek(m.today, ws);
  return `<section aria-labelledby="send-h"><h2 id="send-h">Send your counts</h2>
${missingBox(m.missing)}
<div class="grid-2">
<form method="post" action="/partner/upload" enctype="multipart/form-data" class="panel">
${csrfField(m.csrf)}
<h3>Upload the spreadsheet you keep</h3>
<p class="hint">An Excel workbook (.xlsx, first sheet) or a CSV file. Either one row per week and channel, as in the <a href="/templates/service-demand.csv" download>example template</a> (region, location, period_start, period, channel, count), or one row per week and area with a column per channel (for example: Week commencing, Area, Helpline calls, Referrals). A title above the table and a Total row at the bottom are fine: the total is checked, not added. Only totals: never names or contact details. Up to ${h(formatBytes(m.limits.maxBytes))} and ${m.limits.maxRows.toLocaleString('en-GB')} rows.</p>
<label for="file">Spreadsheet or CSV file</label>
<input type="file" id="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
<p><button type="submit">Upload</button></p>
</form>
<form method="post" action="/partner/week" class="panel" id="week-form">
${csrfField(m.csrf)}
<h3>Or type in one week</h3>
<p class="hint" data-testid="week-rule">Your weeks start on ${h(dayName(ws))}. A week can be sent once it has ended.</p>
<label for="week_start">Week starting (a ${h(dayName(ws))})</label>
<input type="date" id="week_start" name="week_start" required max="${h(lastFullWeek(m.today, ws))}" value="${h(weekValue)}">
<fieldset><legend>Counts for that week (leave unused lines empty)</legend>
<div class="week-rows">
${lines}
</div></fieldset>
<datalist id="channels">${KNOWN_CHANNELS.map((c) => `<option value="${c}">${h(metricLabel(c))}</option>`).join('')}</datalist>
<p><button type="submit">Send this week</button></p>
</form>
</div></section>`;
}

function missingBox(missing: string[]): string {
  if (missing.length === 0) return '';
  const items = missing.map((d) => `<li>${h(formatDate(d))}</li>`).join('');
  return `<div class="panel" data-testid="missing-weeks"><h3>Weeks still to send</h3><p class="hint">${missing.length === 1 ? 'This week has' : `These ${missing.length} weeks have`} ended since the last week you sent (weeks starting):</p><ul>${items}</ul></div>`;
}

const ARRIVED: Record<HistoryEntry['arrived'], string> = { file: 'uploaded here', form: 'typed into the form', team: 'loaded by the campaigns team' };

function periodText(p: string | null): string {
  if (!p) return '';
  const [a, b] = p.split('..');
  return a === b ? formatDate(a!) : `${formatDate(a!)} to ${formatDate(b!)}`;
}

function historySection(history: HistoryEntry[]): string {
  if (history.length === 0) return '<section aria-labelledby="history-h"><h2 id="history-h">Your uploads</h2><p>No uploads yet.</p></section>';
  const rows = history
    .map((u) => {
      const status =
        u.status === 'live'
          ? `Accepted${u.replaced ? `: replaced ${u.replaced === 1 ? '1 earlier count' : `${u.replaced} earlier counts`} (${u.replacedPeriods.slice(0, 4).map(formatDate).join(', ')}${u.replacedPeriods.length > 4 ? ', …' : ''})` : ''}`
          : u.status === 'withdrawn'
            ? `Withdrawn${u.reason ? `: ${u.reason}` : ''}`
            : `Not accepted${u.reason ? `: ${u.reason}` : ''}`;
      const cls = u.status === 'live' ? 'accepted' : 'rejected';
      return `<tr data-arrived="${u.arrived}"><td data-label="When">${h(formatTimestamp(u.at))}</td><td data-label="File">${h(u.file)}</td><td data-label="How">${h(ARRIVED[u.arrived])}</td><td data-label="Weeks">${h(periodText(u.periods))}</td><td data-label="Rows" class="num">${u.rows}</td><td data-label="Result"><span class="status status-${cls}">${h(status)}</span>${withdrawLink(u)}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="history-h"><h2 id="history-h">Your uploads</h2>
<div class="table-wrap"><table class="stack" data-testid="history"><caption>Everything that changed your counts, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">File</th><th scope="col">How</th><th scope="col">Weeks</th><th scope="col" class="num">Rows</th><th scope="col">Result</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>`;
}

/** Accepted uploads can be withdrawn, after a page that says what will change. */
function withdrawLink(u: HistoryEntry): string {
  return u.status === 'live' ? `<br><a href="/partner/uploads/${h(u.uploadId)}/withdraw">Withdraw…</a>` : '';
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
