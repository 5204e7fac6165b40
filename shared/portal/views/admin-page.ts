/**
 * The report viewer for the campaigns team and comms: each campaign with its goals at a glance
 * (from the latest report.json), every report's HTML, and the Markdown and JSON to download.
 */
import { statusBadge } from '../../report/html.ts';
import { formatDate, formatDateRange } from '../../report/format.ts';
import { PHASE_LABEL, STATUS_LABEL } from '../../report/labels.ts';
import type { CampaignEntry } from '../report-index.ts';
import { h, page } from './layout.ts';

/** Render the report viewer. */
export function adminPage(o: { name: string; csrf: string; campaigns: CampaignEntry[] }): string {
  const body = o.campaigns.length ? o.campaigns.map(campaignBlock).join('\n') : '<p>No campaigns are registered yet. Run <code>campaign register</code> and <code>campaign analyse</code>.</p>';
  return page({
    title: 'Campaign reports',
    user: { name: o.name, csrf: o.csrf },
    body: `<h1>Campaign reports</h1>
<p class="lead">Campaign reports · <a href="/admin/accounts">Accounts</a> · <a href="/admin/completeness">Who sent which weeks</a></p>
<p class="lead">Goals at a glance from each campaign's latest report. The HTML and Markdown reports are made from a protected copy (small counts hidden, and any figure that would let a reader work one out) and can be shared; partners see a copy protected for them. The JSON keeps exact figures: it is internal, for the campaigns team only, and is never offered to partners.</p>
${body}`,
  });
}

function campaignBlock(c: CampaignEntry): string {
  const goals = c.goals.length
    ? `<ul class="goals" aria-label="Goals">${c.goals.map((g) => `<li>${statusBadge(g.status, STATUS_LABEL[g.status])} ${h(g.label)}</li>`).join('')}</ul>`
    : '<p>No report yet: goals are pending.</p>';
  const latest = c.latestAsOf && c.latestPhase ? `<p class="hint">From the report as of ${h(formatDate(c.latestAsOf))} (${h(PHASE_LABEL[c.latestPhase])}).</p>` : '';
  const reports = c.reports
    .map((asOf) => {
      const base = `/reports/${h(c.id)}/${h(asOf)}`;
      return `<li><a href="${base}/report.html">Report as of ${h(formatDate(asOf))}</a> · <a href="${base}/report.md" download>Markdown</a> · <a href="${base}/report.json" download>JSON (internal: exact figures, never share it or pass it to partners)</a></li>`;
    })
    .join('\n');
  return `<section class="campaign" aria-labelledby="c-${h(c.id)}">
<h2 id="c-${h(c.id)}">${h(c.name)}</h2>
<p class="hint">${h(formatDateRange(c.start, c.end))} · targeted: ${c.targeted.map(h).join(', ')}</p>
${goals}${latest}
${reports ? `<h3>Reports</h3><ul class="links">${reports}</ul>` : ''}
</section>`;
}
