/**
 * The fast path's SQL for a JSON list (see json-fast-path.ts): DuckDB's read_json parses the
 * items of a top-level array once, into a scratch Parquet file of the fields the reader reads (as
 * text) and the values of the actions it reads; the scan and the copy read that file. The cells
 * of a JSON reader's plan (column-plan.ts `jsonCells`) become the columns c0..cN of the rows the
 * generated CSV statements read (sql.ts).
 */
import { quoteIdent, sqlString } from '../../query/sql-quote.ts';
import { loadQuery } from '../../query/sql-files.ts';
import type { JsonCell } from '../../sources/column-plan.ts';
import { fill } from './sql.ts';

const actionColumn = (type: string) => quoteIdent(`actions:${type}`);

/** $1: the array's file; writes the scratch file of items to `target`. */
export function jsonItemsSql(fields: readonly string[], actionTypes: readonly string[], target: string): string {
  const read = [...fields.map((f) => `${sqlString(f)}: 'VARCHAR'`), `'actions': 'STRUCT(action_type VARCHAR, value VARCHAR)[]'`];
  // An item over 16 MB is refused, as the reader refuses one (json-list.ts MAX_VALUE_CHARS).
  const source = `read_json($1, format = 'array', records = true, columns = {${read.join(', ')}}, maximum_object_size = 16777216)`;
  // The last entry of the type, as the reader's flattening keeps the last; an entry with no value reads as ''.
  const actions = actionTypes.map((t) => `list_transform(list_filter(actions, a -> a.action_type = ${sqlString(t)}), a -> coalesce(a.value, ''))[-1] AS ${actionColumn(t)}`);
  return fill(loadQuery('ingest/json-items'), { columns: [...fields.map(quoteIdent), ...actions].join(', '), source, target: sqlString(target) });
}

/** $1: the scratch file. Items, and how many hold each field and action type. */
export function jsonScanSql(fields: readonly string[], actionTypes: readonly string[]): string {
  const present = [...fields.map((f) => `count(${quoteIdent(f)}) AS ${quoteIdent(`n_${f}`)}`), ...actionTypes.map((t) => `count(${actionColumn(t)}) AS ${quoteIdent(`n_actions:${t}`)}`)];
  return fill(loadQuery('ingest/json-scan'), { present: present.join(', ') });
}

/** $1: the scratch file. The rows as cells c0..cN, one per JSON cell of the plan. */
export function jsonRows(cells: JsonCell[]): string {
  const expr = (c: JsonCell): string => {
    if ('field' in c) return quoteIdent(c.field);
    // No entry, or one with no value, is 0 (as the reader's parseCount of '' or '-' is null, then 0).
    if ('action' in c) return `coalesce(nullif(nullif(nullif(${actionColumn(c.action)}, ''), '-'), '--'), '0')`;
    const names = c.firstOf.map((f) => `nullif(trim(${quoteIdent(f)}, ' '), '')`);
    return `coalesce(${[...names, c.otherwise === null ? 'NULL' : sqlString(c.otherwise)].join(', ')})`;
  };
  return `(SELECT ${cells.map((c, i) => `${expr(c)} AS c${i}`).join(', ')} FROM read_parquet($1))`;
}
