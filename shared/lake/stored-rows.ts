/**
 * Reading the append-only tables from TypeScript (where no SQL engine runs: the ingest Lambda, the
 * portal), one row group at a time so memory stays bounded. The newest-wins rule here is the same
 * as queries/views/*.sql.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { fromEpochDay } from '../domain/dates.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { partitionFileKey, tablePrefix } from './layout.ts';
import type { Dataset, Row, TableDef } from './tables.ts';
import { UploadIndex } from './uploads.ts';
import { versionKeyOf } from './version-key.ts';

/** Data files of a table, optionally only in some partitions (values of its partition column). */
export async function dataFiles(store: ObjectStore, table: TableDef, partitions?: Iterable<string>): Promise<string[]> {
  if (!partitions) return (await store.list(tablePrefix(table))).filter((o) => o.key.endsWith('.parquet')).map((o) => o.key);
  const out: string[] = [];
  for (const p of partitions) {
    const prefix = partitionFileKey(table, p, '').replace(/\.parquet$/, '');
    for (const o of await store.list(prefix)) if (o.key.endsWith('.parquet')) out.push(o.key);
  }
  return out;
}

/**
 * Call onRow for every stored version row of the files, reading `columns` only, one row group
 * at a time. Dates come as YYYY-MM-DD, integers as numbers.
 */
export async function forEachStoredRow(
  store: ObjectStore,
  table: TableDef,
  files: string[],
  columns: string[],
  onRow: (row: Row, file: string) => void,
): Promise<void> {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  for (const key of files) {
    const bytes = await store.get(key);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(file);
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      const objects = (await parquetReadObjects({ file, metadata, columns, rowStart: start, rowEnd: end, utf8: true })) as Record<string, unknown>[];
      for (const o of objects) {
        const row: Row = {};
        for (const c of columns) row[c] = normalise(o[c], types.get(c));
        onRow(row, key);
      }
      start = end;
    }
  }
}

function normalise(v: unknown, type: string | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (type === 'date') return v instanceof Date ? v.toISOString().slice(0, 10) : fromEpochDay(Number(v));
  if (typeof v === 'bigint') return Number(v);
  return v as string | number;
}

/**
 * The rows a reader sees: per period key, the version of the newest live upload. Holds the
 * matching rows in memory: for one partner's data (the portal), not for a national lake.
 */
export async function readLiveRows(
  store: ObjectStore,
  table: TableDef,
  live: Set<string>,
  opts: { partitions?: Iterable<string>; where?: (row: Row) => boolean } = {},
): Promise<Row[]> {
  const keyOf = versionKeyOf(table);
  const newest = new Map<string, Row>();
  const columns = table.columns.map((c) => c.name);
  await forEachStoredRow(store, table, await dataFiles(store, table, opts.partitions), columns, (row) => {
    if (!live.has(row.upload_id as string) || (opts.where && !opts.where(row))) return;
    const k = keyOf(row);
    const prev = newest.get(k);
    if (!prev || isNewer(row, prev)) newest.set(k, row);
  });
  return [...newest.values()];
}

/** Upload order: by sequence, then by id (the same ORDER BY as the views). */
export function isNewer(a: Row, b: Row): boolean {
  const sa = a.upload_seq as number;
  const sb = b.upload_seq as number;
  return sa !== sb ? sa > sb : (a.upload_id as string) > (b.upload_id as string);
}

/** readLiveRows with the live uploads read from the upload log. */
export async function readCurrentRows(
  store: ObjectStore,
  table: TableDef,
  opts: { partitions?: Iterable<string>; where?: (row: Row) => boolean } = {},
): Promise<Row[]> {
  return readLiveRows(store, table, (await UploadIndex.read(store, table.name as Dataset)).live, opts);
}
