import type { RegionResolver } from '../geo/region-resolver.ts';
import type { Row, TableDef } from '../lake/tables.ts';

/** One problem in an input file. Row is the spreadsheet row (header = 1); column is the header text. */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface ReaderContext {
  /** raw/ key the rows come from, stored on every row for lineage */
  sourceKey: string;
  resolveRegion: RegionResolver;
  /** Partner the upload belongs to (from --partner, the raw/ key or the signed-in user). */
  partnerId?: string;
  /** Today's date: counts dated after it are refused. */
  today: string;
}

/** Parses one record; pushes its problems into errors and returns null when it has any. */
export type RecordParser = (fields: string[], row: number, errors: RowError[]) => Row | null;

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
  /** Bind to a header: header problems, or a parser for its records. */
  bind(header: string[], ctx: ReaderContext): { errors: RowError[] } | { parse: RecordParser };
}

/** Header lookup that ignores case, spacing and punctuation ("Ad Set Name" = "Ad set name"). */
export function headerKey(h: string): string {
  return h.toLowerCase().replace(/[\s_\u00ad]+/g, ' ').trim();
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
