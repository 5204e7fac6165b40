/** The table of row errors shown after a rejected upload: row, column and reason in plain words. */
import type { RowError } from '../../sources/reader.ts';
import { h } from './layout.ts';

/** Rows shown on the page; the rest are counted. */
const SHOWN = 200;

/**
 * Render the errors. For a form entry the CSV row is translated back to the line of the form
 * (row 2 of the generated file is line 1 of the form).
 */
export function errorTable(errors: RowError[], o: { total: number; source: 'file' | 'form' }): string {
  const where = (e: RowError): string => {
    if (e.column === '(file)' || e.column === '(header)') return 'whole file';
    if (o.source === 'form') return e.row <= 1 ? 'form' : `line ${e.row - 1}`;
    return e.row <= 1 ? 'header (row 1)' : `row ${e.row}`;
  };
  const column = (e: RowError): string => (e.column.startsWith('(') ? '–' : e.column);
  const rows = errors
    .slice(0, SHOWN)
    .map((e) => `<tr><td data-label="Where">${h(where(e))}</td><td data-label="Column">${h(column(e))}</td><td data-label="What is wrong">${h(e.reason)}</td></tr>`)
    .join('\n');
  const more = o.total > SHOWN ? `<p>… and ${o.total - SHOWN} more problems. Fix the ones above and upload again to see the rest.</p>` : '';
  return `<div class="table-wrap"><table class="stack errors">
<caption>${o.total === 1 ? '1 problem' : `${o.total} problems`} found</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Column</th><th scope="col">What is wrong</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>${more}`;
}
