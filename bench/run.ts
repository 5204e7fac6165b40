// `npm run bench`: speed figures, each beside a baseline measured in the same run.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchAnalysis } from './analysis.ts';
import { benchReportCost } from './cost.ts';
import { readsLine } from './report-reads.ts';
import { writeMetaExport } from './generate.ts';
import { benchLake } from './lake.ts';
import { benchStartup } from './startup.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS_DAYS = Number(process.env.BENCH_DAYS ?? 250); // 250 days x 2 x 4 x 500 regions = 1,000,000 rows

async function child(mode: 'duckdb' | 'ingest', file: string, out: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'ingest-child.ts'), mode, file, out], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { rows: number; replaced: number; seconds: number; peakRssMb: number };
}

// BENCH_ONLY=analysis: the national-scale analysis section alone.
const only = process.env.BENCH_ONLY;
if (only !== 'analysis') benchStartup();
const dir = await mkdtemp(path.join(tmpdir(), 'campaign-bench-'));
try {
  if (only === 'analysis') {
    await benchAnalysis(path.join(dir, 'analysis'));
    process.exit(0);
  }
  const csv = path.join(dir, 'meta-export.csv');
  const rows = await writeMetaExport(csv, ROWS_DAYS, 500);
  const mb = (await stat(csv)).size / 1e6;
  console.log(`Ingest: generated Meta export, ${rows.toLocaleString('en-GB')} rows, ${mb.toFixed(0)} MB (day x region x ad set)`);
  const duck = await child('duckdb', csv, path.join(dir, 'duck'));
  const ours = await child('ingest', csv, path.join(dir, 'lake'));
  const duckRate = duck.rows / duck.seconds;
  const ourRate = ours.rows / ours.seconds;
  console.log(`  DuckDB CSV -> Parquet (baseline): ${duck.seconds.toFixed(2)} s, ${Math.round(duckRate).toLocaleString('en-GB')} rows/s, peak RSS ${duck.peakRssMb.toFixed(0)} MB`);
  console.log(`  campaign ingest (validate, resolve regions, partitioned Parquet): ${ours.seconds.toFixed(2)} s, ${Math.round(ourRate).toLocaleString('en-GB')} rows/s, peak RSS ${ours.peakRssMb.toFixed(0)} MB`);
  console.log(`  ratio: ${((100 * ourRate) / duckRate).toFixed(0)}% of DuckDB's rows/s (target >= 25%); peak RSS ${ours.peakRssMb < 512 ? 'under' : 'OVER'} 512 MB`);

  // A re-export of the same rows with new figures, over the existing export: new files only, the
  // old data read one row group at a time just to count what it replaces.
  const reExport = path.join(dir, 'meta-export-2.csv');
  await writeMetaExport(reExport, ROWS_DAYS, 500, 2);
  const again = await child('ingest', reExport, path.join(dir, 'lake'));
  console.log(
    `  re-export over it: ${again.seconds.toFixed(2)} s, ${again.replaced.toLocaleString('en-GB')} of ${again.rows.toLocaleString('en-GB')} rows replaced earlier ones, peak RSS ${again.peakRssMb.toFixed(0)} MB (target < 512 MB: ${again.peakRssMb < 512 ? 'met' : 'NOT met'}); ${(again.seconds / ours.seconds).toFixed(2)}x the first ingest`,
  );
  await rm(reExport);

  await benchAnalysis(path.join(dir, 'analysis')); // prints as it goes

  const lake = await benchLake(path.join(dir, 'small-uploads'));
  console.log(`Lake of ${lake.uploads.toLocaleString('en-GB')} small uploads (50 partners x 200 weekly files), one report's read (open + query):`);
  console.log(`  before compaction: ${lake.filesBefore.toLocaleString('en-GB')} files, ${lake.readBeforeSeconds.toFixed(2)} s; one more ingest into it: ${lake.ingestAt10kSeconds.toFixed(2)} s`);
  console.log(
    `  campaign compact: ${lake.compactSeconds.toFixed(1)} s; after: ${lake.filesAfter} files, ${lake.readAfterSeconds.toFixed(2)} s (${(lake.readBeforeSeconds / lake.readAfterSeconds).toFixed(0)}x faster), same answers: ${lake.sameAnswers ? 'yes' : 'NO'}`,
  );

  const cost = await benchReportCost(path.join(dir, 'cost'));
  console.log('Report reads, a lake of 50 campaigns over 3 years (through views, as Athena reads):');
  console.log(readsLine('as loaded (one file per upload)', cost.asLoaded));
  console.log(readsLine('after campaign compact', cost.compacted));

  const liftBench = path.join(here, 'lift-simulation.ts');
  if (existsSync(liftBench) && process.env.BENCH_SKIP_LIFT !== '1') {
    const { runLiftBench } = (await import(liftBench)) as { runLiftBench: () => Promise<string[]> };
    await runLiftBench(); // prints as it goes
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
