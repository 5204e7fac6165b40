import type { RowError, SourceReader } from '../sources/reader.ts';
import type { Totals } from './totals.ts';

/**
 * An upload whose every row passed, with its data files ready but not yet in the store: what
 * either reading path (the JavaScript reader, or the DuckDB fast path) hands to the one commit
 * step of ingestObject, so both write the same files and the same upload log.
 */
export interface ValidatedUpload {
  reader: SourceReader;
  rows: number;
  totals: Totals;
  periods: { first: string; last: string } | undefined;
  /** Partition values the data files go to. */
  partitions: string[];
  sha256: string;
  notes: RowError[] | undefined;
  /** curated/ keys of the data files, in the order they are written. */
  dataFiles: string[];
  putDataFile(key: string): Promise<void>;
  /** How many of this upload's period keys the rows of live uploads in `stored` already hold, and their periods. */
  countReplaced(stored: string[], live: Set<string>): Promise<{ count: number; periods: string[] }>;
}
