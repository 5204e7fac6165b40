/**
 * How a bound reader fills each lake column from a record's cells, stated once beside its
 * parser (see meta-ads-csv.ts). The DuckDB fast path (shared/pipeline/fast-ingest/) generates its
 * SQL from this plan; the reader's own parser uses the same cell indices. The SQL checks are a
 * strict subset of the parser's rules: whatever they cannot vouch for goes to the parser, which
 * alone words the messages (tests/pipeline/fast-ingest.test.ts compares the two paths' rows).
 */
import type { TableDef } from '../lake/tables.ts';
import type { RowError } from './reader.ts';
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
  /** A required date (values.ts parseLocalDate); empty is an error; with `notAfter`, a later date is an error too (a partner's count dated after today). */
  | { kind: 'date'; cell: number; notAfter?: string }
  /** The region cell resolved to its ISO code by the reader's RegionResolver; with `within`, the
   * text is `cell, within` (each trimmed, empties left out: TikTok's Subregion and Country); with
   * `parts`, the text is `cell, parts...` (each trimmed, empties and `--` left out: Google's
   * City, Region and Country/Territory (User location) columns). */
  | { kind: 'region-code'; cell: number; within?: number; parts?: number[] }
  /** The region text as written (trimmed; empty is null), built as for region-code. */
  | { kind: 'region-name'; cell: number; within?: number; parts?: number[] }
  /** The trimmed cell looked up by its lower-case spelling (keys plain a-z); empty is `otherwise`; any other text an error (a partner's period: week = 7 days). */
  | { kind: 'choice'; cell: number; values: Record<string, number>; otherwise: number }
  /** The trimmed cell as `map` reads it (a partner's channel: "Helpline calls" -> helpline_calls); undefined is an error. */
  | { kind: 'mapped'; cell: number; map: (text: string) => string | undefined }
  /** The trimmed cell, or `given` when it is empty; a filled cell must equal `given` when there is one (a partner's id). */
  | { kind: 'partner'; cell: number; given: string | undefined }
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
  /** A record whose cell begins with this word (trimmed, any case, a whole word; with `colon`, then
   * optional spaces and a colon: Google's `Total: Campaigns`) is a summary, not data: skipped. */
  skip?: { cell: number; word: string; colon?: boolean };
  /**
   * The check the reader makes of the skipped rows once every row is in (Google's first Total row
   * against the rows' sums): given one skipped row's cells and the sums of the lake columns, its
   * errors. The fast path takes a file only when every skipped row passes (so the first does).
   */
  summary?: (cells: string[], sums: Record<string, number>) => RowError[];
  /** A record whose row is wholly empty cells (a partner's blank rows, `;;;;`) is skipped. */
  skipBlank?: boolean;
  /**
   * Records the fast path leaves to the reader: one of `cells`, as written (spaces around kept),
   * matches `pattern` (an RE2 expression matching at least what the reader's rule matches on the
   * trimmed cell: a partner's total rows, values that look like personal data; `^` and `$` at the
   * cell's ends), or is longer than `longerThan` UTF-16 units (checked as UTF-8 bytes, spaces
   * included: never fewer). A plan of a reader with notes must leave every row that could make one.
   */
  leave?: { cells: number[]; pattern?: string; longerThan?: number }[];
  /** True when the reader's notes (BoundReader.notes) are empty for every file the plan's checks pass: `leave` holds their rows. */
  noNotes?: boolean;
  /** A JSON reader's plan: what each cell of a record is, read from a list item (by DuckDB's read_json on the fast path). */
  jsonCells?: JsonCell[];
}

export type JsonCell =
  /** The item's field, a string (null when absent or null). */
  | { field: string }
  /** The value of the item's last `actions[]` entry of this action_type; none, an empty value or `-` is '0' (a missing action is 0). */
  | { action: string }
  /** The first of these fields that is not empty once trimmed, else `otherwise`. */
  | { firstOf: string[]; otherwise: string | null };
