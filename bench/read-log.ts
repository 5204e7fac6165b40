/**
 * What a query really read from the lake, from DuckDB's own file-system log
 * (`CALL enable_logging('FileSystem')`: one entry per OPEN and per READ, with path, offset and
 * length). Only files under the lake's curated/ folder count, so DuckDB's scratch database and
 * spill files never do (the /proc/self/io figure counted them), and every file DuckDB touches is
 * in the log (EXPLAIN ANALYZE's "Total Files Read" missed some).
 */
import path from 'node:path';
import type { DuckDbEngine } from '../shared/query/duckdb-engine.ts';

/** One query's reads of lake files. */
export interface QueryReads {
  /** Distinct lake files the query opened */
  files: string[];
  /** Bytes read of each of `files` (same order) */
  fileBytes: number[];
  /** Bytes read, each byte of a file counted once per query (overlapping reads merged) */
  bytes: number;
  /** Row groups whose column data was read (a read began at one of its column chunks), over all its files */
  rowGroups: number;
}

interface Range { start: number; end: number }

/** Total length of a set of byte ranges, overlaps counted once. */
export function unionLength(ranges: Range[]): number {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let total = 0;
  let [start, end] = [-1, -1];
  for (const r of sorted) {
    if (r.start > end) {
      total += end - start;
      [start, end] = [r.start, r.end];
    } else end = Math.max(end, r.end);
  }
  return total + (end - start);
}

/**
 * Wrap an engine so that each query's reads are logged, one entry per call of query() or
 * queryColumns(). Queries run one at a time here, in the order they are started. Turns off the
 * engine's Parquet footer cache: Athena reads every footer again in every query.
 */
export async function logReads(engine: DuckDbEngine, lakeRoot: string): Promise<{ reads: QueryReads[]; elsewhere: { bytes: number }; stop: () => Promise<void> }> {
  const curated = path.join(lakeRoot, 'curated') + path.sep;
  const query = engine.query.bind(engine);
  const columns = engine.queryColumns.bind(engine);
  await query('SET parquet_metadata_cache = false');
  await query("CALL enable_logging('FileSystem')");
  const raw: { files: Map<string, Range[]> }[] = [];
  // Bytes DuckDB read of files outside the lake (its scratch database, spill files): left out, counted here to show it.
  const elsewhere = { bytes: 0 };
  const collect = async (): Promise<void> => {
    const log = await query(`SELECT path, op, bytes, pos FROM duckdb_logs_parsed('FileSystem') WHERE op IN ('OPEN', 'READ')`);
    await query('CALL truncate_duckdb_logs()');
    const files = new Map<string, Range[]>();
    for (const e of log) {
      const file = String(e.path);
      if (!file.startsWith(curated)) {
        if (e.op === 'READ') elsewhere.bytes += Number(e.bytes ?? 0);
        continue;
      }
      const ranges = files.get(file) ?? [];
      files.set(file, ranges);
      if (e.op === 'READ' && Number(e.bytes) > 0) ranges.push({ start: Number(e.pos), end: Number(e.pos) + Number(e.bytes) });
    }
    raw.push({ files });
  };
  // One query at a time, each with its own log: a report starts some reads side by side, and
  // truncating DuckDB's log while another query runs mixes their entries (and was seen to hang).
  let queue: Promise<unknown> = Promise.resolve();
  const logged = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A): Promise<R> => {
    const turn = queue.then(async () => {
      await query('CALL truncate_duckdb_logs()');
      const r = await f(...a);
      await collect();
      return r;
    });
    queue = turn.catch(() => {});
    return turn;
  };
  engine.query = logged(query);
  engine.queryColumns = logged(columns);
  const reads: QueryReads[] = [];
  const stop = async (): Promise<void> => {
    engine.query = query;
    engine.queryColumns = columns;
    await query('CALL disable_logging()');
    // Which row groups were read: DuckDB starts reading a column chunk at its first page.
    const all = [...new Set(raw.flatMap((q) => [...q.files.keys()]))];
    const chunkStarts = new Map<string, Map<number, number>>();
    for (let i = 0; i < all.length; i += 500) {
      const list = all.slice(i, i + 500).map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
      for (const m of await query(`SELECT file_name, row_group_id, coalesce(dictionary_page_offset, data_page_offset) AS s FROM parquet_metadata([${list}])`)) {
        const starts = chunkStarts.get(String(m.file_name)) ?? new Map<number, number>();
        chunkStarts.set(String(m.file_name), starts.set(Number(m.s), Number(m.row_group_id)));
      }
    }
    for (const q of raw) {
      const files = [...q.files.keys()];
      const fileBytes = files.map((f) => unionLength(q.files.get(f)!));
      const rowGroups = files.reduce((n, f) => {
        const starts = chunkStarts.get(f);
        return n + new Set(q.files.get(f)!.flatMap((r) => (starts?.has(r.start) ? [starts.get(r.start)] : []))).size;
      }, 0);
      reads.push({ files, fileBytes, bytes: fileBytes.reduce((a, b) => a + b, 0), rowGroups });
    }
  };
  return { reads, elsewhere, stop };
}
