/**
 * "Your uploads": every upload that touched a partner's counts, however it arrived (the portal's
 * file upload or weekly form, or loaded by the campaigns team with the CLI or on AWS), from the
 * lake's upload log, with what each replaced. The portal's own log only says how it arrived.
 */
import { listUploads as lakeUploads, type UploadSummary } from '../pipeline/manage-uploads.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { listUploads as portalUploads } from './upload-log.ts';

/** One line of the history. */
export interface HistoryEntry {
  /** The lake's upload id (what a withdrawal names). */
  uploadId: string;
  at: string;
  file: string;
  arrived: 'file' | 'form' | 'team';
  status: 'live' | 'withdrawn' | 'rejected';
  rows: number;
  /** `YYYY-MM-DD..YYYY-MM-DD` */
  periods: string | null;
  replaced: number;
  replacedPeriods: string[];
  reason: string | null;
  firstError?: UploadSummary['firstError'];
}

/** A partner's history, newest first. */
export async function partnerHistory(store: ObjectStore, partnerId: string): Promise<HistoryEntry[]> {
  const portal = new Map((await portalUploads(store, partnerId)).map((u) => [u.rawKey, u]));
  return (await lakeUploads(store, { owner: partnerId })).map((u) => {
    const p = portal.get(u.rawKey);
    return {
      uploadId: u.uploadId,
      at: u.at,
      file: p?.fileName ?? u.file ?? u.rawKey.replace(/^.*\/[0-9a-f]{16}-/, ''),
      arrived: p?.source ?? 'team',
      status: u.status,
      rows: u.rows,
      periods: u.periods,
      replaced: u.replaced,
      replacedPeriods: u.replacedPeriods,
      reason: u.reason,
      ...(u.firstError ? { firstError: u.firstError } : {}),
    };
  });
}
