/**
 * The upload log of the append-only tables. An upload's data files are written first, under names
 * of their own that nothing else ever writes; then one small event file commits it. Readers show
 * only committed, not withdrawn uploads, so a crash or a race can at worst leave an upload absent.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/object-store.ts';
import { PREFIX } from './layout.ts';
import { readParquet, writeParquet } from './parquet.ts';
import { UPLOAD_EVENTS, type Dataset, type Row } from './tables.ts';

export interface UploadEvent {
  upload_id: string;
  upload_seq: number;
  event: 'commit' | 'withdraw';
  owner: string;
  raw_key: string;
  sha256: string;
  file_name: string | null;
  format: string | null;
  rows: number | null;
  replaced: number | null;
  /** First and last period of the upload: `YYYY-MM-DD..YYYY-MM-DD` */
  periods: string | null;
  replaced_periods: string | null;
  reason: string | null;
  options: string | null;
  at: string;
}

export interface UploadStamp {
  uploadId: string;
  /** Microseconds since 1970: strictly increasing within a process, so the newest upload wins. */
  seq: number;
}

let lastSeq = 0;

/**
 * A new upload's id and sequence. The id starts with the UTC time, so ids sort like sequences;
 * the random tail keeps two machines' ids apart. Across machines "newest" is as good as their
 * clocks (Lambda's are NTP-synced): two uploads of the same week a few microseconds apart are
 * a race that no order could settle anyway.
 */
export function newUpload(now: Date = new Date()): UploadStamp {
  const seq = Math.max(now.getTime() * 1000, lastSeq + 1);
  lastSeq = seq;
  // YYYYMMDDTHHMMSSmmmuuuZ: to the microsecond of the sequence, so ids sort as sequences do.
  const iso = new Date(Math.floor(seq / 1000)).toISOString().replace(/[-:]/g, '').replace('.', '').replace('Z', '');
  return { uploadId: `${iso}${String(seq % 1000).padStart(3, '0')}Z-${randomBytes(4).toString('hex')}`, seq };
}

export const UPLOAD_ID = /^\d{8}T\d{12}Z-[0-9a-f]{8}$/;

export function eventsPrefix(dataset: Dataset): string {
  return `${PREFIX.curated}${UPLOAD_EVENTS.name}/${UPLOAD_EVENTS.partitionKey.name}=${dataset}/`;
}

/**
 * Commit an upload (and withdraw the ones it supersedes, e.g. the upload it reprocesses) in one
 * PUT: the file is the commit, so there is no state in between.
 */
export async function writeCommit(store: ObjectStore, dataset: Dataset, commit: UploadEvent, withdraws: UploadEvent[] = []): Promise<string> {
  const key = `${eventsPrefix(dataset)}${commit.upload_id}.commit.parquet`;
  await store.put(key, writeParquet(UPLOAD_EVENTS, [commit, ...withdraws] as unknown as Row[]));
  return key;
}

/** Withdraw an upload: its rows disappear from every table and earlier versions come back. */
export async function writeWithdraw(store: ObjectStore, dataset: Dataset, withdraw: UploadEvent): Promise<string> {
  const key = `${eventsPrefix(dataset)}${withdraw.upload_id}.withdraw.parquet`;
  await store.put(key, writeParquet(UPLOAD_EVENTS, [withdraw as unknown as Row]));
  return key;
}

/** Every event of a dataset, in upload order. Event files are tiny; compaction keeps them few. */
export async function readUploadLog(store: ObjectStore, dataset: Dataset): Promise<UploadEvent[]> {
  const keys = (await store.list(eventsPrefix(dataset))).filter((o) => o.key.endsWith('.parquet')).map((o) => o.key);
  const out: UploadEvent[] = [];
  await forEachLimited(keys, 16, async (key) => {
    for (const r of await readParquet(UPLOAD_EVENTS, await store.get(key))) out.push(r as unknown as UploadEvent);
  });
  return out.sort((a, b) => a.upload_seq - b.upload_seq || (a.upload_id < b.upload_id ? -1 : a.upload_id > b.upload_id ? 1 : 0));
}

/** An upload as the log tells it: one per upload id. */
export interface UploadState {
  commit: UploadEvent;
  status: 'live' | 'withdrawn';
  withdrawal?: UploadEvent;
}

/** Fold the log into one state per committed upload (duplicate events, e.g. mid-compaction, count once). */
export function uploadStates(log: UploadEvent[]): Map<string, UploadState> {
  const states = new Map<string, UploadState>();
  for (const e of log) if (e.event === 'commit' && !states.has(e.upload_id)) states.set(e.upload_id, { commit: e, status: 'live' });
  for (const e of log) {
    const s = states.get(e.upload_id);
    if (e.event === 'withdraw' && s && s.status === 'live') Object.assign(s, { status: 'withdrawn', withdrawal: e });
  }
  return states;
}

/** Ids of the uploads whose rows are visible. */
export function liveUploadIds(log: UploadEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const [id, s] of uploadStates(log)) if (s.status === 'live') ids.add(id);
  return ids;
}

function overlaps(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const [a0, a1] = a.split('..');
  const [b0, b1] = b.split('..');
  return a0! <= b1! && b0! <= a1!;
}

/**
 * The live upload of the same owner that this content would only repeat: same bytes, and no later
 * live upload of that owner covers any of its periods (after a correction, sending the original
 * again is a new upload that wins again). Never looks at other owners' uploads.
 */
export function repeatedUpload(log: UploadEvent[], owner: string, sha256: string): UploadEvent | undefined {
  const live = [...uploadStates(log).values()].filter((s) => s.status === 'live' && s.commit.owner === owner).map((s) => s.commit);
  for (let i = live.length - 1; i >= 0; i--) {
    const c = live[i]!;
    if (c.sha256 !== sha256) continue;
    const later = live.slice(i + 1);
    return later.some((l) => overlaps(l.periods, c.periods)) ? undefined : c;
  }
  return undefined;
}

/** Run fn over items with at most `limit` at once (S3 GETs in parallel, without thousands in flight). */
export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
