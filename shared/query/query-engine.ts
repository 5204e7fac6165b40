import type { ColumnarResult } from './columns.ts';

/** A query parameter. Dates are passed as YYYY-MM-DD strings and cast in SQL. */
export type QueryParam = string | number;

/**
 * Longest parameter, as sent (a string with its quotes), that Athena accepts (ExecutionParameters);
 * part of the port so that callers pass long value lists another way on both engines.
 */
export const MAX_PARAMETER_CHARS = 1024;

/** One result row: numbers (BIGINT converted), strings, null. Dates come back as YYYY-MM-DD. */
export type ResultRow = Record<string, string | number | boolean | null>;

/**
 * The port both engines implement: DuckDB locally, Athena on AWS. SQL is Athena (Trino)
 * dialect with positional `?` parameters, read from queries/*.sql.
 */
export interface QueryEngine {
  readonly name: 'duckdb' | 'athena';
  query(sql: string, params?: QueryParam[]): Promise<ResultRow[]>;
  /** The same answer column by column (columns.ts): for large answers, no object per row. */
  queryColumns(sql: string, params?: QueryParam[]): Promise<ColumnarResult>;
  /**
   * Resolves once the engine has every query started so far (DuckDB: prepared and running on its
   * threads), so that long JavaScript work after it runs while they do. Optional: an engine
   * without it simply runs them when JavaScript next waits.
   */
  running?(): Promise<void>;
  close(): Promise<void>;
}
