import { googleAdsCsv } from './google-ads-csv.ts';
import { metaAdsCsv } from './meta-ads-csv.ts';
import { metaInsightsJson } from './meta-insights-json.ts';
import { partnerCsv } from './partner-csv.ts';
import type { SourceReader } from './reader.ts';
import { tiktokAdsCsv } from './tiktok-ads-csv.ts';

/**
 * Every known format. Detection tries them in order; the first whose header matches wins.
 * Signatures are chosen not to overlap (Meta needs Reporting starts or a Day with a Meta name,
 * Google `Impr.`/`Vertoningen` with `Campaign`, TikTok `Cost` with `Impressions`).
 */
export const READERS: readonly SourceReader[] = [metaAdsCsv, partnerCsv, googleAdsCsv, tiktokAdsCsv, metaInsightsJson];

/** The reader registered under a --format name. */
export function readerByFormat(format: string): SourceReader | undefined {
  return READERS.find((r) => r.format === format);
}

/** The reader whose header signature matches, if any: CSV readers for text, JSON readers for JSON. */
export function detectReader(header: string[], input: 'csv' | 'json' = 'csv'): SourceReader | undefined {
  return READERS.find((r) => (input === 'json') === (r.json !== undefined) && r.matches(header));
}
