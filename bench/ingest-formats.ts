// The CLI path (the DuckDB fast path) on the other large formats, at 1M and 5M rows: rows/s beside
// DuckDB's own CSV -> Parquet of the same file in the same run, peak RSS, and how flat it stays.
// BENCH_FORMATS=google,partner,meta-json,meta-json-array picks formats (default: all of them);
// BENCH_SKIP_5M=1 the 1M rows only. Meta JSON: DuckDB's read_json streams only a top-level array
// (a `{"data": [...]}` response is one value to it), so its baseline reads the same items as an
// array (`meta-json-array` is the CLI on that array file).
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PER_DAY, writeGoogleExport, writeMetaJsonArray, writeMetaJsonExport, writePartnerExport } from './generate-formats.ts';

interface ChildRun { rows: number; fast: boolean; declined?: string; seconds: number; cpuSeconds?: number; peakRssMb: number }
type Child = (mode: 'duckdb' | 'ingest', file: string, out: string, format: string) => Promise<ChildRun>;

/** `perDay`: rows a day (the default spreads 1M rows over 500 days, 17 months; 5M over 83). */
type Write = (file: string, rows: number, perDay?: number) => Promise<number>;
/** `baseline`: the file DuckDB's own copy reads, when not the same (`duckdb` then the child's format). */
const FORMATS: { key: string; name: string; ext: string; write: Write; baseline?: { write: Write; format: string } }[] = [
  { key: 'google', name: 'Google CSV (2 title lines)', ext: 'csv', write: writeGoogleExport },
  { key: 'partner', name: 'partner CSV (template)', ext: 'csv', write: writePartnerExport },
  { key: 'meta-json', name: 'Meta insights JSON {"data": [...]}', ext: 'json', write: writeMetaJsonExport, baseline: { write: writeMetaJsonArray, format: 'json-array' } },
  { key: 'meta-json-array', name: 'Meta insights JSON, top-level array', ext: 'json', write: writeMetaJsonArray, baseline: { write: writeMetaJsonArray, format: 'json-array' } },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const n = (x: number) => Math.round(x).toLocaleString('en-GB');

/** The highest peak of `reps` CLI runs over 1M rows spread over `days` days. */
async function peakOverDays(dir: string, child: Child, format: (typeof FORMATS)[number], reps: number, days: number): Promise<number> {
  const file = path.join(dir, `cli-${format.key}-1m-over-${days}-days.${format.ext}`);
  await format.write(file, 1e6, 1e6 / days);
  const peaks: number[] = [];
  for (let r = 0; r < reps; r++) {
    const out = path.join(dir, 'out-ingest');
    const run = await child('ingest', file, out, format.key);
    if (!run.fast) throw new Error(`${format.name}: 1M rows over ${days} days left to the JavaScript reader (${run.declined})`);
    peaks.push(run.peakRssMb);
    await rm(out, { recursive: true, force: true });
  }
  await rm(file);
  return Math.max(...peaks);
}

export async function benchIngestFormats(dir: string, child: Child): Promise<void> {
  const reps = Number(process.env.BENCH_INGEST_REPS ?? 3);
  const only = process.env.BENCH_FORMATS?.split(',');
  const sizes = process.env.BENCH_SKIP_5M === '1' ? [1e6] : [1e6, 5e6];
  console.log(`Ingest, CLI path (campaign ingest: the DuckDB fast path) on the other formats, whole processes, median of ${reps} interleaved runs:`);
  console.log('| format | rows | MB | DuckDB CSV/JSON -> Parquet (baseline) | campaign ingest (CLI) | ratio | CPU (user+sys): baseline, CLI | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  const flatness: string[] = [];
  for (const format of FORMATS.filter((f) => !only || only.includes(f.key))) {
    const rss: number[] = [];
    for (const size of sizes) {
      const file = path.join(dir, `cli-${format.key}-${size}.${format.ext}`);
      const rows = await format.write(file, size);
      const mb = (await stat(file)).size / 1e6;
      const base = format.baseline ? path.join(dir, `baseline-${format.key}-${size}.${format.ext}`) : file;
      if (format.baseline) await format.baseline.write(base, size);
      const runs: Record<'duckdb' | 'ingest', ChildRun[]> = { duckdb: [], ingest: [] };
      for (let r = 0; r < reps; r++)
        for (const mode of ['duckdb', 'ingest'] as const) {
          const out = path.join(dir, `out-${mode}`);
          runs[mode].push(mode === 'duckdb' ? await child(mode, base, out, format.baseline?.format ?? format.key) : await child(mode, file, out, format.key));
          await rm(out, { recursive: true, force: true });
        }
      if (runs.ingest.some((r) => r.rows !== rows)) throw new Error(`${format.name}: ingested ${runs.ingest.map((r) => r.rows)} of ${rows} rows`);
      for (const r of runs.ingest.filter((r) => !r.fast)) console.log(`  (a CLI run of the ${n(rows)}-row ${format.key} file was left to the JavaScript reader: ${r.declined ?? 'below the size threshold'})`);
      const secs = (m: 'duckdb' | 'ingest') => median(runs[m].map((r) => r.seconds));
      const peak = Math.max(...runs.ingest.map((r) => r.peakRssMb));
      rss.push(peak);
      const cell = (m: 'duckdb' | 'ingest') => `${secs(m).toFixed(2)} s, ${n(rows / secs(m))} rows/s`;
      const cpu = (m: 'duckdb' | 'ingest') => `${median(runs[m].map((r) => r.cpuSeconds ?? 0)).toFixed(2)} s`;
      console.log(`| ${format.name} | ${n(rows)} | ${mb.toFixed(0)} | ${cell('duckdb')} | ${cell('ingest')} | ${((100 * secs('duckdb')) / secs('ingest')).toFixed(1)}% | ${cpu('duckdb')}, ${cpu('ingest')} | ${peak.toFixed(0)} MB |`);
      await rm(file);
      if (base !== file) await rm(base);
    }
    if (rss.length !== 2) continue;
    // The ad formats' 5M file spans 5 times the months of the 1M file (a monthly file each, open
    // until the end): 1M rows over the 5M file's days tell rows from months.
    const sameMonths = format.key === 'partner' ? undefined : await peakOverDays(dir, child, format, reps, 5e6 / PER_DAY);
    flatness.push(`${format.key} ${n(rss[1]!)}/${n(rss[0]!)} MB = ${(rss[1]! / rss[0]!).toFixed(2)}${sameMonths ? ` (1M rows over the 5M file's months: ${n(sameMonths)} MB, 5M/1M ${(rss[1]! / sameMonths).toFixed(2)})` : ''}`);
  }
  if (flatness.length) console.log(`  peak RSS at 5M / at 1M (the highest of ${reps} runs each): ${flatness.join('; ')}`);
  console.log("  targets: >= 25% of DuckDB's rows/s at 1M and 5M rows (stretch 40%); peak RSS < 512 MB, flat from 1M to 5M");
}
