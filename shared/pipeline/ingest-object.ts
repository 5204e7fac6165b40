import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createRegionResolver, type RegionResolver } from '../geo/region-resolver.ts';
import { partitionFileKey, partitionValueOf, quarantineKey, rawKeyHash, stem } from '../lake/layout.ts';
import { failpoint } from '../lake/failpoints.ts';
import { ParquetFileBuilder } from '../lake/parquet.ts';
import { dataFiles, forEachStoredRow } from '../lake/stored-rows.ts';
import type { Dataset, Row, TableDef } from '../lake/tables.ts';
import { newUpload, UPLOAD_ID, UploadIndex, writeCommit, type UploadEvent, type UploadStamp } from '../lake/uploads.ts';
import { SpilledKeySet } from '../lake/spilled-keys.ts';
import { keyWords, periodColumn } from '../lake/version-key.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { findColumn, SKIP_ROW, type BoundReader, type ReaderContext, type RowError, type SourceReader } from '../sources/reader.ts';
import { detectReader, READERS, readerByFormat } from '../sources/registry.ts';
import { sniffSource } from '../sources/sniff.ts';
import { putLocalFile } from '../storage/put-local-file.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { checkPartnerFormat, partnerHeaderErrors, checkPartnerRegion, partnerRulesFor } from './partner-rules.ts';
import { loadRegionAliases } from './region-aliases.ts';
import { IngestStaging } from './ingest-staging.ts';
import { CHANGED, ingestJson } from './ingest-json.ts';
import { Totals } from './totals.ts';
import type { ValidatedUpload } from './validated-upload.ts';
import { fastPathWanted, loadFastPath, noteFastPathUpload } from './fast-ingest/use-fast-path.ts';

export interface IngestOptions {
  /** Force a format instead of detecting it from the header. */
  format?: string;
  /** Partner the upload belongs to; defaults to the one in a raw/partners/<id>/ key. */
  partnerId?: string;
  /** Local date used to refuse counts dated in the future; defaults to today (UTC). */
  today?: string;
  /** Name to show in messages (defaults to the raw key). */
  displayName?: string;
  /** ISO 4217 currency of a file that states none (Meta API without account_currency); never guessed. */
  currency?: string;
  /** `YYYY-MM-DD..YYYY-MM-DD` covered by a report that states no dates (Google "All time"). */
  period?: string;
  /** Uploads this one replaces whole (reprocessing): withdrawn in the same commit. */
  supersedes?: UploadEvent[];
  /** Why the upload was made, kept in the log (e.g. "reprocessed"). */
  reason?: string;
  /** Sheet of an Excel workbook to read (default: the first). */
  sheet?: string;
  onProgress?: (rows: number) => void;
}

export interface IngestResult {
  file: string;
  rawKey: string;
  format: string | null;
  status: 'accepted' | 'rejected';
  /** The upload's id (also for a rejection: it names the quarantine record). */
  uploadId: string;
  /** True when this owner's live upload of the same content already says all this: nothing changed. */
  duplicate: boolean;
  /** The earlier upload a duplicate repeats (always the same owner's). */
  duplicateOf?: { uploadId: string; at: string };
  rows: number;
  /** Number of rows with at least one error */
  rejected: number;
  errors: RowError[];
  totals: Record<string, number>;
  currency?: string;
  /** Period keys of this upload that already had a count: the newer count now wins. */
  replaced: number;
  /** First days of the periods whose earlier counts were replaced (sorted). */
  replacedPeriods: string[];
  /** First and last period of the upload */
  periods?: { first: string; last: string };
  /** curated/ objects written (data files, then the commit) */
  written: string[];
  /** Rows understood without being loaded (a total row that matches the sum). */
  notes?: RowError[];
}

class Rejection extends Error {}

/**
 * Ingest one raw object: detect its format, validate every row, and only if all rows are valid
 * write them as a new upload: new immutable Parquet files, then one commit in the upload log.
 * Nothing stored is ever rewritten; readers take, per period key, the newest live upload's row
 * (queries/views/). A file with any bad row is rejected whole: its errors go to quarantine/, the
 * raw object stays as received. A crash at any point leaves the upload absent, never half there.
 * On a local store a large file first tries the DuckDB fast path (fast-ingest/), which accepts only
 * what its checks vouch for; everything else, and every message, comes from the reader.
 */
export async function ingestObject(store: ObjectStore, rawKey: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const file = opts.displayName ?? rawKey;
  const stamp = newUpload();
  const partnerRules = await partnerRulesFor(store, rawKey);
  // Built on first use (about 0.2 s): the fast path builds it while DuckDB reads the file.
  const aliases = await loadRegionAliases(store);
  let resolver: RegionResolver | undefined;
  const ctx: ReaderContext = {
    sourceKey: rawKey,
    resolveRegion: (text) => (resolver ??= createRegionResolver(aliases))(text),
    partnerId: partnerRules?.partnerId ?? opts.partnerId,
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    ...(opts.currency !== undefined ? { currency: opts.currency } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    fileName: file.replace(/^.*\//, ''),
  };
  if (await fastPathWanted(store, rawKey)) {
    const fast = await (await loadFastPath())?.({ store, rawKey, ctx, format: opts.format, stamp, partner: partnerRules });
    if (fast) {
      try {
        const result = await commitUpload(store, rawKey, opts, ctx, stamp, fast);
        noteFastPathUpload(stamp.uploadId);
        return result;
      } finally {
        await fast.dispose();
      }
    }
  }
  const staging = new IngestStaging();
  try {
    return await readAndCommit(store, rawKey, opts, ctx, stamp, partnerRules, staging);
  } finally {
    staging.dispose();
  }
}

/**
 * The JavaScript reading path (the ingest Lambda's): rows are validated and written as they come,
 * the Parquet files and the period keys to local staging files, so memory stays flat however
 * large the file; only the commit step puts anything in the store.
 */
async function readAndCommit(
  store: ObjectStore,
  rawKey: string,
  opts: IngestOptions,
  ctx: ReaderContext,
  stamp: UploadStamp,
  partnerRules: Awaited<ReturnType<typeof partnerRulesFor>>,
  staging: IngestStaging,
): Promise<IngestResult> {
  const file = opts.displayName ?? rawKey;
  const hash = createHash('sha256');
  const errors: RowError[] = [];
  const badRows = new Set<number>();
  let reader: SourceReader | undefined;
  let bound: BoundReader | undefined;
  // Lines before the header (Google's report title and date range), and the first line seen.
  const preamble: string[] = [];
  let firstLine: string[] | undefined;
  let regionColumn = 'region';
  let dateColumn = '';
  /** The period keys seen, with their rows: a key may appear once per file (checked at the end). */
  let seen: SpilledKeySet | undefined;
  const builders = new Map<string, ParquetFileBuilder>();
  const partitions = new Set<string>();
  const totals = new Totals();
  let rows = 0;
  let buffered = 0;
  let first = '';
  let last = '';

  const unrecognised = (why: string, header?: string[]): never => {
    // A partner's upload is told what a partner sheet needs, not the list of export formats.
    if (partnerRules && header) errors.push(...partnerHeaderErrors(header, ctx));
    else errors.push({ row: 1, column: '(header)', reason: `${why}; known formats: ${READERS.map((r) => r.format).join(', ')}` });
    throw new Rejection();
  };
  /** Returns false for a title line before the header: the next line is tried. */
  const onHeader = (header: string[], line: string, input: 'csv' | 'json' = 'csv'): boolean => {
    const forced = opts.format ? readerByFormat(opts.format) : undefined;
    if (opts.format && !forced) unrecognised(`unknown format "${opts.format}"`);
    const found = forced ? (forced.matches(header) || !forced.preamble ? forced : undefined) : detectReader(header, input);
    if (!found && input === 'csv' && preamble.length < MAX_PREAMBLE_LINES) {
      // Report the first line that looks like a header row (several cells), not a title line.
      if (!firstLine || (firstLine.length < 2 && header.length >= 2)) firstLine = header;
      preamble.push(line);
      return false;
    }
    reader = found ?? forced;
    if (!reader) return unrecognised(`unrecognised file: found headers ${JSON.stringify((firstLine ?? header).slice(0, 12))}`, firstLine ?? header);
    const wrongKind = partnerRules && checkPartnerFormat(partnerRules, reader);
    if (wrongKind) {
      errors.push(wrongKind);
      throw new Rejection();
    }
    const b = reader.bind(header, ctx, preamble);
    if ('errors' in b) {
      errors.push(...b.errors);
      throw new Rejection();
    }
    bound = b;
    regionColumn = header[findColumn(header, 'region')] ?? 'region';
    seen = new SpilledKeySet(reader.table, staging.file('.keys'));
    dateColumn = periodColumn(reader.table);
    return true;
  };

  const onRecord = (fields: string[], row: number): void => {
    const before = errors.length;
    const out = bound!.parse(fields, row, errors);
    if (out === SKIP_ROW) return;
    const one = Array.isArray(out) ? out[0] : out;
    const outsideArea = one && partnerRules && checkPartnerRegion(partnerRules, String(one.region_code), row, regionColumn);
    if (outsideArea) errors.push(outsideArea);
    if (out === null || errors.length !== before) {
      badRows.add(row);
      return;
    }
    for (const r of Array.isArray(out) ? out : [out]) onRow(r, row); // a partner's wide row holds several
  };

  const onRow = (out: Row, row: number): void => {
    seen!.add(out, row);
    rows += 1;
    totals.add(reader!.table, out);
    if (badRows.size > 0) return; // the file is rejected anyway: keep validating, stop building
    const date = out[dateColumn] as string;
    if (first === '' || date < first) first = date;
    if (date > last) last = date;
    out.upload_id = stamp.uploadId;
    out.upload_seq = stamp.seq;
    const partition = partitionValueOf(reader!.table, date);
    const fileKey = partitionFileKey(reader!.table, partition, stamp.uploadId);
    let builder = builders.get(fileKey);
    if (!builder) {
      builders.set(fileKey, (builder = new ParquetFileBuilder(reader!.table, { file: staging.file('.parquet') })));
      partitions.add(partition);
    }
    builder.append(out);
    // Rows wait in their builder's column buffers until their row group is full; across many partitions
    // (a year of months) that adds up, so past a total the waiting groups are written early (smaller, still valid).
    if (++buffered >= MAX_BUFFERED_ROWS) {
      for (const b of builders.values()) b.flush();
      buffered = 0;
    }
    if (opts.onProgress && rows % 100_000 === 0) opts.onProgress(rows);
  };

  let fileError: RowError | undefined;
  try {
    const source = await sniffSource(hashing(await store.getStream(rawKey), hash), { sheet: opts.sheet, streamJson: true });
    if (source.kind === 'json-bytes') {
      // The second pass reads the object again: it must be the same bytes the first pass checked.
      const again = createHash('sha256');
      await ingestJson(source.chunks, async () => hashing(await store.getStream(rawKey), again), opts.format, onHeader, onRecord);
      if (again.digest('hex') !== hash.copy().digest('hex')) throw new CsvFormatError(CHANGED);
    } else if (source.kind === 'text') await parseCsvStream(source.chunks, onHeader, onRecord);
    if (!reader && firstLine) unrecognised(`unrecognised file: found headers ${JSON.stringify(firstLine.slice(0, 12))}`, firstLine);
  } catch (e) {
    if (e instanceof CsvFormatError) fileError = { row: 1, column: '(file)', reason: e.message };
    else if (!(e instanceof Rejection)) throw e;
  }
  // Repeated keys are found once every key is in, and take their place among the errors by row.
  const repeats = (seen?.repeats() ?? []).map(({ row, earlier }): RowError => {
    badRows.add(row);
    return { row, column: '(row)', reason: `row ${row} has the same ${keyWords(reader!.table)} as row ${earlier}: each may appear once in a file; remove or merge one of the two rows` };
  });
  if (repeats.length > 0) errors.splice(0, errors.length, ...mergeByRow(errors, repeats));
  if (!fileError && bound?.finish) errors.push(...bound.finish());
  if (fileError) errors.push(fileError);
  if (!reader && errors.length === 0) errors.push({ row: 1, column: '(file)', reason: 'the file is empty' });

  const base = { file, rawKey, uploadId: stamp.uploadId, format: reader?.format ?? null, totals: totals.toJSON(), currency: totals.currency, replaced: 0, replacedPeriods: [] as string[], ...(bound?.notes ? { notes: bound.notes() } : {}) };
  const reject = async (rejected: number, why: RowError[]): Promise<IngestResult> => {
    const result: IngestResult = { ...base, status: 'rejected', duplicate: false, rows: 0, rejected, errors: why, written: [] };
    await store.put(quarantineKey(rawKey), JSON.stringify({ ...result, rejectedAt: new Date().toISOString() }, null, 2));
    return result;
  };
  // Raw keys made by ingestFile carry their content's hash: a mismatch is a damaged copy (a crash
  // or a full disk in an earlier version), whose rows must not be trusted or blamed on the partner.
  const named = rawKeyHash(rawKey);
  const sha = errors.length === 0 ? hash.digest('hex') : named ? await storedSha(store, rawKey) : '';
  if (named && !sha.startsWith(named)) return reject(0, [{ row: 1, column: '(file)', reason: DAMAGED }]);
  if (errors.length > 0) return reject(badRows.size, errors);
  const replaceable = seen!;
  const validated: ValidatedUpload = {
    reader: reader!,
    rows,
    totals,
    periods: rows > 0 ? { first, last } : undefined,
    partitions: [...partitions],
    sha256: sha,
    notes: bound?.notes ? bound.notes() : undefined,
    dataFiles: [...builders.keys()].sort(), // by partition, as the fast path writes them
    putDataFile: (key) => {
      const builder = builders.get(key)!;
      builder.close();
      return putLocalFile(store, key, builder.file!);
    },
    countReplaced: (stored, live) => countStoredKeys(store, reader!.table, stored, replaceable, live, dateColumn),
  };
  return commitUpload(store, rawKey, opts, ctx, stamp, validated);
}

/**
 * The one commit step of both reading paths: say "unchanged" for the same content again, count
 * what the upload replaces, write its data files, then the commit that makes them visible.
 */
async function commitUpload(store: ObjectStore, rawKey: string, opts: IngestOptions, ctx: ReaderContext, stamp: UploadStamp, v: ValidatedUpload): Promise<IngestResult> {
  const file = opts.displayName ?? rawKey;
  const table = v.reader.table;
  const base = { file, rawKey, uploadId: stamp.uploadId, format: v.reader.format, totals: v.totals.toJSON(), currency: v.totals.currency, ...(v.notes ? { notes: v.notes } : {}) };
  const dataset = table.name as Dataset;
  const owner = ownerOf(rawKey, ctx.partnerId);
  const log = await UploadIndex.read(store, dataset);
  const periods = v.periods;
  const rows = v.rows;
  const sha = v.sha256;
  const repeated = opts.supersedes ? undefined : await log.repeatedUpload(owner, sha);
  if (repeated) {
    const duplicateOf = { uploadId: repeated.upload_id, at: repeated.at };
    return { ...base, replaced: 0, replacedPeriods: [], status: 'accepted', duplicate: true, duplicateOf, rows, rejected: 0, errors: [], written: [], ...(periods ? { periods } : {}) };
  }

  const superseded = new Set((opts.supersedes ?? []).map((u) => u.upload_id));
  const live = new Set(log.live);
  for (const id of superseded) live.delete(id);
  // Partner counts are keyed by partner: only this partner's uploads (and compacted files) can
  // hold a key of this upload, so a partner's weekly file never reads the other partners' files.
  const mayHold = (uploadId: string) => dataset !== 'service_demand' || log.ownerStemOf(uploadId) === stem(owner);
  const stored = await replaceableFiles(store, table, v.partitions, live, mayHold);
  const replaced = await v.countReplaced(stored, live);

  const written: string[] = [];
  for (const key of v.dataFiles) {
    await v.putDataFile(key);
    written.push(key);
    if (written.length === 1) failpoint('ingest:after-first-data-file');
  }
  failpoint('ingest:before-commit');
  const at = new Date().toISOString();
  const commit: UploadEvent = {
    upload_id: stamp.uploadId,
    upload_seq: stamp.seq,
    event: 'commit',
    owner,
    raw_key: rawKey,
    sha256: sha,
    file_name: ctx.fileName ?? null,
    format: v.reader.format,
    rows,
    replaced: replaced.count,
    periods: periods ? `${periods.first}..${periods.last}` : null,
    replaced_periods: replaced.periods.join(',') || null,
    reason: opts.reason ?? null,
    options: readOptionsJson(opts),
    at,
  };
  const withdraws = (opts.supersedes ?? []).map((u) => ({ ...u, event: 'withdraw' as const, reason: `reprocessed as ${stamp.uploadId}`, at }));
  written.push(await writeCommit(store, dataset, commit, withdraws));
  failpoint('ingest:after-commit');
  return { ...base, status: 'accepted', duplicate: false, rows, rejected: 0, errors: [], written, replaced: replaced.count, replacedPeriods: replaced.periods, ...(periods ? { periods } : {}) };
}

const DAMAGED = 'the stored copy of this upload is damaged (its content does not match the hash in its name): upload the file again';

/** SHA-256 of a stored object, streamed. */
export async function storedSha(store: ObjectStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.getStream(key)) hash.update(chunk as Uint8Array);
  return hash.digest('hex');
}

/** The options that change how a file is read, kept so that reprocessing reads it alike. */
function readOptionsJson(opts: IngestOptions): string | null {
  const kept = { format: opts.format, currency: opts.currency, period: opts.period, sheet: opts.sheet };
  return Object.values(kept).some((v) => v !== undefined) ? JSON.stringify(kept) : null;
}

/** The stored data files in the upload's partitions that live uploads' rows (of this owner) may be in. */
async function replaceableFiles(store: ObjectStore, table: TableDef, partitions: string[], live: Set<string>, mayHold: (uploadId: string) => boolean): Promise<string[]> {
  return (await dataFiles(store, table, partitions)).filter((k) => {
    const name = fileUpload(k);
    return UPLOAD_ID.test(name) ? live.has(name) && mayHold(name) : true; // compacted files hold many uploads
  });
}

/**
 * The period keys of a new upload that live uploads already hold, read column-wise one row group
 * at a time: old data is never loaded whole, so a re-export costs the same memory as a first one.
 */
function countStoredKeys(
  store: ObjectStore,
  table: TableDef,
  files: string[],
  newKeys: SpilledKeySet,
  live: Set<string>,
  dateColumn: string,
): Promise<{ count: number; periods: string[] }> {
  const columns = [...table.versioned!.key, 'upload_id'];
  return newKeys.countIn((onRow) => forEachStoredRow(store, table, files, columns, (row) => live.has(row.upload_id as string) && onRow(row)), dateColumn);
}

/**
 * Errors of a file in row order, with `extra` (also in row order) placed after the ones of the
 * same row: the order in which checking the rows one by one would have found them.
 */
function mergeByRow(errors: RowError[], extra: RowError[]): RowError[] {
  const out: RowError[] = [];
  let j = 0;
  for (const e of errors) {
    while (j < extra.length && extra[j]!.row < e.row) out.push(extra[j++]!);
    out.push(e);
  }
  return out.concat(extra.slice(j));
}

/** The upload a data file is named by (or the name of a compacted file). */
function fileUpload(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1, -'.parquet'.length);
}

/**
 * Who an upload belongs to, for "same content as before": the partner, or the uploader segment of
 * raw/ads/<owner>/ keys. Never shared across owners, so a duplicate answer reveals nothing of
 * another owner's data.
 */
export function ownerOf(rawKey: string, partnerId: string | undefined): string {
  if (partnerId) return partnerId;
  const m = /^raw\/(?:ads|partners)\/([^/]+)\//.exec(rawKey);
  return m ? m[1]! : 'uploads';
}

/** Row objects held across all partitions' unfinished row groups before they are written. */
const MAX_BUFFERED_ROWS = 40_000;

/** A header is looked for in the first lines: Google reports put two title lines above it. */
export const MAX_PREAMBLE_LINES = 5;

async function* hashing(stream: Readable, hash: ReturnType<typeof createHash>): AsyncIterable<Uint8Array> {
  for await (const chunk of stream) {
    hash.update(chunk as Uint8Array);
    yield chunk as Uint8Array;
  }
}

/** raw/partners/<partner-id>/... keys carry the partner. */
export function partnerFromRawKey(key: string): string | undefined {
  const m = /^raw\/partners\/([^/]+)\//.exec(key);
  return m?.[1];
}
