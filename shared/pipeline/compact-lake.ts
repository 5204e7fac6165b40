/**
 * Compaction: many small upload files in a partition become one, so queries open few files
 * (Athena and S3 bill per file opened as much as per byte). Safe to run while others read or
 * ingest: the merged file keeps every row's upload id and sequence, so a reader that sees both
 * the old files and the merged one still gets each key once (the views rank identical rows
 * the same), and the old files are deleted only on a later run, after readers that listed them
 * have finished.
 */
import { PREFIX, tablePrefix } from '../lake/layout.ts';
import { failpoint } from '../lake/failpoints.ts';
import { ParquetFileBuilder } from '../lake/parquet.ts';
import { forEachStoredRow } from '../lake/stored-rows.ts';
import { AD_DELIVERY, SERVICE_DEMAND, UPLOAD_EVENTS, type Dataset, type Row, type TableDef } from '../lake/tables.ts';
import { versionKeyOf } from '../lake/version-key.ts';
import { newUpload, readUploadLog, UPLOAD_ID, uploadIdTime, uploadStates } from '../lake/uploads.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface CompactOptions {
  /** Files at least this big are left as they are. Default 32 MB. */
  smallBelowBytes?: number;
  /** Rows per row group of a merged file. Default 25,000 (ParquetFileBuilder's). */
  rowGroupRows?: number;
  /** Old files are deleted on the first run at least this long after they were merged. Default 15 minutes. */
  deleteAfterMs?: number;
  /** Rows of an upload that never committed are dropped once it is this old. Default one day. */
  orphanAfterMs?: number;
  now?: Date;
}

export interface CompactResult {
  table: string;
  partitions: number;
  filesMerged: number;
  filesWritten: number;
  rowsKept: number;
  /** Rows of withdrawn or never-committed uploads left out */
  rowsDropped: number;
  /** Files of earlier runs deleted now */
  filesDeleted: number;
}

const MANIFESTS = `${PREFIX.curated}_compaction/`;

/** Order of rows in a compacted file: the columns a campaign's queries select on first. */
export const SORT_ORDER: Record<string, string[]> = {
  service_demand: ['region_code', 'channel', 'partner_id', 'location', 'period_start', 'period_days', 'upload_seq'],
  ad_delivery: ['platform', 'campaign_name', 'region_code', 'date_start', 'upload_seq'],
};

/** Compare rows on the given columns (null first; numbers as numbers, dates as their text). */
function compareBy(columns: string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const c of columns) {
      const x = a[c] ?? null; const y = b[c] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

interface Manifest {
  mergedAt: string;
  replaced: string[];
}

/** Compact the data tables and the upload log. */
export async function compactLake(store: ObjectStore, opts: CompactOptions = {}): Promise<CompactResult[]> {
  const filesDeleted = await deleteMergedFiles(store, opts);
  const out: CompactResult[] = [];
  for (const [table, dataset] of [[SERVICE_DEMAND, 'service_demand'], [AD_DELIVERY, 'ad_delivery']] as const) out.push(await compactTable(store, table, dataset, opts));
  out.push(await compactTable(store, UPLOAD_EVENTS, null, opts));
  out[0]!.filesDeleted = filesDeleted;
  return out;
}

async function compactTable(store: ObjectStore, table: TableDef, dataset: Dataset | null, opts: CompactOptions): Promise<CompactResult> {
  const now = opts.now ?? new Date();
  const small = opts.smallBelowBytes ?? 32 * 1024 * 1024;
  const orphanBefore = now.getTime() - (opts.orphanAfterMs ?? 24 * 3600_000);
  const result: CompactResult = { table: table.name, partitions: 0, filesMerged: 0, filesWritten: 0, rowsKept: 0, rowsDropped: 0, filesDeleted: 0 };
  const pending = await pendingDeletes(store);
  const states = dataset ? uploadStates(await readUploadLog(store, dataset)) : undefined;
  // Keep a row unless its upload is withdrawn, or never committed and too old to be in flight.
  const keep = (uploadId: string): boolean => {
    if (!states) return true;
    const s = states.get(uploadId);
    if (s) return s.status === 'live';
    return UPLOAD_ID.test(uploadId) ? uploadIdTime(uploadId) > orphanBefore : true;
  };

  const byPartition = new Map<string, string[]>();
  for (const o of await store.list(tablePrefix(table))) {
    if (!o.key.endsWith('.parquet') || o.size >= small || pending.has(o.key)) continue;
    const partition = o.key.slice(0, o.key.lastIndexOf('/') + 1);
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), o.key]);
  }
  const columns = table.columns.map((c) => c.name);
  const identity = table.versioned ? versionKeyOf(table) : (row: Row) => String(row.event);
  for (const [partition, files] of byPartition) {
    if (files.length < 2) continue;
    const builder = new ParquetFileBuilder(table, { rowGroupSize: opts.rowGroupRows });
    // A row seen twice (a merged file and one it replaced, after a crash between them) is kept once.
    const seen = new Set<string>();
    const kept: Row[] = [];
    await forEachStoredRow(store, table, files, columns, (row) => {
      const id = `${identity(row)}\u0003${row.upload_id}`;
      if (seen.has(id)) return;
      seen.add(id);
      if (keep(row.upload_id as string)) {
        kept.push(row);
        result.rowsKept += 1;
      } else result.rowsDropped += 1;
    });
    // Sorted on the columns reports filter and join on, so each row group's min/max statistics
    // cover few regions (or campaigns) and a report's scan skips the row groups of the others.
    const order = SORT_ORDER[table.name];
    if (order) kept.sort(compareBy(order));
    for (const row of kept) builder.append(row);
    const merged = `${partition}c-${newUpload(now).uploadId}.parquet`;
    if (builder.rows > 0) {
      await store.put(merged, builder.finish());
      result.filesWritten += 1;
      failpoint('compact:after-merged-file');
    }
    // The manifest is written after the merged file: until then, a crash leaves only duplicates.
    const manifest: Manifest = { mergedAt: now.toISOString(), replaced: files };
    await store.put(`${MANIFESTS}${newUpload(now).uploadId}.json`, JSON.stringify(manifest));
    failpoint('compact:after-manifest');
    result.partitions += 1;
    result.filesMerged += files.length;
  }
  return result;
}

/** Files already merged by an earlier run (not to be merged twice). */
async function pendingDeletes(store: ObjectStore): Promise<Set<string>> {
  const out = new Set<string>();
  for (const o of await store.list(MANIFESTS)) for (const k of (JSON.parse(new TextDecoder().decode(await store.get(o.key))) as Manifest).replaced) out.add(k);
  return out;
}

/** Delete files that earlier runs merged, once readers that listed them are long done. */
async function deleteMergedFiles(store: ObjectStore, opts: CompactOptions): Promise<number> {
  const before = (opts.now ?? new Date()).getTime() - (opts.deleteAfterMs ?? 15 * 60_000);
  let deleted = 0;
  for (const o of await store.list(MANIFESTS)) {
    const m = JSON.parse(new TextDecoder().decode(await store.get(o.key))) as Manifest;
    if (Date.parse(m.mergedAt) > before) continue;
    for (const k of m.replaced) {
      await store.delete(k);
      deleted += 1;
      if (deleted === 2) failpoint('compact:mid-delete');
    }
    await store.delete(o.key);
  }
  return deleted;
}
