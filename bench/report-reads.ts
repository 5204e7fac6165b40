/**
 * What one report reads from the lake, query by query, through views (no table loaded into
 * memory, as Athena reads), measured from DuckDB's file-system log (read-log.ts), and what
 * Athena would bill for the same reads.
 */
import path from 'node:path';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { logReads, type QueryReads } from './read-log.ts';

/** Athena: $5 per TB scanned, rounded up to the MB, at least 10 MB per query (AWS Athena pricing). */
export const ATHENA_PER_TB = 5;
export const ATHENA_MIN_BYTES = 10e6;
/** S3 Standard: GET $0.0004 per 1,000 requests, LIST $0.005 per 1,000. */
export const S3_GET_PER_1000 = 0.0004;
export const S3_LIST_PER_1000 = 0.005;

export interface ReportReads {
  lakeFiles: number;
  lakeBytes: number;
  queries: number;
  /** Files opened, summed over queries (a file two queries open counts twice, as Athena reads it twice) */
  filesRead: number;
  bytesRead: number;
  rowGroupsRead: number;
  /** Model: one GET per file read (its footer, from the tail) and one per row group read (its column chunks, coalesced) */
  getRequests: number;
  /** Model: one LIST per partition folder a query reads (per 1,000 keys), as partition projection lists it */
  listRequests: number;
  /** Sum over queries of max(bytes rounded up to the MB, 10 MB) */
  billedBytes: number;
  scanDollars: number;
  requestDollars: number;
}

/** The Athena bill of a set of queries' reads; `keysIn` gives the number of keys under a partition folder. */
export function athenaBill(reads: QueryReads[], keysIn: (folder: string) => number): Pick<ReportReads, 'getRequests' | 'listRequests' | 'billedBytes' | 'scanDollars' | 'requestDollars'> {
  const billedBytes = reads.reduce((s, q) => s + Math.max(Math.ceil(q.bytes / 1e6) * 1e6, ATHENA_MIN_BYTES), 0);
  const getRequests = reads.reduce((s, q) => s + q.fileBytes.filter((b) => b > 0).length + q.rowGroups, 0);
  const listRequests = reads.reduce((s, q) => s + [...new Set(q.files.map((f) => path.dirname(f)))].reduce((n, d) => n + Math.max(1, Math.ceil(keysIn(d) / 1000)), 0), 0);
  return {
    getRequests,
    listRequests,
    billedBytes,
    scanDollars: (billedBytes / 1e12) * ATHENA_PER_TB,
    requestDollars: (getRequests / 1000) * S3_GET_PER_1000 + (listRequests / 1000) * S3_LIST_PER_1000,
  };
}

export async function reportReads(store: LocalFolderStore, campaignId: string, asOf: string): Promise<ReportReads> {
  const curated = (await store.list('curated/')).filter((o) => o.key.endsWith('.parquet'));
  const root = store.localRoot!;
  const engine = await DuckDbEngine.open(store, { materializeBelowBytes: 0 });
  const { reads, stop } = await logReads(engine, root);
  try {
    await analyseCampaign(store, engine, campaignId, { asOf });
  } finally {
    await stop();
    await engine.close();
  }
  const perFolder = new Map<string, number>();
  for (const o of curated) perFolder.set(path.dirname(path.join(root, o.key)), (perFolder.get(path.dirname(path.join(root, o.key))) ?? 0) + 1);
  return {
    lakeFiles: curated.length,
    lakeBytes: curated.reduce((s, o) => s + o.size, 0),
    queries: reads.length,
    filesRead: reads.reduce((s, q) => s + q.files.length, 0),
    bytesRead: reads.reduce((s, q) => s + q.bytes, 0),
    rowGroupsRead: reads.reduce((s, q) => s + q.rowGroups, 0),
    ...athenaBill(reads, (d) => perFolder.get(d) ?? 0),
  };
}

/** One printed line per lake state. */
export function readsLine(label: string, r: ReportReads): string {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  const n = (x: number) => x.toLocaleString('en-GB');
  return (
    `  ${label}: lake ${n(r.lakeFiles)} files, ${mb(r.lakeBytes)} MB; one report: ${r.queries} queries opened ${n(r.filesRead)} files, ${n(r.rowGroupsRead)} row groups, read ${mb(r.bytesRead)} MB; ` +
    `Athena bill $${(r.scanDollars + r.requestDollars).toFixed(5)} (scan ${mb(r.billedBytes)} MB billed = $${r.scanDollars.toFixed(5)}; S3 ~${n(r.getRequests)} GETs + ${n(r.listRequests)} LISTs = $${r.requestDollars.toFixed(5)})`
  );
}
