import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createRegionResolver } from '../geo/region-resolver.ts';
import { ingestedMarkerKey, PREFIX, partitionFileKey, partitionValueOf, partitionValuesBetween, quarantineKey } from '../lake/layout.ts';
import { ParquetFileBuilder, readParquet, writeParquet } from '../lake/parquet.ts';
import type { Row, TableDef } from '../lake/tables.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import { SKIP_ROW, type BoundReader, type ReaderContext, type RowError, type SourceReader } from '../sources/reader.ts';
import { detectReader, READERS, readerByFormat } from '../sources/registry.ts';
import { sniffSource } from '../sources/sniff.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { loadRegionAliases } from './region-aliases.ts';
import { withOwnerLocks } from './owner-lock.ts';
import { replacementPolicy, ScopeSpans, type ReplacementPolicy } from './replacement.ts';
import { Totals } from './totals.ts';

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
  onProgress?: (rows: number) => void;
}

export interface IngestResult {
  file: string;
  rawKey: string;
  format: string | null;
  status: 'accepted' | 'rejected';
  /** True when this exact content was ingested before: nothing changed. */
  duplicate: boolean;
  rows: number;
  /** Number of rows with at least one error */
  rejected: number;
  errors: RowError[];
  totals: Record<string, number>;
  currency?: string;
  /** curated/ objects written or rewritten */
  written: string[];
}

class Rejection extends Error {}

/**
 * Ingest one raw object: detect its format, validate every row, and only if all rows are valid
 * write them to curated/ Parquet (replacing what a newer upload supersedes). A file with any bad
 * row is rejected whole: its errors go to quarantine/, the raw object stays as received.
 * Ingesting the same content twice changes nothing.
 */
export async function ingestObject(store: ObjectStore, rawKey: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const file = opts.displayName ?? rawKey;
  const ctx: ReaderContext = {
    sourceKey: rawKey,
    resolveRegion: createRegionResolver(await loadRegionAliases(store)),
    partnerId: opts.partnerId ?? partnerFromRawKey(rawKey),
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    ...(opts.currency !== undefined ? { currency: opts.currency } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    fileName: file.replace(/^.*\//, ''),
  };
  const hash = createHash('sha256');
  const errors: RowError[] = [];
  const badRows = new Set<number>();
  let reader: SourceReader | undefined;
  let bound: BoundReader | undefined;
  // Lines before the header (Google's report title and date range), and the first line seen.
  const preamble: string[] = [];
  let firstLine: string[] | undefined;
  let policy: ReplacementPolicy | undefined;
  const spans = new ScopeSpans();
  const builders = new Map<string, ParquetFileBuilder>();
  const totals = new Totals();
  let rows = 0;

  const unrecognised = (why: string): never => {
    errors.push({ row: 1, column: '(header)', reason: `${why}; known formats: ${READERS.map((r) => r.format).join(', ')}` });
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
    if (!reader) return unrecognised(`unrecognised file: found headers ${JSON.stringify((firstLine ?? header).slice(0, 12))}`);
    const b = reader.bind(header, ctx, preamble);
    if ('errors' in b) {
      errors.push(...b.errors);
      throw new Rejection();
    }
    bound = b;
    policy = replacementPolicy(reader.table);
    return true;
  };

  const onRecord = (fields: string[], row: number): void => {
    const before = errors.length;
    const out = bound!.parse(fields, row, errors);
    if (out === SKIP_ROW) return;
    if (out === null || errors.length !== before) {
      badRows.add(row);
      return;
    }
    rows += 1;
    totals.add(reader!.table, out);
    if (badRows.size > 0) return; // the file is rejected anyway: keep validating, stop building
    const p = policy!;
    const owner = p.owner(out);
    const date = p.date(out);
    spans.add(p.scope(out), owner, date);
    const fileKey = partitionFileKey(reader!.table, partitionValueOf(reader!.table, date), owner);
    let builder = builders.get(fileKey);
    if (!builder) builders.set(fileKey, (builder = new ParquetFileBuilder(reader!.table)));
    builder.append(out);
    if (opts.onProgress && rows % 100_000 === 0) opts.onProgress(rows);
  };

  try {
    const source = await sniffSource(hashing(await store.getStream(rawKey), hash));
    if (source.kind === 'json') ingestJson(source.text, opts.format, onHeader, onRecord);
    else await parseCsvStream(source.chunks, onHeader, onRecord);
    if (!reader && firstLine) unrecognised(`unrecognised file: found headers ${JSON.stringify(firstLine.slice(0, 12))}`);
    if (bound?.finish) errors.push(...bound.finish());
  } catch (e) {
    if (e instanceof CsvFormatError) errors.push({ row: 1, column: '(file)', reason: e.message });
    else if (!(e instanceof Rejection)) throw e;
  }
  if (!reader && errors.length === 0) errors.push({ row: 1, column: '(file)', reason: 'the file is empty' });

  const base = { file, rawKey, format: reader?.format ?? null, totals: totals.toJSON(), currency: totals.currency };
  if (errors.length > 0) {
    const result: IngestResult = { ...base, status: 'rejected', duplicate: false, rows: 0, rejected: badRows.size, errors, written: [] };
    await store.put(quarantineKey(rawKey), JSON.stringify({ ...result, rejectedAt: new Date().toISOString() }, null, 2));
    return result;
  }
  const sha = hash.digest('hex');
  const marker = ingestedMarkerKey(sha);
  if (await store.exists(marker)) {
    return { ...base, status: 'accepted', duplicate: true, rows, rejected: 0, errors: [], written: [] };
  }
  const table = reader!.table;
  const locks = [...new Set([...spans.spans.values()].map((sp) => sp.owner))].map((owner) => `${PREFIX.locks}${table.name}/${owner}.lock`);
  const written = await withOwnerLocks(store, locks, () => commit(store, table, policy!, spans, builders));
  await store.put(marker, JSON.stringify({ rawKey, sha256: sha, format: reader!.format, rows, written, ingestedAt: new Date().toISOString() }));
  return { ...base, status: 'accepted', duplicate: false, rows, rejected: 0, errors: [], written };
}

/**
 * Write the new files, folding in stored rows the new file does not replace. Marker-last
 * ordering makes a crash here safe to retry: the same replacement gives the same result.
 */
async function commit(
  store: ObjectStore,
  table: TableDef,
  policy: ReplacementPolicy,
  spans: ScopeSpans,
  builders: Map<string, ParquetFileBuilder>,
): Promise<string[]> {
  // Every file the new rows could replace rows in: each owner's partitions across its spans.
  const touched = new Set(builders.keys());
  for (const span of spans.spans.values())
    for (const value of partitionValuesBetween(table, span.first, span.last)) touched.add(partitionFileKey(table, value, span.owner));
  const written: string[] = [];
  for (const key of [...touched].sort()) {
    const kept: Row[] = (await store.exists(key)) ? (await readParquet(table, await store.get(key))).filter((r) => !spans.replaces(policy, r)) : [];
    const builder = builders.get(key);
    if (builder) {
      for (const r of kept) builder.append(r);
      await store.put(key, builder.finish());
    } else if (kept.length > 0) {
      await store.put(key, writeParquet(table, kept));
    } else if (await store.exists(key)) {
      await store.delete(key);
    } else continue;
    written.push(key);
  }
  return written;
}

/** A header is looked for in the first lines: Google reports put two title lines above it. */
const MAX_PREAMBLE_LINES = 5;

/**
 * Feed a JSON upload (small: API responses) through the same header/record callbacks as CSV,
 * using the first JSON reader (or the forced one) that recognises the document's shape.
 */
function ingestJson(
  text: string,
  format: string | undefined,
  onHeader: (header: string[], line: string, input: 'json') => boolean,
  onRecord: (fields: string[], row: number) => void,
): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CsvFormatError(`the file starts like JSON but is not valid JSON: ${(e as Error).message}`);
  }
  for (const reader of READERS) {
    if (!reader.tabulate || (format && reader.format !== format)) continue;
    const table = reader.tabulate(doc);
    if (!table) continue;
    onHeader(table.header, '', 'json');
    table.records.forEach((fields, i) => onRecord(fields, i + 1));
    return;
  }
  const keys = doc !== null && typeof doc === 'object' ? Object.keys(doc).slice(0, 12) : [typeof doc];
  const formats = READERS.map((r) => r.format).join(', ');
  throw new CsvFormatError(`unrecognised JSON file: found keys ${JSON.stringify(keys)}; known formats: ${formats}`);
}

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
