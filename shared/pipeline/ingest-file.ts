import { createHash } from 'node:crypto';
import { quarantineKey, rawKey } from '../lake/layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { ingestObject, type IngestOptions, type IngestResult } from './ingest-object.ts';

export type FileIngestResult = IngestResult & { quarantineKey?: string };

/**
 * Keep an uploaded file under raw/ exactly as received (named by its content hash, so two
 * different files never overwrite each other), then ingest it like any raw object.
 */
export async function ingestFile(store: ObjectStore, fileName: string, bytes: Uint8Array, opts: IngestOptions = {}): Promise<FileIngestResult> {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const key = opts.partnerId
    ? rawKey('partners', opts.partnerId, today, `${hash}-${fileName}`)
    : rawKey('ads', 'uploads', today, `${hash}-${fileName}`);
  await store.putIfAbsent(key, bytes);
  const result = await ingestObject(store, key, { ...opts, displayName: opts.displayName ?? fileName });
  return result.status === 'rejected' ? { ...result, quarantineKey: quarantineKey(key) } : result;
}

/** The `--json` summary of an ingest run: per-file results and totals across files. */
export function summarise(results: IngestResult[]) {
  const totals: Record<string, number | string> = {};
  const currencies = new Set<string>();
  for (const r of results) {
    if (r.status !== 'accepted') continue;
    for (const [k, v] of Object.entries(r.totals)) totals[k] = ((totals[k] as number | undefined) ?? 0) + v;
    if (r.currency) currencies.add(r.currency);
  }
  if (typeof totals.spend === 'number') totals.spend = Math.round(totals.spend * 1_000_000) / 1_000_000;
  if (currencies.size === 1) totals.currency = [...currencies][0]!;
  else if (currencies.size > 1) totals.currency = [...currencies].sort().join(',');
  return {
    files: results.map((r) => ({
      file: r.file,
      format: r.format,
      status: r.status,
      duplicate: r.duplicate,
      rows: r.rows,
      rejected: r.rejected,
      errors: r.errors,
      rawKey: r.rawKey,
      totals: r.totals,
      ...(r.currency ? { currency: r.currency } : {}),
    })),
    totals,
  };
}
