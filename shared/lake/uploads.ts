/**
 * The upload log of the append-only tables. An upload's data files are written first, under names
 * of their own that nothing else ever writes; then one small event file commits it. Readers show
 * only committed, not withdrawn uploads, so a crash or a race can at worst leave an upload absent.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/object-store.ts';
import { PREFIX, stem } from './layout.ts';
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

/** Milliseconds since 1970 at which an upload began, from its id (the inverse of newUpload). */
export function uploadIdTime(uploadId: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})\d{3}Z/.exec(uploadId)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

export function eventsPrefix(dataset: Dataset): string {
  return `${PREFIX.curated}${UPLOAD_EVENTS.name}/${UPLOAD_EVENTS.partitionKey.name}=${dataset}/`;
}

/**
 * Event files are named so that the live set and "same content again" need no reads:
 * `<upload>.commit.<owner stem>.<sha256 prefix>.parquet` and `<withdrawn upload>.withdraw.parquet`.
 * Compaction merges them into `c-<id>.parquet` files, which are read whole (they are few).
 */
function commitKey(dataset: Dataset, c: UploadEvent): string {
  return `${eventsPrefix(dataset)}${c.upload_id}.commit.${stem(c.owner)}.${c.sha256.slice(0, 16)}.parquet`;
}
function withdrawKey(dataset: Dataset, uploadId: string): string {
  return `${eventsPrefix(dataset)}${uploadId}.withdraw.parquet`;
}
const COMMIT_NAME = /\/([^/.]+)\.commit\.([a-z0-9-]+)\.([0-9a-f]{16})\.parquet$/;
const WITHDRAW_NAME = /\/([^/.]+)\.withdraw\.parquet$/;

/**
 * Commit an upload in one PUT: the file is the commit, so there is no state in between. When it
 * supersedes uploads (reprocessing), their withdrawals follow as their own files: a crash between
 * leaves both live (the newer wins per key) and the reprocess can simply be run again.
 */
export async function writeCommit(store: ObjectStore, dataset: Dataset, commit: UploadEvent, withdraws: UploadEvent[] = []): Promise<string> {
  const key = commitKey(dataset, commit);
  await store.put(key, writeParquet(UPLOAD_EVENTS, [commit as unknown as Row]));
  for (const w of withdraws) await writeWithdraw(store, dataset, w);
  return key;
}

/** Withdraw an upload: its rows disappear from every table and earlier versions come back. */
export async function writeWithdraw(store: ObjectStore, dataset: Dataset, withdraw: UploadEvent): Promise<string> {
  const key = withdrawKey(dataset, withdraw.upload_id);
  await store.put(key, writeParquet(UPLOAD_EVENTS, [withdraw as unknown as Row]));
  return key;
}

async function readEvents(store: ObjectStore, keys: string[]): Promise<UploadEvent[]> {
  const out: UploadEvent[] = [];
  await forEachLimited(keys, 16, async (key) => {
    for (const r of await readParquet(UPLOAD_EVENTS, await store.get(key))) out.push(r as unknown as UploadEvent);
  });
  return out.sort((a, b) => a.upload_seq - b.upload_seq || (a.upload_id < b.upload_id ? -1 : a.upload_id > b.upload_id ? 1 : 0));
}

/** Every event of a dataset, in upload order (reads every event file: for listings, not per ingest). */
export async function readUploadLog(store: ObjectStore, dataset: Dataset): Promise<UploadEvent[]> {
  return readEvents(store, (await store.list(eventsPrefix(dataset))).filter((o) => o.key.endsWith('.parquet')).map((o) => o.key));
}

/**
 * What ingests and readers need from the log, from key names plus the few compacted files:
 * which uploads are live, and where each owner's commits are.
 */
export class UploadIndex {
  readonly live = new Set<string>();
  private readonly stems = new Map<string, string>();
  private readonly commits: { id: string; ownerStem: string; sha16: string; key?: string; event?: UploadEvent }[] = [];

  private constructor(private readonly store: ObjectStore) {}

  static async read(store: ObjectStore, dataset: Dataset): Promise<UploadIndex> {
    const index = new UploadIndex(store);
    const committed = new Set<string>();
    const withdrawn = new Set<string>();
    const compacted: string[] = [];
    for (const { key } of await store.list(eventsPrefix(dataset))) {
      const c = COMMIT_NAME.exec(key);
      const w = WITHDRAW_NAME.exec(key);
      if (c) {
        committed.add(c[1]!);
        index.commits.push({ id: c[1]!, ownerStem: c[2]!, sha16: c[3]!, key });
      } else if (w) withdrawn.add(w[1]!);
      else if (key.endsWith('.parquet')) compacted.push(key);
    }
    for (const e of await readEvents(store, compacted)) {
      if (e.event === 'withdraw') withdrawn.add(e.upload_id);
      else if (!committed.has(e.upload_id)) {
        committed.add(e.upload_id);
        index.commits.push({ id: e.upload_id, ownerStem: stem(e.owner), sha16: e.sha256.slice(0, 16), event: e });
      }
    }
    for (const id of committed) if (!withdrawn.has(id)) index.live.add(id);
    for (const c of index.commits) index.stems.set(c.id, c.ownerStem);
    index.commits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return index;
  }

  /** The owner stem of a committed upload, or undefined. */
  ownerStemOf(uploadId: string): string | undefined {
    return this.stems.get(uploadId);
  }

  private async event(c: UploadIndex['commits'][number]): Promise<UploadEvent> {
    if (!c.event) c.event = (await readEvents(this.store, [c.key!])).find((e) => e.event === 'commit' && e.upload_id === c.id)!;
    return c.event;
  }

  /**
   * The live upload of the same owner that this content would only repeat: same bytes, and no later
   * live upload of that owner covers any of its periods (after a correction, sending the original
   * again is a new upload that wins again). Reads only that owner's commits, never another owner's.
   */
  async repeatedUpload(owner: string, sha256: string): Promise<UploadEvent | undefined> {
    const mine = this.commits.filter((c) => c.ownerStem === stem(owner) && this.live.has(c.id));
    for (let i = mine.length - 1; i >= 0; i--) {
      if (mine[i]!.sha16 !== sha256.slice(0, 16)) continue;
      const candidate = await this.event(mine[i]!);
      if (candidate.owner !== owner || candidate.sha256 !== sha256) continue;
      for (const later of mine.slice(i + 1)) {
        const l = await this.event(later);
        if (l.owner === owner && overlaps(l.periods, candidate.periods)) return undefined;
      }
      return candidate;
    }
    return undefined;
  }
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

/** Run fn over items with at most `limit` at once (S3 GETs in parallel, without thousands in flight). */
export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
