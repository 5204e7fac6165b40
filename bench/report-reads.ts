/**
 * What one report reads from the lake, query by query, through views (no table loaded into memory,
 * as Athena reads): bytes read (Linux /proc/self/io `rchar`) and Parquet files opened (DuckDB's
 * EXPLAIN ANALYZE "Total Files Read"), and what Athena would bill for it.
 */
import { readFileSync } from 'node:fs';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import type { QueryParam } from '../shared/query/query-engine.ts';
import type { LocalFolderStore } from '../shared/storage/local-folder-store.ts';

/** Athena: $5 per TB scanned, at least 10 MB per query. S3 Standard GET: $0.0004 per 1,000. */
export const ATHENA_PER_TB = 5;
export const ATHENA_MIN_BYTES = 10e6;
export const S3_GET_PER_1000 = 0.0004;
/** GETs per Parquet file opened (model): the footer's length, the footer, then its column data. */
export const GETS_PER_FILE = 3;

export interface ReportReads {
  lakeFiles: number;
  lakeBytes: number;
  queries: number;
  bytesRead: number;
  filesRead: number;
  /** sum over queries of max(bytes, 10 MB) */
  billedBytes: number;
  scanDollars: number;
  getDollars: number;
}

const rchar = (): number => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

export async function reportReads(store: LocalFolderStore, campaignId: string, asOf: string): Promise<ReportReads> {
  const curated = (await store.list('curated/')).filter((o) => o.key.endsWith('.parquet'));
  const perQuery: number[] = [];
  // Pass 1: bytes, per query.
  {
    // Memory enough that DuckDB never spills: its scratch files would count as lake reads.
    const engine = await DuckDbEngine.open(store, { materializeBelowBytes: 0, memoryLimit: '8GB' });
    const wrap = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
      const before = rchar();
      const r = await f(...a);
      perQuery.push(rchar() - before);
      return r;
    };
    engine.query = wrap(engine.query.bind(engine));
    engine.queryColumns = wrap(engine.queryColumns.bind(engine));
    await analyseCampaign(store, engine, campaignId, { asOf });
    await engine.close();
  }
  // Pass 2: files opened, from each query's plan.
  let filesRead = 0;
  {
    // Memory enough that DuckDB never spills: its scratch files would count as lake reads.
    const engine = await DuckDbEngine.open(store, { materializeBelowBytes: 0, memoryLimit: '8GB' });
    const query = engine.query.bind(engine);
    const count = async (sql: string, params: QueryParam[] = []) => {
      const plan = await query(`EXPLAIN ANALYZE ${sql}`, params);
      for (const row of plan) for (const v of Object.values(row)) for (const m of String(v).matchAll(/Total Files Read: (\d+)/g)) filesRead += Number(m[1]);
    };
    const columns = engine.queryColumns.bind(engine);
    engine.query = async (sql, params) => (await count(sql, params), query(sql, params));
    engine.queryColumns = async (sql, params) => (await count(sql, params), columns(sql, params));
    await analyseCampaign(store, engine, campaignId, { asOf });
    await engine.close();
  }
  const bytesRead = perQuery.reduce((a, b) => a + b, 0);
  const billedBytes = perQuery.reduce((a, b) => a + Math.max(b, ATHENA_MIN_BYTES), 0);
  return {
    lakeFiles: curated.length,
    lakeBytes: curated.reduce((s, o) => s + o.size, 0),
    queries: perQuery.length,
    bytesRead,
    filesRead,
    billedBytes,
    scanDollars: (billedBytes / 1e12) * ATHENA_PER_TB,
    getDollars: ((filesRead * GETS_PER_FILE) / 1000) * S3_GET_PER_1000,
  };
}

/** One printed line per lake state. */
export function readsLine(label: string, r: ReportReads): string {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  return (
    `  ${label}: lake ${r.lakeFiles.toLocaleString('en-GB')} files, ${mb(r.lakeBytes)} MB; one report: ${r.queries} queries opened ${r.filesRead.toLocaleString('en-GB')} files and read ${mb(r.bytesRead)} MB; ` +
    `Athena bill $${(r.scanDollars + r.getDollars).toFixed(5)} (scan ${mb(r.billedBytes)} MB billed = $${r.scanDollars.toFixed(5)}, S3 GETs ~${(r.filesRead * GETS_PER_FILE).toLocaleString('en-GB')} = $${r.getDollars.toFixed(5)})`
  );
}
