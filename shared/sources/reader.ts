import type { RegionResolver } from '../geo/region-resolver.ts';
import type { Row, TableDef } from '../lake/tables.ts';
import type { ColumnPlan } from './column-plan.ts';

/**
 * One problem in an input file. Row is the line a spreadsheet shows it on (line 1 = the first
 * line of the file, so a Google report's header is row 3); for a JSON file it is the 1-based
 * position in `data[]`. Column is the header text (the field name for JSON).
 */
export interface RowError {
  row: number;
  column: string;
  /** In English: what the CLI prints and quarantine records keep. */
  reason: string;
  /** Partner readers: the reason as a code and its parameters (shared/sources/reasons.ts), so a page can translate it. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface ReaderContext {
  /** raw/ key the rows come from, stored on every row for lineage */
  sourceKey: string;
  resolveRegion: RegionResolver;
  /** Partner the upload belongs to (from --partner, the raw/ key or the signed-in user). */
  partnerId?: string;
  /** Today's date: counts dated after it are refused. */
  today: string;
  /** ISO 4217 currency given by the caller, for files that state none (never guessed). */
  currency?: string;
  /** `YYYY-MM-DD..YYYY-MM-DD` given by the caller, for reports that state no dates ("All time"). */
  period?: string;
  /** The file's own name, the last fallback for a campaign name (see meta-insights-json.ts). */
  fileName?: string;
}

/** Returned by a RecordParser for a line that is not data (a `Total:` row): skipped, not an error. */
export const SKIP_ROW = 'skip-row' as const;

/**
 * Parses one record; pushes its problems into errors and returns null when it has any. A record
 * may hold several rows (a partner's wide sheet: one column per channel).
 */
export type RecordParser = (fields: string[], row: number, errors: RowError[]) => Row | Row[] | null | typeof SKIP_ROW;

/** A reader bound to one file's header. */
export interface BoundReader {
  parse: RecordParser;
  /** Called once after the last record: file-level checks such as a report's own Total row. */
  finish?: () => RowError[];
  /** What was understood without being loaded (a total row that matches the sum), for the user. */
  notes?: () => RowError[];
  /** The same mapping as a plan the DuckDB fast path can run (column-plan.ts); absent: parser only. */
  plan?: ColumnPlan;
}

/**
 * A reader for one real export format. Each format is one small module implementing this,
 * listed in registry.ts.
 */
export interface SourceReader {
  /** Stable name, used by --format and in reports */
  readonly format: string;
  readonly description: string;
  readonly table: TableDef;
  /** True when a header row looks like this format. */
  matches(header: string[]): boolean;
  /**
   * Bind to a header: header problems, or a parser for its records. `preamble` holds the raw
   * lines before the header (Google's report title and date range).
   */
  bind(header: string[], ctx: ReaderContext, preamble?: string[]): { errors: RowError[] } | BoundReader;
  /** True when the header may follow a few title lines (Google reports). */
  readonly preamble?: boolean;
  /**
   * JSON formats only: how one item of a document's list (its `data[]`, or the document itself
   * when it is an array) becomes named cells. The header is every cell name of every item, in the
   * order first seen; each item is then one record (a missing cell is empty), parsed like CSV.
   */
  readonly json?: JsonItems;
}

export interface JsonItems {
  /** An item's cells by name, or null when the item cannot be one of this format's. */
  cells(item: unknown): Map<string, string> | null;
  /** True for an item that shows the list is this format's: a list with items but none of these is not. */
  marks(item: unknown): boolean;
}

/**
 * Header lookup that ignores case, spacing, soft hyphens and apostrophe style
 * ("Ad Set Name" = "Ad set name", "Conv.waarde/\u00adkosten" = "Conv.waarde/kosten").
 */
export function headerKey(h: string): string {
  return h
    .replace(/\u00ad/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** Index of the first header matching any of the names, or -1. */
export function findColumn(header: string[], ...names: string[]): number {
  const keys = header.map(headerKey);
  for (const name of names) {
    const i = keys.indexOf(headerKey(name));
    if (i !== -1) return i;
  }
  return -1;
}
