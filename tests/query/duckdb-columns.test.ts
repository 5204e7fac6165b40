/**
 * readColumns reads DuckDB vectors straight from their memory (duckdb-vector-read.ts): the same
 * values as DuckDB's own row reader, over several chunks, with NULLs, repeated and long strings,
 * and the types the fast loops must leave to getItem (decimals, HUGEINT, booleans).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { textAt, type ColumnarResult } from '../../shared/query/columns.ts';
import { readColumns } from '../../shared/query/duckdb-columns.ts';

const SQL = `
  SELECT
    i,
    CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS INTEGER) END AS int_col,
    CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 1000000007 AS BIGINT) END AS big_col,
    CAST(i AS HUGEINT) * 3 AS huge_col,
    CAST(i / 8.0 AS DECIMAL(12, 3)) AS dec_col,
    CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS dbl_col,
    CAST(i % 3 AS SMALLINT) AS small_col,
    i % 2 = 0 AS bool_col,
    CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '2020-01-01' + CAST(i % 900 AS INTEGER) END AS day_col,
    -- runs of one short name, then of one long name, NULLs between, a non-ASCII name
    CASE WHEN i % 17 = 0 THEN NULL WHEN (i // 50) % 3 = 0 THEN 'GB-ABC' WHEN (i // 50) % 3 = 1 THEN 'helpline_calls_long_name' ELSE 'Vilniaus apskr. ąčę' END AS name_col,
    -- a distinct long string on each row, and distinct short ones
    'partner-' || CAST(i AS VARCHAR) || '-with-a-long-suffix' AS long_col,
    CAST(i % 1000 AS VARCHAR) AS short_col,
    CASE WHEN i > 0 THEN NULL ELSE 'only-the-first' END AS all_null
  FROM range(0, 5000) t(i)
  ORDER BY i`;

/** The reference: every row through DuckDB's own row reader (getItem per value). */
async function byRows(): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const reader = await c.runAndReadAll(SQL);
  const rows = reader.getRowObjectsJson();
  c.closeSync();
  inst.closeSync();
  return rows as Record<string, unknown>[];
}

/** Materialized (the engine's: chunks taken at once) or streamed (chunks fetched one by one). */
async function byColumns(how: 'materialized' | 'streamed' = 'materialized'): Promise<ColumnarResult> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const result = how === 'materialized' ? await c.run(SQL) : await c.stream(SQL);
  const out = await readColumns(result, how === 'materialized' ? (result as Awaited<ReturnType<typeof c.run>>).rowCount : undefined);
  c.closeSync();
  inst.closeSync();
  return out;
}

const epochDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('readColumns', () => {
  it('gives the values of the row reader, column by column, over several chunks', async () => {
    const [rows, cols] = await Promise.all([byRows(), byColumns()]);
    expect(cols.length).toBe(5000);
    for (const name of ['int_col', 'big_col', 'huge_col', 'dec_col', 'dbl_col', 'small_col', 'bool_col', 'day_col']) {
      const col = cols.columns[name];
      if (!(col instanceof Float64Array)) throw new Error(`${name} is not numeric`);
      const want = rows.map((r) => {
        const v = r[name];
        if (v === null) return Number.NaN;
        if (typeof v === 'boolean') return v ? 1 : 0;
        if (name === 'day_col') return epochDay(String(v));
        return Number(v);
      });
      expect(Array.from(col), name).toEqual(want);
    }
    for (const name of ['name_col', 'long_col', 'short_col', 'all_null']) {
      const col = cols.columns[name];
      if (!col || col instanceof Float64Array) throw new Error(`${name} is not text`);
      expect(Array.from({ length: cols.length }, (_, i) => textAt(col, i)), name).toEqual(rows.map((r) => r[name] ?? null));
    }
    // Dictionary encoding: each distinct string once.
    const names = cols.columns.name_col;
    if (!names || names instanceof Float64Array) throw new Error('name_col is not text');
    expect([...names.values].sort()).toEqual(['GB-ABC', 'Vilniaus apskr. ąčę', 'helpline_calls_long_name']);
  });

  it('reads a streamed result (chunks fetched one by one) to the same columns', async () => {
    const [materialized, streamed] = await Promise.all([byColumns('materialized'), byColumns('streamed')]);
    expect(streamed.length).toBe(5000);
    expect(streamed).toEqual(materialized);
  });
});
