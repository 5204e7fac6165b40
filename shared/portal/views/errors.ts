/** The table of row errors shown after a rejected upload: row, column and reason in plain words, in the page's language. */
import type { RowError } from '../../sources/reader.ts';
import { en, type Messages } from '../../i18n/en.ts';
import { reasonIn } from '../../sources/reasons.ts';
import { h } from './layout.ts';

/** Rows shown on the page; the rest are counted. */
const SHOWN = 200;

/**
 * Render the errors. For a form entry the CSV row is translated back to the line of the form
 * (row 2 of the generated file is line 1 of the form).
 */
export function errorTable(errors: RowError[], o: { total: number; source: 'file' | 'form'; t?: Messages }): string {
  const t = o.t ?? en;
  const where = (e: RowError): string => {
    if (e.column === '(file)' || e.column === '(header)') return t.wholeFile;
    if (o.source === 'form') return e.row <= 1 ? t.theForm : t.lineN(e.row - 1);
    return e.row <= 1 ? t.header : t.rowN(e.row);
  };
  const column = (e: RowError): string => (e.column.startsWith('(') ? '–' : e.column);
  const rows = errors
    .slice(0, SHOWN)
    .map((e) => `<tr><td data-label="${h(t.where)}">${h(where(e))}</td><td data-label="${h(t.column)}">${h(column(e))}</td><td data-label="${h(t.whatIsWrong)}">${h(reasonIn(t, e))}</td></tr>`)
    .join('\n');
  const more = o.total > SHOWN ? `<p>${h(t.moreProblems(o.total - SHOWN))}</p>` : '';
  return `<div class="table-wrap"><table class="stack errors">
<caption>${h(t.problemsFound(o.total))}</caption>
<thead><tr><th scope="col">${h(t.where)}</th><th scope="col">${h(t.column)}</th><th scope="col">${h(t.whatIsWrong)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>${more}`;
}
