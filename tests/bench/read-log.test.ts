import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { athenaBill } from '../../bench/report-reads.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { logReads, unionLength, type QueryReads } from '../../bench/read-log.ts';
import { partitionFileKey } from '../../shared/lake/layout.ts';
import { writeParquet } from '../../shared/lake/parquet.ts';
import { SERVICE_DEMAND, UPLOAD_EVENTS, type Row } from '../../shared/lake/tables.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

const run = promisify(execFile);

/**
 * Bytes each lake file was read, per strace's log of a process (`-f -y`: fds shown with their
 * paths; calls split across threads joined back), between its reads of the marker files
 * `query-start` and `query-end` (read-log-child.ts reads them around the query).
 */
function straceReads(log: string, under: string): Map<string, number> {
  const pending = new Map<string, string>();
  const ranges = new Map<string, { start: number; end: number }[]>();
  let on = false;
  for (const line of log.split('\n')) {
    const pid = line.slice(0, line.indexOf(' '));
    const rest = line.slice(line.indexOf(' ') + 1).trim();
    if (rest.includes('<unfinished ...>')) { pending.set(pid, rest.replace(' <unfinished ...>', '')); continue; }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    const call = resumed ? (pending.get(pid) ?? '') + resumed[1] : rest;
    if (call.includes('/query-start>')) on = true;
    if (call.includes('/query-end>')) on = false;
    const m = /^(pread64|read|preadv)\(\d+<([^>]+)>, .*\) = (\d+)$/.exec(call);
    if (!on || !m || !m[2]!.startsWith(under)) continue;
    const p = /, (\d+), (\d+)\) = (\d+)$/.exec(call);
    if (m[1] !== 'pread64' || !p) throw new Error(`unexpected read of a lake file: ${call}`);
    const n = Number(p[3]);
    if (n > 0) ranges.set(m[2]!, [...(ranges.get(m[2]!) ?? []), { start: Number(p[2]), end: Number(p[2]) + n }]);
  }
  return new Map([...ranges].map(([f, r]) => [f, unionLength(r)]));
}

/** Bytes of a Parquet file's footer as a reader fetches it: the metadata plus its 4-byte length and the magic. */
const footerBytes = (file: string): number => {
  const b = readFileSync(file);
  return b.readInt32LE(b.length - 8) + 8;
};

const rows = (year: string, regions: string[], perRegion: number, upload: string): Row[] =>
  regions.flatMap((region) => Array.from({ length: perRegion }, (_, i) => ({
    partner_id: 'p1', region_code: region, location: null, channel: 'helpline_calls', period_start: `${year}-01-${String((i % 28) + 1).padStart(2, '0')}`,
    period_days: 1, count: i % 9, source_key: 'raw/partners/p1/x.csv', upload_id: upload, upload_seq: 1,
  })));

describe('reads measured from DuckDB\'s file-system log', () => {
  let store: LocalFolderStore; let root: string; let cleanup: () => Promise<void>;
  let engine: DuckDbEngine;
  const file = (year: string, upload: string) => path.join(root, partitionFileKey(SERVICE_DEMAND, year, upload));
  const chunk = async (f: string, column: string, rowGroup?: number): Promise<number> =>
    Number((await engine.query(`SELECT sum(total_compressed_size) AS n FROM parquet_metadata('${f}') WHERE path_in_schema = ? ${rowGroup === undefined ? '' : `AND row_group_id = ${rowGroup}`}`, [column]))[0]!.n);

  beforeEach(async () => {
    ({ store, root, cleanup } = await tempStore());
    // 2024: two uploads; 2025: two uploads, one of them in 3 row groups of one region each (sorted, as compaction writes).
    await store.put(partitionFileKey(SERVICE_DEMAND, '2024', 'a'), writeParquet(SERVICE_DEMAND, rows('2024', ['GB-CAM'], 50, 'a')));
    await store.put(partitionFileKey(SERVICE_DEMAND, '2024', 'b'), writeParquet(SERVICE_DEMAND, rows('2024', ['GB-NFK'], 50, 'b')));
    await store.put(partitionFileKey(SERVICE_DEMAND, '2025', 'c'), writeParquet(SERVICE_DEMAND, rows('2025', ['GB-CAM', 'GB-LIN', 'GB-NFK'], 400, 'c'), 400));
    await store.put(partitionFileKey(SERVICE_DEMAND, '2025', 'd'), writeParquet(SERVICE_DEMAND, rows('2025', ['GB-SFK'], 50, 'd')));
    engine = await DuckDbEngine.open(store, { materializeBelowBytes: 0, memoryLimit: '64MB' });
  });
  afterEach(async () => {
    await engine.close();
    await cleanup();
  });

  it('counts exactly the files of the partition a query selects, and the footer plus column chunks it needs', async () => {
    const { reads, stop } = await logReads(engine, root);
    const [{ n }] = (await engine.query(`SELECT sum(count) AS n FROM service_demand_versions WHERE year = '2025'`)) as [{ n: number }];
    await stop();
    expect(n).toBeGreaterThan(0);
    expect(reads).toHaveLength(1);
    const [q] = reads as [typeof reads[0]];
    const [c, d] = [file('2025', 'c'), file('2025', 'd')];
    // DuckDB may also open the glob's first file to bind the view's schema: at most its footer.
    const bind = file('2024', 'a');
    expect(q.files).toEqual(expect.arrayContaining([c, d]));
    expect(q.files.filter((f) => f !== c && f !== d)).toEqual(q.files.includes(bind) ? [bind] : []);
    if (q.files.includes(bind)) expect(q.fileBytes[q.files.indexOf(bind)]).toBeLessThanOrEqual(footerBytes(bind));
    expect(q.rowGroups).toBe(3 + 1); // every row group of c and d (the count column), none of the bind file
    // Each file: its footer and its count chunks, plus at most DuckDB's read-ahead of a page header (256 bytes) per chunk.
    for (const [f, chunks] of [[c, 3], [d, 1]] as const) {
      const least = footerBytes(f) + (await chunk(f, 'count'));
      expect(q.fileBytes[q.files.indexOf(f)]).toBeGreaterThanOrEqual(least);
      expect(q.fileBytes[q.files.indexOf(f)]).toBeLessThanOrEqual(least + 256 * chunks);
    }
    expect(q.bytes).toBeLessThan(statSync(c).size + statSync(d).size + (q.files.includes(bind) ? footerBytes(bind) : 0));
  });

  it('sees row groups skipped on region statistics, one entry per query', async () => {
    const { reads, stop } = await logReads(engine, root);
    await engine.query(`SELECT sum(count) AS n FROM service_demand_versions WHERE year = '2025' AND region_code = 'GB-LIN'`);
    await engine.queryColumns(`SELECT region_code, count FROM service_demand_versions WHERE year = '2024'`);
    await stop();
    expect(reads).toHaveLength(2);
    const [lin, all2024] = reads as [typeof reads[0], typeof reads[0]];
    const c = file('2025', 'c');
    // Of c, only the GB-LIN row group (the second) is read: its region and count chunks.
    const least = footerBytes(c) + (await chunk(c, 'region_code', 1)) + (await chunk(c, 'count', 1));
    expect(lin.rowGroups).toBe(1);
    expect(lin.fileBytes[lin.files.indexOf(c)]).toBeGreaterThanOrEqual(least);
    expect(lin.fileBytes[lin.files.indexOf(c)]).toBeLessThanOrEqual(least + 2 * 256);
    // d (GB-SFK only) is skipped on its statistics: its footer is read, no data.
    expect(lin.fileBytes[lin.files.indexOf(file('2025', 'd'))]).toBe(footerBytes(file('2025', 'd')));
    expect(new Set(all2024.files)).toEqual(new Set([file('2024', 'a'), file('2024', 'b')]));
    expect(all2024.rowGroups).toBe(2);
  });

  it('agrees with the kernel: the same files and bytes as strace sees DuckDB read (pread64, read)', async () => {
    const sql = `SELECT region_code, sum(count) AS n FROM service_demand WHERE year BETWEEN '2024' AND '2025' AND region_code IN ('GB-LIN', 'GB-CAM') GROUP BY 1`;
    await store.put('curated/upload_events/dataset=service_demand/e.parquet', writeParquet(UPLOAD_EVENTS, ['a', 'b', 'c', 'd'].map((u) => ({
      upload_id: u, upload_seq: 1, event: 'commit', owner: 'p1', raw_key: 'raw/x', sha256: '0'.repeat(64), file_name: null, format: null, rows: 1, replaced: 0, periods: null, replaced_periods: null, reason: null, options: null, at: '2026-01-01T00:00:00Z',
    }))));
    const out = path.join(root, 'strace.txt');
    const child = path.join(import.meta.dirname, '../support/read-log-child.ts');
    const { stdout } = await run('strace', ['-f', '-qq', '-y', '-e', 'trace=pread64,read,preadv', '-o', out, process.execPath, '--import', 'tsx', child, root, sql], { maxBuffer: 1 << 24 });
    const logged = JSON.parse(stdout) as QueryReads;
    const seen = straceReads(readFileSync(out, 'utf8'), path.join(root, 'curated'));
    expect(logged.files.length).toBeGreaterThanOrEqual(5); // 4 data files and the upload log
    expect(new Set(seen.keys())).toEqual(new Set(logged.files));
    for (const [i, f] of logged.files.entries()) expect(seen.get(f)).toBe(logged.fileBytes[i]);
  });

  it('never counts DuckDB\'s own scratch and spill files', async () => {
    // A distinct count larger than the engine's 64 MB spills to DuckDB's temporary files.
    const spilling = `SELECT count(DISTINCT s) AS n FROM (SELECT md5(x::VARCHAR) || md5((x + 1)::VARCHAR) AS s FROM range(1500000) t(x)) q`;
    const { reads, elsewhere, stop } = await logReads(engine, root);
    await engine.query(spilling);
    await stop();
    expect(reads).toEqual([{ files: [], fileBytes: [], bytes: 0, rowGroups: 0 }]);
    // ...though DuckDB did read its spill files in that query: keeping to curated/ is what leaves them out.
    expect(elsewhere.bytes).toBeGreaterThan(10e6);
  });

  it('prices reads as Athena bills them: 10 MB minimum a query, rounded up to the MB, GETs and LISTs', () => {
    const bill = athenaBill(
      [
        { files: ['/l/curated/t/year=2025/a.parquet', '/l/curated/t/year=2025/b.parquet', '/l/curated/t/year=2024/c.parquet'], fileBytes: [600, 400, 0], bytes: 1_000, rowGroups: 3 },
        { files: ['/l/curated/t/year=2024/a.parquet'], fileBytes: [12_300_000], bytes: 12_300_000, rowGroups: 1 },
      ],
      (folder) => (folder.endsWith('2025') ? 2_500 : 1),
    );
    expect(bill.billedBytes).toBe(10e6 + 13e6);
    // A footer GET per file read (an opened file with nothing read costs no GET), one per row group read.
    expect(bill.getRequests).toBe(2 + 3 + 1 + 1);
    // A LIST per partition folder a query read, per 1,000 keys in it.
    expect(bill.listRequests).toBe(3 + 1 + 1);
    expect(bill.scanDollars).toBeCloseTo((23e6 / 1e12) * 5, 12);
    expect(bill.requestDollars).toBeCloseTo((7 / 1000) * 0.0004 + (5 / 1000) * 0.005, 12);
  });

  it('merges overlapping reads of one file', () => {
    expect(unionLength([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 30, end: 31 }])).toBe(21);
    expect(unionLength([])).toBe(0);
  });
});
