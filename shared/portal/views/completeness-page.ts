/** Who sent which weeks: one row per partner, one cell per week; missing and late weeks stand out. */
import { formatDate } from '../../report/format.ts';
import type { CompletenessRow, WeekStatus } from '../completeness.ts';
import { h, page } from './layout.ts';

const LABEL: Record<WeekStatus, string> = { sent: 'sent', late: 'sent late', due: 'due', missing: 'missing' };
const MARK: Record<WeekStatus, string> = { sent: '✓', late: 'late', due: '…', missing: '✗' };

/** Render the completeness view. */
export function completenessPage(o: { name: string; csrf: string; rows: CompletenessRow[]; graceDays: number }): string {
  const weeks = o.rows[0]?.weeks.map((w) => w.start) ?? [];
  const head = weeks.map((w) => `<th scope="col" class="num">${h(formatDate(w).replace(/ \d{4}$/, ''))}</th>`).join('');
  const body = o.rows
    .map((r) => {
      const missing = r.weeks.filter((w) => w.status === 'missing').length;
      const cells = r.weeks.map((w) => `<td class="num week-${w.status}" data-week="${h(w.start)}" data-status="${w.status}" title="${h(`week starting ${formatDate(w.start)}: ${LABEL[w.status]}`)}">${MARK[w.status]}<span class="sr-only"> ${LABEL[w.status]}</span></td>`).join('');
      return `<tr data-partner="${h(r.account.id)}"><th scope="row">${h(r.account.name)}<br><span class="hint">${h(r.account.allRegions ? 'all regions' : r.account.regions.join(', '))}${missing ? ` · ${missing} missing` : ''}</span></th>${cells}</tr>`;
    })
    .join('\n');
  return page({
    title: 'Who sent which weeks',
    user: { name: o.name, csrf: o.csrf },
    body: `<h1>Who sent which weeks</h1>
<p class="lead"><a href="/admin">Campaign reports</a> · <a href="/admin/accounts">Accounts</a> · Who sent which weeks</p>
<p class="hint">The last ${weeks.length} weeks that have ended, by each partner's own week start. ✓ sent; <strong>late</strong>: first sent more than ${o.graceDays} days after the week ended; … due (ended less than ${o.graceDays} days ago); <strong>✗ missing</strong>.</p>
${o.rows.length ? `<div class="table-wrap"><table data-testid="completeness"><thead><tr><th scope="col">Partner</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>` : '<p>No partner accounts yet.</p>'}`,
  });
}
