/**
 * Whether ingestObject tries the DuckDB fast path first, and its lazy loading: DuckDB is a native
 * module present in the local runtime only, so a missing module (a Lambda bundle) simply means
 * the JavaScript reader. CAMPAIGN_INGEST=js turns the fast path off (the Lambda path, measured
 * by the bench); CAMPAIGN_FAST_INGEST_MIN_BYTES sets the size below which starting DuckDB costs
 * more than it saves.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { validateFast } from './fast-path.ts';

const DEFAULT_MIN_BYTES = 256 * 1024;

export async function fastPathWanted(store: ObjectStore, rawKey: string, env = process.env): Promise<boolean> {
  if (!store.localRoot || env.CAMPAIGN_INGEST === 'js') return false;
  const min = env.CAMPAIGN_FAST_INGEST_MIN_BYTES !== undefined ? Number(env.CAMPAIGN_FAST_INGEST_MIN_BYTES) : DEFAULT_MIN_BYTES;
  const size = await stat(path.join(store.localRoot, ...rawKey.split('/'))).then((s) => s.size, () => -1);
  return size >= 0 && size >= min;
}

let loaded: Promise<typeof validateFast | undefined> | undefined;

/** The fast path, or undefined where DuckDB cannot load. */
export function loadFastPath(): Promise<typeof validateFast | undefined> {
  // Spelled with its folder so that the Lambda bundles can keep it external (infra/constructs/node-function.ts).
  loaded ??= import('../fast-ingest/fast-path.ts').then(
    (m) => m.validateFast,
    () => undefined,
  );
  return loaded;
}

/** Upload ids the fast path committed, the latest few (for tests and the bench to see which path ran). */
export const FAST_PATH_UPLOADS: string[] = [];

/** The latest 100 of a list of notes. */
function keepRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > 100) list.shift();
}

export function noteFastPathUpload(uploadId: string): void {
  keepRecent(FAST_PATH_UPLOADS, uploadId);
}

/** Why the fast path left recent files to the reader (for the bench and CAMPAIGN_DEBUG). */
export const FAST_PATH_DECLINED: { rawKey: string; why: string }[] = [];

export function noteFastPathDecline(rawKey: string, why: string): void {
  keepRecent(FAST_PATH_DECLINED, { rawKey, why });
  if (process.env.CAMPAIGN_DEBUG) process.stderr.write(`fast ingest of ${rawKey}: left to the reader (${why})\n`);
}

/** Files whose copy stopped after a sampled first pass (a value the sample missed, or a flagged row), so the full scan ran (for the tests and CAMPAIGN_DEBUG). */
export const FAST_PATH_RETRIES: { rawKey: string; why: string }[] = [];

export function noteFastPathRetry(rawKey: string, why: string): void {
  keepRecent(FAST_PATH_RETRIES, { rawKey, why });
  if (process.env.CAMPAIGN_DEBUG) process.stderr.write(`fast ingest of ${rawKey}: the copy stopped after a sampled first pass, the full scan next (${why})\n`);
}
