// The JavaScript reader alone (the ingest Lambda's path), per large format, at 1M and 5M rows:
// rows/s beside DuckDB's own CSV -> Parquet of the same file, peak RSS, and how flat that stays.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeGoogleExport, writeMetaJsonExport, writePartnerExport, writeTikTokExport } from './generate-formats.ts';
import { writeMetaExport } from './generate.ts';

interface ChildRun { rows: number; seconds: number; peakRssMb: number }
type Child = (mode: 'duckdb' | 'ingest-js', file: string, out: string) => Promise<ChildRun>;

const FORMATS: { name: string; ext: string; write: (file: string, rows: number) => Promise<number>; sizes: number[]; baseline: boolean }[] = [
  // 4,000 rows a day: 2 campaigns x 4 ad sets x 500 regions.
  { name: 'Meta CSV', ext: 'csv', write: (f, rows) => writeMetaExport(f, rows / 4000, 500), sizes: [1e6, 5e6], baseline: true },
  { name: 'Google CSV', ext: 'csv', write: writeGoogleExport, sizes: [1e6, 5e6], baseline: true },
  { name: 'TikTok CSV', ext: 'csv', write: writeTikTokExport, sizes: [1e6, 5e6], baseline: true },
  { name: 'partner CSV', ext: 'csv', write: writePartnerExport, sizes: [1e6, 5e6], baseline: true },
  // Streamed in two passes (shared/pipeline/ingest-json.ts); DuckDB has no JSON baseline here.
  { name: 'Meta JSON', ext: 'json', write: writeMetaJsonExport, sizes: [1e6, 5e6], baseline: false },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const n = (x: number) => Math.round(x).toLocaleString('en-GB');

export async function benchIngestJs(dir: string, child: Child): Promise<void> {
  // Three runs a size by default: a single run's peak moves by up to 10% from run to run (V8's heap
  // grows by a factor of what was live at its last full collection), as large as the flatness limit.
  const reps = Number(process.env.BENCH_JS_REPS ?? 3);
  const skip5m = process.env.BENCH_SKIP_5M === '1';
  const only = process.env.BENCH_JS_FORMATS?.split(',');
  console.log(`Ingest, JavaScript reader (the ingest Lambda's path, CAMPAIGN_INGEST=js), whole processes, median time and highest peak of ${reps}:`);
  console.log('| format | rows | MB | DuckDB CSV -> Parquet (baseline) | JavaScript reader | ratio | peak RSS |');
  console.log('|---|---|---|---|---|---|---|');
  const flatness: string[] = [];
  // A format is picked by its first word (`meta`: both Meta formats) or its whole name (`meta-json`).
  const picked = (name: string) => !only || [name.split(' ')[0]!, name.replace(' ', '-')].some((k) => only.includes(k.toLowerCase()));
  for (const format of FORMATS.filter((f) => picked(f.name))) {
    const rss: number[] = [];
    for (const size of format.sizes.filter((s) => !skip5m || s < 5e6)) {
      const file = path.join(dir, `js-${format.name.replace(' ', '-')}-${size}.${format.ext}`);
      const rows = await format.write(file, size);
      const mb = (await stat(file)).size / 1e6;
      const runs: ChildRun[] = [];
      const baseline: ChildRun[] = [];
      for (let r = 0; r < reps; r++) {
        const out = path.join(dir, 'out-js');
        if (format.baseline) baseline.push(await child('duckdb', file, out));
        await rm(out, { recursive: true, force: true });
        runs.push(await child('ingest-js', file, out));
        await rm(out, { recursive: true, force: true });
      }
      if (runs.some((r) => r.rows !== rows)) throw new Error(`${format.name}: ingested ${runs.map((r) => r.rows)} of ${rows} rows`);
      const secs = median(runs.map((r) => r.seconds));
      const peak = Math.max(...runs.map((r) => r.peakRssMb));
      rss.push(peak);
      const base = format.baseline ? median(baseline.map((r) => r.seconds)) : undefined;
      const baseCell = base === undefined ? 'n/a' : `${base.toFixed(2)} s, ${n(rows / base)} rows/s`;
      const ratio = base === undefined ? 'n/a' : `${((100 * base) / secs).toFixed(1)}%`;
      console.log(`| ${format.name} | ${n(rows)} | ${mb.toFixed(0)} | ${baseCell} | ${secs.toFixed(2)} s, ${n(rows / secs)} rows/s | ${ratio} | ${peak.toFixed(0)} MB |`);
      await rm(file);
    }
    if (rss.length === 2) flatness.push(`${format.name} ${n(rss[1]!)}/${n(rss[0]!)} MB = ${(rss[1]! / rss[0]!).toFixed(2)}`);
  }
  if (flatness.length) console.log(`  peak RSS at the larger size / the smaller (flat within 10% means <= 1.10): ${flatness.join('; ')}`);
  console.log('  targets (JavaScript path): peak RSS < 512 MB, flat from 1M to 5M rows, on every format (CSV and Meta JSON)');
}
