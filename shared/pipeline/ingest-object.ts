import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { monthOf, monthsBetween } from '../domain/dates.ts';
import { createRegionResolver } from '../geo/region-resolver.ts';
import { ingestedMarkerKey, partitionFileKey, quarantineKey } from '../lake/layout.ts';
import { ParquetFileBuilder, readParquet, writeParquet } from '../lake/parquet.ts';
import type { Row, TableDef } from '../lake/tables.ts';
import { CsvFormatError, parseCsvStream } from '../sources/csv-stream.ts';
import type { ReaderContext, RecordParser, RowError, SourceReader } from '../sources/reader.ts';
import { detectReader, READERS, readerByFormat } from '../sources/registry.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { loadRegionAliases } from './region-aliases.ts';
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
  };
  const hash = createHash('sha256');
  const errors: RowError[] = [];
  const badRows = new Set<number>();
  let reader: SourceReader | undefined;
  let parse: RecordParser | undefined;
  let policy: ReplacementPolicy | undefined;
  const spans = new ScopeSpans();
  const builders = new Map<string, ParquetFileBuilder>();
  const totals = new Totals();
  let rows = 0;

  const onHeader = (header: string[]): void => {
    reader = opts.format ? readerByFormat(opts.format) : detectReader(header);
    if (!reader) {
      const why = opts.format
        ? `unknown format "${opts.format}"`
        : `unrecognised file: found headers ${JSON.stringify(header.slice(0, 12))}`;
      errors.push({ row: 1, column: '(header)', reason: `${why}; known formats: ${READERS.map((r) => r.format).join(', ')}` });
      throw new Rejection();
    }
    const bound = reader.bind(header, ctx);
    if ('errors' in bound) {
      errors.push(...bound.errors);
      throw new Rejection();
    }
    parse = bound.parse;
    policy = replacementPolicy(reader.table);
  };

  const onRecord = (fields: string[], row: number): void => {
    const before = errors.length;
    const out = parse!(fields, row, errors);
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
    const fileKey = partitionFileKey(reader!.table, monthOf(date), owner);
    let builder = builders.get(fileKey);
    if (!builder) builders.set(fileKey, (builder = new ParquetFileBuilder(reader!.table)));
    builder.append(out);
    if (opts.onProgress && rows % 100_000 === 0) opts.onProgress(rows);
  };

  try {
    await parseCsvStream(hashing(await store.getStream(rawKey), hash), onHeader, onRecord);
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
  const written = await commit(store, reader!.table, policy!, spans, builders);
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
  // Every file the new rows could replace rows in: each owner's months across its spans.
  const touched = new Set(builders.keys());
  for (const span of spans.spans.values())
    for (const month of monthsBetween(span.first, span.last)) touched.add(partitionFileKey(table, month, span.owner));
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
