/**
 * How a bound reader fills each lake column from a record's cells, stated once beside its
 * parser (see meta-ads-csv.ts). The DuckDB fast path (shared/pipeline/fast-ingest/) generates its
 * SQL from this plan; the reader's own parser uses the same cell indices. The SQL checks are a
 * strict subset of the parser's rules: whatever they cannot vouch for goes to the parser, which
 * alone words the messages (tests/pipeline/fast-ingest.test.ts compares the two paths' rows).
 */
import type { TableDef } from '../lake/tables.ts';
import type { DecimalMark } from './values.ts';

export type CellRule =
  /** The same value on every row (the format's name, the file's currency, the raw key). */
  | { kind: 'const'; value: string | null }
  /** Cell text trimmed; empty is null (AdCells.text). */
  | { kind: 'text'; cell: number }
  /** A whole number of 0 or more; `-`, `--` and empty are null (values.ts parseCount). */
  | { kind: 'count'; cell: number }
  /** Money as exact millionths (values.ts parseMoneyMicros). */
  | { kind: 'money'; cell: number; decimal: DecimalMark }
  /** A required date (values.ts parseLocalDate); empty is an error. */
  | { kind: 'date'; cell: number }
  /** The region cell resolved to its ISO code by the reader's RegionResolver; with `within`, the
   * text is `cell, within` (each trimmed, empties left out: TikTok's Subregion and Country). */
  | { kind: 'region-code'; cell: number; within?: number }
  /** The region text as written (trimmed; empty is null), built as for region-code. */
  | { kind: 'region-name'; cell: number; within?: number }
  /** A row's ISO 4217 code (ad-cells.ts rowCurrency). */
  | { kind: 'currency'; cell: number }
  /** `day` when date_start equals date_end, else `period`. */
  | { kind: 'granularity' };

export interface ColumnPlan {
  table: TableDef;
  /** One rule per lake column except upload_id and upload_seq (set at commit). */
  columns: Record<string, CellRule>;
  /** Lake columns a row may not leave empty (besides dates, which are always required). */
  required: string[];
  /** [earlier, later]: date columns where later may not be before earlier. */
  ordered: [string, string][];
  /** A record whose cell begins with this word (trimmed, any case, a whole word) is a summary, not data: skipped. */
  skip?: { cell: number; word: string };
}
