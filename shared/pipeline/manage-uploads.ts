/**
 * Use cases over the upload log: list uploads, withdraw one, reprocess one or all. Withdrawing
 * and reprocessing only ever add events and files, so they are as crash-safe as an ingest.
 */
import { partitionValuesBetween, PREFIX } from '../lake/layout.ts';
import { dataFiles, forEachStoredRow } from '../lake/stored-rows.ts';
import { AD_DELIVERY, SERVICE_DEMAND, type Dataset, type TableDef } from '../lake/tables.ts';
import { liveUploadIds, readUploadLog, uploadStates, writeWithdraw, type UploadEvent } from '../lake/uploads.ts';
import { versionKeyOf } from '../lake/version-key.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { ingestObject, type IngestOptions, type IngestResult } from './ingest-object.ts';

export const DATASETS: readonly { dataset: Dataset; table: TableDef }[] = [
  { dataset: 'service_demand', table: SERVICE_DEMAND },
  { dataset: 'ad_delivery', table: AD_DELIVERY },
];

export interface UploadSummary {
  uploadId: string;
  dataset: Dataset | null;
  owner: string;
  file: string | null;
  rows: number;
  /** `YYYY-MM-DD..YYYY-MM-DD` */
  periods: string | null;
  replaced: number;
  replacedPeriods: string[];
  status: 'live' | 'withdrawn' | 'rejected';
  /** Why it was withdrawn (e.g. "reprocessed as ...") or rejected (first error). */
  reason: string | null;
  /** A rejected upload's first problem as stored (with its reason code, for a page in another language). */
  firstError?: { row: number; column: string; reason: string; code?: string; params?: Record<string, string | number> };
  at: string;
  rawKey: string;
}

/** Raised for an upload id that does not exist or may not be changed by the caller. */
export class UploadNotFoundError extends Error {}

/** Every upload, newest first: accepted ones from the upload log, rejected ones from quarantine/. */
export async function listUploads(store: ObjectStore, opts: { owner?: string } = {}): Promise<UploadSummary[]> {
  const out: UploadSummary[] = [];
  for (const { dataset } of DATASETS) {
    for (const s of uploadStates(await readUploadLog(store, dataset)).values()) {
      const c = s.commit;
      if (opts.owner && c.owner !== opts.owner) continue;
      out.push({
        uploadId: c.upload_id,
        dataset,
        owner: c.owner,
        file: c.file_name,
        rows: c.rows ?? 0,
        periods: c.periods,
        replaced: c.replaced ?? 0,
        replacedPeriods: c.replaced_periods ? c.replaced_periods.split(',') : [],
        status: s.status,
        reason: s.withdrawal?.reason ?? c.reason,
        at: c.at,
        rawKey: c.raw_key,
      });
    }
  }
  out.push(...(await rejectedUploads(store, opts.owner)));
  return out.sort((a, b) => (a.uploadId < b.uploadId ? 1 : a.uploadId > b.uploadId ? -1 : 0));
}

async function rejectedUploads(store: ObjectStore, owner: string | undefined): Promise<UploadSummary[]> {
  const out: UploadSummary[] = [];
  const prefix = owner ? `${PREFIX.quarantine}partners/${owner}/` : PREFIX.quarantine;
  for (const o of await store.list(prefix)) {
    if (!o.key.endsWith('.rejection.json')) continue;
    const q = JSON.parse(new TextDecoder().decode(await store.get(o.key))) as {
      uploadId?: string;
      file?: string;
      rawKey: string;
      errors?: { row: number; column: string; reason: string; code?: string; params?: Record<string, string | number> }[];
      rejectedAt?: string;
    };
    const m = /^(?:raw|rejected)\/(?:partners|ads)\/([^/]+)\//.exec(q.rawKey);
    const first = q.errors?.[0];
    out.push({
      uploadId: q.uploadId ?? `rejected-${q.rejectedAt ?? ''}`,
      dataset: null,
      owner: m?.[1] ?? 'uploads',
      file: q.file?.replace(/^.*\//, '') ?? null,
      rows: 0,
      periods: null,
      replaced: 0,
      replacedPeriods: [],
      status: 'rejected',
      reason: first ? `row ${first.row}, column "${first.column}": ${first.reason}` : null,
      ...(first ? { firstError: first } : {}),
      at: q.rejectedAt ?? '',
      rawKey: q.rawKey,
    });
  }
  return out;
}

/** Find a committed upload by id in either dataset. */
async function findUpload(store: ObjectStore, uploadId: string): Promise<{ dataset: Dataset; table: TableDef; log: UploadEvent[]; commit: UploadEvent; live: boolean }> {
  for (const { dataset, table } of DATASETS) {
    const log = await readUploadLog(store, dataset);
    const state = uploadStates(log).get(uploadId);
    if (state) return { dataset, table, log, commit: state.commit, live: state.status === 'live' };
  }
  throw new UploadNotFoundError(`no accepted upload with id ${uploadId}: \`campaign uploads\` lists them`);
}

/** What withdrawing an upload changes: its counts disappear; where an earlier upload had the same period, that count comes back. */
export interface WithdrawEffect {
  uploadId: string;
  file: string | null;
  rows: number;
  /** Period keys whose earlier count comes back */
  restored: number;
  /** Period keys that no longer have any count */
  removed: number;
  periods: string | null;
}

/**
 * What withdrawing would change, without changing anything (the portal's confirmation).
 * `owner` limits it to that owner's uploads (a partner withdraws only its own).
 */
export async function previewWithdraw(store: ObjectStore, uploadId: string, opts: { owner?: string } = {}): Promise<WithdrawEffect> {
  const u = await findUpload(store, uploadId);
  if (opts.owner !== undefined && u.commit.owner !== opts.owner) throw new UploadNotFoundError(`no upload with id ${uploadId} among your uploads`);
  if (!u.live) throw new UploadNotFoundError(`upload ${uploadId} is already withdrawn`);
  const keyOf = versionKeyOf(u.table);
  const columns = [...u.table.versioned!.key, 'upload_id'];
  const own = new Set<string>();
  // Only the partitions the upload's periods fall in can hold its keys.
  const [first, last] = (u.commit.periods ?? '').split('..');
  const files = await dataFiles(store, u.table, first && last ? partitionValuesBetween(u.table, first, last) : undefined);
  await forEachStoredRow(store, u.table, files, columns, (row) => {
    if (row.upload_id === uploadId) own.add(keyOf(row));
  });
  const live = liveUploadIds(u.log);
  live.delete(uploadId);
  const restored = new Set<string>();
  await forEachStoredRow(store, u.table, files, columns, (row) => {
    if (live.has(row.upload_id as string) && own.has(keyOf(row))) restored.add(keyOf(row));
  });
  return { uploadId, file: u.commit.file_name, rows: own.size, restored: restored.size, removed: own.size - restored.size, periods: u.commit.periods };
}

/** Withdraw an upload (a tombstone in the log: nothing is deleted, and it can be reprocessed later). */
export async function withdrawUpload(store: ObjectStore, uploadId: string, opts: { owner?: string; by: string; now?: Date }): Promise<WithdrawEffect> {
  const effect = await previewWithdraw(store, uploadId, opts);
  const { dataset, commit } = await findUpload(store, uploadId);
  await writeWithdraw(store, dataset, { ...commit, event: 'withdraw', reason: `withdrawn by ${opts.by}`, at: (opts.now ?? new Date()).toISOString() });
  return effect;
}

/**
 * Read an upload's raw file again as a new upload that supersedes it (e.g. after a region alias
 * was added), with the options it was first read with. The old one is withdrawn in the same commit.
 */
export async function reprocessUpload(store: ObjectStore, uploadId: string, opts: { owner?: string } = {}): Promise<IngestResult> {
  const u = await findUpload(store, uploadId);
  if (opts.owner !== undefined && u.commit.owner !== opts.owner) throw new UploadNotFoundError(`no upload with id ${uploadId} among your uploads`);
  if (!u.live) throw new UploadNotFoundError(`upload ${uploadId} is withdrawn: only live uploads are reprocessed`);
  return reprocess(store, u.commit);
}

/** Reprocess every live upload, oldest first, so that newer uploads still win afterwards. */
export async function reprocessAll(store: ObjectStore, onEach?: (r: IngestResult) => void): Promise<IngestResult[]> {
  const commits: UploadEvent[] = [];
  for (const { dataset } of DATASETS) for (const s of uploadStates(await readUploadLog(store, dataset)).values()) if (s.status === 'live') commits.push(s.commit);
  commits.sort((a, b) => a.upload_seq - b.upload_seq);
  const out: IngestResult[] = [];
  for (const c of commits) {
    const r = await reprocess(store, c);
    onEach?.(r);
    out.push(r);
  }
  return out;
}

function reprocess(store: ObjectStore, commit: UploadEvent): Promise<IngestResult> {
  const options = commit.options ? (JSON.parse(commit.options) as Pick<IngestOptions, 'format' | 'currency' | 'period' | 'sheet'>) : {};
  const partner = /^raw\/partners\//.test(commit.raw_key) ? { partnerId: commit.owner } : {};
  return ingestObject(store, commit.raw_key, { ...options, ...partner, displayName: commit.file_name ?? commit.raw_key, supersedes: [commit], reason: `reprocessed ${commit.upload_id}` });
}
