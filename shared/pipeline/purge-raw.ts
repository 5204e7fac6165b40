/**
 * Retention of raw partner uploads. raw/partners/ (and rejected/partners/, what the portal refused) keeps each upload exactly as received (so a
 * rejected file can be fixed and a bad ingest redone); after the retention period only the curated
 * counts are needed. The date an upload was received is in its key (raw/partners/<id>/<date>/...).
 * Ad-platform exports under raw/ads/ hold no counts of people and are not touched.
 */
import { addDays } from '../domain/dates.ts';
import { PREFIX, quarantineKey } from '../lake/layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export const RAW_PARTNERS_PREFIX = `${PREFIX.raw}partners/`;
/** Uploads the portal refused, kept as received outside raw/: the same retention applies. */
export const REJECTED_PARTNERS_PREFIX = `${PREFIX.rejected}partners/`;
const PREFIXES = [RAW_PARTNERS_PREFIX, REJECTED_PARTNERS_PREFIX];

export interface PurgeResult {
  /** Raw uploads deleted (or, with dryRun, that would be). */
  deleted: string[];
  /** Their quarantine files (rejection reasons) deleted with them. */
  quarantine: string[];
}

/** The received-on date in a raw partner key, or undefined. */
export function receivedOn(key: string): string | undefined {
  const prefix = PREFIXES.find((p) => key.startsWith(p));
  return prefix ? key.slice(prefix.length).split('/').find((s) => /^\d{4}-\d{2}-\d{2}$/.test(s)) : undefined;
}

async function remove(store: ObjectStore, keys: string[], dryRun: boolean): Promise<PurgeResult> {
  const quarantine: string[] = [];
  for (const key of keys) {
    const q = quarantineKey(key);
    if (await store.exists(q)) quarantine.push(q);
  }
  if (!dryRun) for (const k of [...keys, ...quarantine]) await store.delete(k);
  return { deleted: keys, quarantine };
}

/**
 * Delete raw partner uploads received more than `days` days before `today`, with their quarantine files.
 * @example await purgeRaw(store, { olderThanDays: 90, today: '2026-12-01' })
 */
export async function purgeRaw(store: ObjectStore, o: { olderThanDays: number; today: string; dryRun?: boolean }): Promise<PurgeResult> {
  const cutoff = addDays(o.today, -o.olderThanDays);
  const keys = (await Promise.all(PREFIXES.map((p) => store.list(p))))
    .flat()
    .map((x) => x.key)
    .filter((k) => {
      const d = receivedOn(k);
      return d !== undefined && d < cutoff;
    })
    .sort();
  return remove(store, keys, o.dryRun ?? false);
}

/** Erase one raw partner upload (a file uploaded by mistake) and its quarantine file. */
export async function eraseRawFile(store: ObjectStore, key: string, dryRun = false): Promise<PurgeResult> {
  if (!PREFIXES.some((p) => key.startsWith(p))) throw new Error(`${key} is not a raw partner upload (keys start with ${PREFIXES.join(' or ')})`);
  if (!(await store.exists(key))) throw new Error(`${key} does not exist in the lake`);
  return remove(store, [key], dryRun);
}
