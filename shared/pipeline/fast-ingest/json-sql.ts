/**
 * The fast path's SQL for a JSON list (see json-fast-path.ts): DuckDB's read_json over the items
 * of a top-level array, reading only the fields the reader reads, each as text, and `actions[]`
 * as its entries. The cells of a JSON reader's plan (column-plan.ts `jsonCells`) become the
 * columns c0..cN of the rows the generated CSV statements read (sql.ts).
 */
import { quoteIdent, sqlString } from '../../query/sql-quote.ts';
import { loadQuery } from '../../query/sql-files.ts';
import type { JsonCell } from '../../sources/column-plan.ts';
import { fill } from './sql.ts';

/** The items of the array at $1, with the fields given (texts) and their actions[] entries. */
export function jsonItems(fields: readonly string[]): string {
  const columns = [...fields.map((f) => `${sqlString(f)}: 'VARCHAR'`), `'actions': 'STRUCT(action_type VARCHAR, value VARCHAR)[]'`];
  // An item over 16 MB is refused, as the reader refuses one (json-list.ts MAX_VALUE_CHARS).
  return `read_json($1, format = 'array', records = true, columns = {${columns.join(', ')}}, maximum_object_size = 16777216)`;
}

/** The value of an item's last actions[] entry of this type (the reader's flattening keeps the last). */
const actionValue = (type: string) => `list_filter(actions, a -> a.action_type = ${sqlString(type)})[-1].value`;

/** The first pass: items, how many hold each field and action type, distinct dates, regions, currencies. */
export function jsonScanSql(fields: readonly string[], actionTypes: readonly string[]): string {
  const present = [
    ...fields.map((f) => `count(${quoteIdent(f)}) AS ${quoteIdent(`n_${f}`)}`),
    ...actionTypes.map((t) => `count(*) FILTER (WHERE len(list_filter(actions, a -> a.action_type = ${sqlString(t)})) > 0) AS ${quoteIdent(`n_actions:${t}`)}`),
  ];
  return fill(loadQuery('ingest/json-scan'), { present: present.join(', '), source: jsonItems(fields) });
}

/** The rows as cells c0..cN, one per JSON cell of the plan. */
export function jsonRows(cells: JsonCell[]): string {
  const fields = [...new Set(cells.flatMap((c) => ('field' in c ? [c.field] : 'firstOf' in c ? c.firstOf : [])))];
  const expr = (c: JsonCell): string => {
    if ('field' in c) return quoteIdent(c.field);
    // A missing action, or one with no value, is 0 (as the reader's parseCount of '' or '-' is null, then 0).
    if ('action' in c) return `coalesce(nullif(nullif(nullif(${actionValue(c.action)}, ''), '-'), '--'), '0')`;
    const names = c.firstOf.map((f) => `nullif(trim(${quoteIdent(f)}, ' '), '')`);
    return `coalesce(${[...names, c.otherwise === null ? 'NULL' : sqlString(c.otherwise)].join(', ')})`;
  };
  return `(SELECT ${cells.map((c, i) => `${expr(c)} AS c${i}`).join(', ')} FROM ${jsonItems(fields)})`;
}
