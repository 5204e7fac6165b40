// One measured run in its own process, so peak RSS is this job's alone. Prints JSON.
// Modes: duckdb (DuckDB's own CSV -> Parquet, the baseline), ingest (campaign ingest as the CLI
// runs it: the DuckDB fast path), ingest-js (the JavaScript reader only, as in the ingest Lambda).
// DuckDB is imported only by the modes that use it, so the JavaScript path's RSS is its own.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ingestLocalFile } from '../shared/pipeline/ingest-file.ts';
import { FAST_PATH_DECLINED, FAST_PATH_UPLOADS } from '../shared/pipeline/fast-ingest/use-fast-path.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { sqlString } from '../shared/query/sql-quote.ts';

const [mode, file, outDir, format] = process.argv.slice(2) as [string, string, string, string | undefined];
if (mode === 'ingest-js') process.env.CAMPAIGN_INGEST = 'js';
await mkdir(outDir, { recursive: true });
const duckdb = mode === 'ingest-js' ? undefined : await import('@duckdb/node-api');
const started = performance.now();
let rows = 0;
let replaced = 0;
let fast = false;
if (mode === 'duckdb') {
  const db = await duckdb!.DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const target = sqlString(path.join(outDir, 'duckdb.parquet'));
  // TikTok's Total row (text in the date column) stops DuckDB's typed read: the baseline skips it, as the ingest does.
  // A Google report's two title lines: skipped by line count, as the fast path skips them.
  const skip = format === 'tiktok' ? ', ignore_errors = true' : format === 'google' ? ', skip = 2' : '';
  // A JSON baseline is a top-level array of the items: what read_json streams.
  const read = format === 'json-array' ? `read_json(${sqlString(file)})` : `read_csv(${sqlString(file)}, header = true${skip})`;
  await con.run(`COPY (SELECT * FROM ${read}) TO ${target} (FORMAT parquet)`);
  const r = await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${target})`);
  rows = Number(r.getRows()[0]![0]);
} else {
  const store = new LocalFolderStore(outDir);
  const result = await ingestLocalFile(store, file, { today: '2030-01-01' });
  if (result.status !== 'accepted') throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  rows = result.rows;
  replaced = result.replaced;
  fast = FAST_PATH_UPLOADS.includes(result.uploadId);
}
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
// CPU time (user + sys, every thread: DuckDB's too) moves less with the machine's load than wall time.
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(JSON.stringify({ rows, replaced, fast, declined: FAST_PATH_DECLINED.at(-1)?.why, seconds, cpuSeconds, peakRssMb: usage.maxRSS / 1024 }));
