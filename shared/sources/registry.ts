import { metaAdsCsv } from './meta-ads-csv.ts';
import { partnerCsv } from './partner-csv.ts';
import type { SourceReader } from './reader.ts';

/** Every known format. Detection tries them in order; the first whose header matches wins. */
export const READERS: readonly SourceReader[] = [metaAdsCsv, partnerCsv];

export function readerByFormat(format: string): SourceReader | undefined {
  return READERS.find((r) => r.format === format);
}

/** The reader whose header signature matches, if any. */
export function detectReader(header: string[]): SourceReader | undefined {
  return READERS.find((r) => r.matches(header));
}
