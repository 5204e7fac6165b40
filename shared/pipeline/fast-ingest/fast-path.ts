/**
 * The DuckDB fast path of ingestObject, for a local store (the CLI): DuckDB parses the raw file,
 * runs the checks generated from the reader's column plan and, only when they vouch for every
 * row, writes the partitioned Parquet files into a scratch folder. Anything it cannot vouch for
 * returns undefined before the store is touched, and ingestObject reads the file with the
 * JavaScript reader, which decides and words every message. Loaded lazily (and kept out of the
 * Lambda bundles, which carry no DuckDB: infra/constructs/node-function.ts).
 */
import { DuckDBInstance, LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { partitionFileKey, partitionValueOf, rawKeyHash } from '../../lake/layout.ts';
import type { UploadStamp } from '../../lake/uploads.ts';
import { utf8BomLength } from '../../sources/byte-marks.ts';
import { CsvScreen, type ScreenResult } from '../../sources/csv-screen.ts';
import { detectDelimiter, splitRecord } from '../../sources/csv-stream.ts';
import type { BoundReader, ReaderContext, SourceReader } from '../../sources/reader.ts';
import type { ColumnPlan } from '../../sources/column-plan.ts';
import { detectReader, readerByFormat } from '../../sources/registry.ts';
import { fileCurrency } from '../../sources/ad-cells.ts';
import { currencyCode, parseLocalDate } from '../../sources/values.ts';
import { putLocalFile } from '../../storage/put-local-file.ts';
import { forEachChunk } from '../../storage/read-chunks.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { Totals } from '../totals.ts';
import type { ValidatedUpload } from '../validated-upload.ts';
import { copyTo, fastSql, partitionOfFolder, SUMMED, withMapped, type FastSql } from './sql.ts';
import { loadQuery } from '../../query/sql-files.ts';
import { findHeader, readHead } from './find-header.ts';
import { checkMapped, checkPartnerRules, checkSummary, channelTotals } from './plan-checks.ts';
import type { PartnerRules } from '../partner-rules.ts';
import type { TableDef } from '../../lake/tables.ts';
import { periodColumn } from '../../lake/version-key.ts';
import { noteFastPathDecline, noteFastPathRetry } from './use-fast-path.ts';
import { jsonScanStep } from './json-fast-path.ts';
import { looksLikeJson } from './json-layout.ts';
import { resolveRegions } from './regions.ts';
import { withTextTypes } from './text-types.ts';

/**
 * Rows of a CSV's sampled first pass (sql.ts fastSql): enough for every region and name of a
 * day x region x ad set export to appear (4,000 rows a day in the bench's), 2% of a 5M-row file.
 * CAMPAIGN_FAST_INGEST_SAMPLE_ROWS sets it (the tests take a sample of 2 rows, to meet unseen values).
 */
const sampleRows = () => Number(process.env.CAMPAIGN_FAST_INGEST_SAMPLE_ROWS ?? 100_000);

/**
 * Past its limit of open files (100 by default) DuckDB closes one and starts a second file for
 * the same partition, which the lake cannot take (one file per partition and upload): then the
 * reader takes the file. Room for 12.5 years of monthly files; each open one holds about 1 MB of
 * writer state per thread (1M rows over 120 months: 332-361 MB at the peak).
 */
const MAX_OPEN_PARTITIONS = 150;

/**
 * Period keys hashed into one table at a time when looking for a repeat: a file with more rows is
 * checked a part of the hashes at a time (5M partner rows in 5 yearly files, one table a file:
 * 277-305 MB at the peak against 239-259 MB at 1M rows; a part at a time: 251-265 MB, as fast).
 * CAMPAIGN_FAST_INGEST_KEYS_AT_ONCE sets it (the tests check small files in many parts).
 */
const keysAtOnce = () => Number(process.env.CAMPAIGN_FAST_INGEST_KEYS_AT_ONCE ?? 250_000);

/** DuckDB's memory for one ingest; beyond it DuckDB spills to the scratch folder, so RSS stays flat. */
const MEMORY_LIMIT = process.env.CAMPAIGN_FAST_INGEST_MEMORY ?? '128MB';

export interface FastInput {
  store: ObjectStore;
  rawKey: string;
  ctx: ReaderContext;
  format?: string | undefined;
  stamp: UploadStamp;
  /** A raw/partners/<id>/ upload's rules: partner counts only, of the account's regions. */
  partner?: PartnerRules | undefined;
}

/** What the first pass found, for the checks and the copy that follow: a CSV's (below) or a JSON list's (json-fast-path.ts). */
export interface Scanned {
  reader: SourceReader;
  bound: BoundReader;
  plan: ColumnPlan;
  sql: FastSql;
  /** The file the copy reads as $1: the upload, or the scratch Parquet file of a JSON list's items. */
  source: string;
  /** The file's hash, as the screen found it; a sampled pass gives the screen still running instead (awaited after the copy). */
  sha256: string | Promise<ScreenResult>;
  /** The scan's one row: row_count, dates_<cell>, regions, currencies, ... (queries/ingest/scan.sql). */
  counts: Record<string, unknown>;
}

/** The first pass, given DuckDB and the scratch folder: what it found, or why the reader must decide. */
export type ScanStep = (con: DuckDBConnection, scratch: string) => Promise<Scanned | string>;

type FastUpload = ValidatedUpload & { dispose(): Promise<void> };

/** The validated upload, its files in a scratch folder; undefined when the JavaScript reader must decide. */
export async function validateFast(input: FastInput): Promise<FastUpload | undefined> {
  const { store, rawKey, ctx, stamp } = input;
  if (!store.localRoot) return undefined;
  const file = path.join(store.localRoot, ...rawKey.split('/'));
  if (looksLikeJson(await readHead(file))) return validateWith(input, await jsonScanStep(input, file));
  const first = await headerOf(file);
  if (!first) return undefined;
  let header: { cells: string[]; delimiter: string } = first;
  let reader = input.format ? readerByFormat(input.format) : detectReader(header.cells, 'csv');
  let preamble: string[] = [];
  // Not a header on the first line: title lines above it (Google reports, partner sheets), as the reader finds them.
  if (!reader || !reader.matches(header.cells)) {
    const found = await findHeader(file, input.format);
    if (!found) return undefined;
    ({ reader, preamble } = found);
    header = found;
  }
  if (!reader || reader.json || !reader.matches(header.cells)) return undefined;
  const bound = reader.bind(header.cells, ctx, preamble);
  if ('errors' in bound || !bound.plan || (bound.finish && !bound.plan.summary) || (bound.notes && !bound.plan.noNotes)) return undefined;
  const plan = bound.plan;
  if (plan.table.name !== 'ad_delivery' && plan.table.name !== 'service_demand') return undefined;
  if (input.partner && plan.table.name !== 'service_demand') return undefined;
  const upload = { id: stamp.uploadId, seq: stamp.seq };
  const sql = fastSql(plan, header.cells.length, header.delimiter, upload, preamble.length);
  if (!sql) return undefined;
  // One screen of the file, whichever pass waits for it (a failure is kept for that pass, not left unhandled).
  const screening = screen(file, header.delimiter);
  screening.catch(() => undefined);
  const fullScan: ScanStep = async (con) => {
    const scanning = runQuery(con, sql.scan, file, []);
    // While DuckDB reads (on its own threads): the byte screen, then the region names' index.
    const both = await besideScreen(
      scanning,
      screening.then((r) => {
        if (sql.region) ctx.resolveRegion('');
        return r;
      }),
    );
    return typeof both === 'string' ? both : { reader, bound, plan, sql, source: file, sha256: both.sha256, counts: both.scanned };
  };
  // The full scan reads the whole file once more before the copy: a sample instead where the plan
  // allows it (measured at 5M Meta rows: see the README), the full scan if the copy meets a value
  // the sample did not hold.
  const sampled = fastSql(plan, header.cells.length, header.delimiter, upload, preamble.length, undefined, sampleRows());
  if (!sampled) return validateWith(input, fullScan);
  const sampleScan: ScanStep = async (con) => {
    const counts = await runQuery(con, sampled.scan, file, []).catch((e: unknown) => `DuckDB could not read it: ${String(e).split('\n')[0]}`);
    return typeof counts === 'string' ? counts : { reader, bound, plan, sql: sampled, source: file, sha256: screening, counts };
  };
  return validateWith(input, sampleScan, fullScan);
}

/**
 * DuckDB's first pass and the byte screen, run side by side: both answers, or why the reader must
 * decide (DuckDB could not read the file, or the screen found what it would read otherwise).
 */
export async function besideScreen<T>(scanning: Promise<T>, screening: Promise<ScreenResult>): Promise<{ scanned: T; sha256: string } | string> {
  const [screened, scanned] = await Promise.allSettled([screening, scanning]);
  if (screened.status === 'rejected') throw screened.reason;
  // A parse error (a short row, a stray quote): the reader will say which row.
  if (scanned.status === 'rejected') return `DuckDB could not read it: ${String(scanned.reason).split('\n')[0]}`;
  if (screened.value.unsafe) return screened.value.unsafe;
  return { scanned: scanned.value, sha256: screened.value.sha256 };
}

/**
 * The checks and the copy after a first pass (`scan`, undefined: the reader's file). After a
 * sampled pass, `retry` is the full one: run, in a fresh DuckDB, when the copy stops.
 */
async function validateWith(input: FastInput, scan: ScanStep | undefined, retry?: ScanStep): Promise<FastUpload | undefined> {
  if (!scan) return undefined;
  const { store, rawKey, ctx, stamp } = input;
  const lap = debugClock(rawKey);
  const scratch = await mkdtemp(path.join(tmpdir(), 'campaign-ingest-'));
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: MEMORY_LIMIT,
    temp_directory: path.join(scratch, 'spill'),
    preserve_insertion_order: 'false',
    // Rows a thread holds per partition before handing them to the file writers: bounded, so a
    // five-year export (60 monthly partitions) needs no more memory than a one-month one.
    partitioned_write_flush_threshold: '100000',
  });
  const con = await instance.connect();
  const dispose = async () => {
    con.closeSync();
    instance.closeSync();
    await rm(scratch, { recursive: true, force: true });
  };
  const decline = async (why: string): Promise<undefined> => {
    await dispose();
    noteFastPathDecline(rawKey, why);
    return undefined;
  };
  try {
    const scanned = await scan(con, scratch);
    if (typeof scanned === 'string') return decline(scanned);
    const { reader, bound, plan, sql } = scanned;
    lap('screen and scan');
    const c = scanned.counts;
    if (Number(c.row_count) === 0) return decline('no rows');
    // A row the reader would note or check against others (a plan's `leave` rules).
    if (c.leave === true) return decline('a cell the reader must read');
    // Raw keys made by ingestFile carry their hash: a damaged copy is the reader's to report.
    const named = rawKeyHash(rawKey);
    const damaged = (sha256: string) => named !== undefined && !sha256.startsWith(named);
    if (typeof scanned.sha256 === 'string' && damaged(scanned.sha256)) return decline('content does not match its hash');

    // Dates and regions: each distinct text read by the readers' own functions.
    const startRule = plan.columns[periodColumn(plan.table)];
    let starts: string[] = [];
    for (const cell of sql.dateCells) {
      const texts = listItems(c[`dates_${cell}`]);
      for (const t of texts) {
        const parsed = typeof t === 'string' ? parseLocalDate(t) : undefined;
        // Only dates already written as YYYY-MM-DD (from year 1000: no calendar questions): then
        // DuckDB's cast gives the same day. Any other spelling the reader accepts goes to the reader.
        if (!parsed?.ok || parsed.value !== t || (t as string) < '1000') return decline(`date ${JSON.stringify(t)}`);
      }
      if (startRule?.kind === 'date' && startRule.cell === cell) starts = texts as string[];
    }
    // The codes and names in the keys' ENUM order, for the copy's last parameters.
    let regions: { codes: string[]; names: string[] } | undefined;
    if (sql.region) {
      const resolved = await resolveRegions(con, sql.region, listItems(c.regions) as string[], ctx.resolveRegion);
      if ('why' in resolved) return decline(resolved.why);
      regions = resolved;
      const outside = checkPartnerRules(input.partner, regions.codes);
      if (outside) return decline(outside);
    }
    // Text columns as ENUMs of their distinct texts; cells TypeScript reads (a partner's channel and
    // period): each distinct text as written by the plan's own rule.
    let copySql = await withTextTypes(con, sql.copy, sql.textCells, (cell) => listItems(c[`texts_${cell}`]));
    for (const cell of sql.mappedCells) {
      const mapped = checkMapped(plan, cell, listItems(c[`mapped_${cell}`]) as string[]);
      if ('why' in mapped) return decline(mapped.why);
      copySql = withMapped(copySql, cell, mapped.pairs);
    }
    // A row's own currency: each distinct text must be a code as written, agreeing with the
    // caller's; one currency per file here (the reader's summary names the last row's).
    let rowCurrency: string | undefined;
    if (sql.currencyCell !== undefined) {
      const texts = listItems(c.currencies) as string[];
      if (texts.length !== 1 || currencyCode(texts[0]) !== texts[0] || 'error' in fileCurrency(texts[0]!, ctx, '', '')) return decline(`currencies ${JSON.stringify(texts)}`);
      rowCurrency = texts[0];
      // After a sample: every row's currency is checked by the cast to this one-code ENUM.
      if (sql.currencyType) await runWithText(con, sql.currencyType, rowCurrency!);
    }
    const table = plan.table;
    lap('dates and regions');

    await con.run(`SET partitioned_write_max_open_files = ${MAX_OPEN_PARTITIONS}`);
    // Stops with error() at the first row a check cannot vouch for: then the reader decides.
    const out = path.join(scratch, 'out');
    for (const t of sql.constantTypes) await runWithText(con, t.sql, t.value);
    const copy = await con.prepare(copyTo(copySql, out));
    copy.bindVarchar(1, scanned.source);
    sql.copyParams.forEach((v, i) => (v === null ? copy.bindNull(i + 2) : copy.bindVarchar(i + 2, v)));
    if (regions) copy.bindList(sql.copyParams.length + 2, regions.codes, LIST(VARCHAR));
    if (regions && sql.regionNames) copy.bindList(sql.copyParams.length + 3, regions.names, LIST(VARCHAR));
    try {
      await copy.run();
    } catch (e) {
      if (!retry) throw e;
      // A value the sample did not hold, or a row a check flags: the full scan and copy decide.
      noteFastPathRetry(rawKey, String(e).split('\n')[0]!);
      await dispose();
      return validateWith(input, retry);
    }
    lap('copy');
    let sha256 = scanned.sha256;
    if (typeof sha256 !== 'string') {
      const screened = await sha256;
      if (screened.unsafe) return decline(screened.unsafe);
      if (damaged(screened.sha256)) return decline('content does not match its hash');
      sha256 = screened.sha256;
    }
    const files = await writtenFiles(out, table.partitionKey);
    if (!files) return decline('not one file per partition');
    // After a sample the scan saw some of the periods only: the files name them all. After the
    // full scan, its periods must be the files' partitions.
    const partitions = sql.sampled ? [...files.keys()].sort() : [...new Set(starts.map((d) => partitionValueOf(table, d)))].sort();
    if (files.size !== partitions.length || partitions.some((p) => !files.has(p))) return decline('not one file per partition');
    const byKey = new Map([...files].map(([p, f]) => [partitionFileKey(table, p, stamp.uploadId), f]));

    const stats = await con.prepare(sql.stats);
    stats.bindList(1, [...byKey.values()], LIST(VARCHAR));
    const st = (await stats.runAndReadAll()).getRowObjects()[0]!;
    const rows = Number(st.row_count);
    if (!sql.sampled && rows !== Number(c.row_count)) return decline('not the rows the scan counted');
    // A period key twice (or a hash collision): the reader names both rows.
    const keys = await con.prepare(sql.distinctKeys);
    const fileRows = await rowsByFile(con, [...byKey.values()]);
    for (const f of byKey.values()) {
      const written = fileRows.get(f);
      if (written === undefined) return decline('a written file without its row count');
      const parts = Math.max(1, Math.ceil(written / keysAtOnce()));
      for (let part = 0; part < parts; part++) {
        keys.bindVarchar(1, f);
        keys.bindVarchar(2, String(parts));
        keys.bindVarchar(3, String(part));
        const k = (await keys.runAndReadAll()).getRowObjects()[0]!;
        if (Number(k.distinct_keys) !== Number(k.row_count)) return decline('a period key twice');
      }
    }
    lap('stats');
    const sums: Record<string, number | undefined> = {};
    for (const m of SUMMED) if (st[`n_${m}`] !== undefined && Number(st[`n_${m}`]) > 0) sums[m] = Number(st[`sum_${m}`]);
    const currency = plan.columns.currency?.kind === 'const' ? (plan.columns.currency.value ?? undefined) : rowCurrency;
    // The reader's check of its skipped rows (Google's Total row), with the sums of the written rows.
    const summaryProblem = sql.summary ? checkSummary(plan, listItems(c.skipped), st) : undefined;
    if (summaryProblem) return decline(summaryProblem);
    let totals = Totals.ofAdSums(sums, currency);
    if (sql.channelSums) {
      const q = await con.prepare(sql.channelSums);
      q.bindList(1, [...byKey.values()], LIST(VARCHAR));
      const channels = channelTotals((await q.runAndReadAll()).getRowObjects());
      if (!channels) return decline('a channel total beyond exact numbers');
      totals = channels;
    }
    return {
      reader,
      rows,
      totals,
      periods: { first: String(st.first_period), last: String(st.last_period) },
      partitions,
      sha256,
      // A plan with noNotes leaves every row the reader would note to it: its notes are those of no such row.
      notes: bound.notes ? bound.notes() : undefined,
      dataFiles: [...byKey.keys()],
      countReplaced: async (stored, live) => {
        if (stored.length === 0) return { count: 0, periods: [] };
        const q = await con.prepare(sql.replaced);
        q.bindList(1, [...byKey.values()], LIST(VARCHAR));
        q.bindList(2, stored.map((k) => path.join(store.localRoot!, ...k.split('/'))), LIST(VARCHAR));
        q.bindList(3, [...live], LIST(VARCHAR));
        const r = (await q.runAndReadAll()).getRowObjects()[0]!;
        return { count: Number(r.replaced), periods: (listItems(r.periods) as string[]).sort() };
      },
      putDataFile: (key) => putLocalFile(store, key, byKey.get(key)!),
      dispose,
    };
  } catch (e) {
    // A statement stopped by a check (error()), or anything unforeseen: the reader decides.
    return decline(String(e).split('\n')[0]!);
  }
}

/** Header cells and delimiter of a plain UTF-8 CSV whose first line is the header; else undefined. */
async function headerOf(file: string): Promise<{ cells: string[]; delimiter: string } | undefined> {
  const head = await readHead(file);
  const start = utf8BomLength(head);
  const nl = head.indexOf(0x0a, start);
  // Zip (Excel), old Excel, UTF-16 (zero bytes), JSON, or no line break: the reader's job.
  if (nl === -1 || head.includes(0) || head[start] === 0x7b || head[start] === 0x5b || (head[0] === 0x50 && head[1] === 0x4b)) return undefined;
  let line = head.subarray(start, nl).toString('utf8');
  if (line.endsWith('\r')) line = line.slice(0, -1);
  // Quotes in the header are fine: the screen vouches for the quoting of every line, header included.
  if (line.includes('\r') || line.includes('\ufffd') || line.trim() === '') return undefined;
  const delimiter = detectDelimiter(line);
  return { cells: splitRecord(line, delimiter).map((h) => h.trim()), delimiter };
}

async function screen(file: string, delimiter: string) {
  const s = new CsvScreen(delimiter);
  await forEachChunk(file, (chunk) => s.feed(chunk));
  return s.finish();
}

export async function runQuery(con: DuckDBConnection, sql: string, file: string, params: (string | null)[]): Promise<Record<string, unknown>> {
  const p = await con.prepare(sql);
  p.bindVarchar(1, file);
  params.forEach((v, i) => (v === null ? p.bindNull(i + 2) : p.bindVarchar(i + 2, v)));
  return (await p.runAndReadAll()).getRowObjects()[0] as Record<string, unknown>;
}

/** With CAMPAIGN_DEBUG set, the time and RSS at each step on stderr. */
function debugClock(what: string): (step: string) => void {
  let t = performance.now();
  return (step) => {
    if (!process.env.CAMPAIGN_DEBUG) return;
    const now = performance.now();
    process.stderr.write(`fast ingest ${what}: ${step} ${((now - t) / 1000).toFixed(2)} s, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
    t = now;
  };
}

function listItems(v: unknown): unknown[] {
  return (v as { items?: unknown[] } | null)?.items ?? [];
}

/** A statement whose one parameter is a text: the one-value ENUMs of the copy's constants and of a sampled file's currency. */
async function runWithText(con: DuckDBConnection, statement: string, text: string): Promise<void> {
  const p = await con.prepare(statement);
  p.bindVarchar(1, text);
  await p.run();
}

/** Rows of each written file, from the files' footers. */
async function rowsByFile(con: DuckDBConnection, files: string[]): Promise<Map<string, number>> {
  const q = await con.prepare(loadQuery('ingest/file-rows'));
  q.bindList(1, files, LIST(VARCHAR));
  return new Map((await q.runAndReadAll()).getRowObjects().map((r) => [String(r.file), Number(r.rows)]));
}

/** partition value -> the one file DuckDB wrote there; undefined if a partition holds several. */
async function writtenFiles(out: string, key: TableDef['partitionKey']): Promise<Map<string, string> | undefined> {
  const files = new Map<string, string>();
  for (const dir of await readdir(out).catch(() => [] as string[])) {
    if (!dir.startsWith(`${key.name}=`)) return undefined;
    const partition = partitionOfFolder(key.kind, decodeURIComponent(dir.slice(key.name.length + 1)));
    const inside = (await readdir(path.join(out, dir))).filter((f) => f.endsWith('.parquet'));
    if (partition === undefined || inside.length !== 1) return undefined;
    files.set(partition, path.join(out, dir, inside[0]!));
  }
  return files;
}
