/**
 * The upload use case behind both the API and the browser form: check limits, regions and every
 * row, then run the same ingest as the CLI with the signed-in partner's id. A rejected upload
 * leaves only the raw file and its quarantine record.
 */
import { createHash } from 'node:crypto';
import { quarantineKey, rejectedKey } from '../lake/layout.ts';
import { ingestFile } from '../pipeline/ingest-file.ts';
import type { RowError } from '../sources/reader.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { Account } from './accounts.ts';
import { checkPartnerUpload } from './upload-check.ts';
import { LOGGED_ERRORS, logUpload, newUploadId, type UploadRecord } from './upload-log.ts';

/** Upload limits; a partner sees them on the page. */
export interface UploadLimits {
  maxBytes: number;
  maxRows: number;
}

/** 5 MB and 50,000 rows: years of weekly counts fit many times over. */
export const DEFAULT_LIMITS: UploadLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 50_000 };

/** Thrown for a file over the size limit: nothing is stored. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${formatBytes(maxBytes)}: split it into smaller files (for example one per year)`);
  }
}

/** 5242880 -> "5 MB". */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Result of an upload: the log record plus every error (the record keeps the first 200), and a workbook's sheets when the partner must pick one. */
export type UploadOutcome = UploadRecord & { allErrors: RowError[]; sheets?: string[] };

/**
 * Check and ingest one partner upload.
 * @example await uploadPartnerFile(store, account, 'counts.csv', bytes, { now: new Date(), source: 'file' })
 */
export async function uploadPartnerFile(
  store: ObjectStore,
  account: Account,
  fileName: string,
  bytes: Uint8Array,
  opts: { now: Date; source: 'file' | 'form'; limits?: UploadLimits; sheet?: string | undefined },
): Promise<UploadOutcome> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  if (bytes.length > limits.maxBytes) throw new UploadTooLargeError(limits.maxBytes);
  const name = cleanFileName(fileName);
  const today = opts.now.toISOString().slice(0, 10);
  const base = { uploadId: newUploadId(opts.now), partnerId: account.id, fileName: name, source: opts.source, receivedAt: opts.now.toISOString() };

  const check = await checkPartnerUpload(store, account, name, bytes, { today, maxRows: limits.maxRows, sheet: opts.sheet });
  const problems = check.errors;
  let outcome: UploadOutcome;
  if (problems.length > 0) {
    const key = await quarantine(store, account.id, name, bytes, today, problems, base.uploadId);
    outcome = { ...base, status: 'rejected', duplicate: false, rows: 0, errorCount: problems.length, errors: problems.slice(0, LOGGED_ERRORS), rawKey: key, notes: [], allErrors: problems, ...(check.sheets ? { sheets: check.sheets } : {}) };
  } else {
    // The format is forced: a partner's upload is read as the partner template, never as an ad export.
    // The same sheet the check read, kept with the upload so reprocessing reads it again.
    const r = await ingestFile(store, name, bytes, { partnerId: account.id, today, format: 'partner-csv', displayName: name, ...(check.sheet ? { sheet: check.sheet } : {}) });
    outcome = {
      ...base,
      // The lake's upload id, so the partner's history names the upload `campaign uploads` lists.
      uploadId: r.uploadId,
      status: r.status,
      duplicate: r.duplicate,
      rows: r.rows,
      replaced: r.replaced,
      replacedPeriods: r.replacedPeriods,
      errorCount: r.errors.length,
      errors: r.errors.slice(0, LOGGED_ERRORS),
      rawKey: r.rawKey,
      notes: check.notes,
      ...(check.sheet ? { sheet: check.sheet } : {}),
      allErrors: r.errors,
    };
  }
  const { allErrors: _all, sheets: _sheets, ...record } = outcome;
  await logUpload(store, record);
  return outcome;
}

/**
 * Keep the refused file as received, under rejected/ rather than raw/: the ingest trigger on raw/
 * must never load what the portal refused. Then write its quarantine record.
 */
async function quarantine(store: ObjectStore, partnerId: string, fileName: string, bytes: Uint8Array, today: string, errors: RowError[], uploadId: string): Promise<string> {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const key = rejectedKey(partnerId, today, `${hash}-${fileName}`);
  await store.putIfAbsent(key, bytes);
  const rejected = new Set(errors.map((e) => e.row)).size;
  const record = { file: fileName, rawKey: key, uploadId, format: 'partner-csv', status: 'rejected', rows: 0, rejected, errors, rejectedAt: new Date().toISOString() };
  await store.put(quarantineKey(key), JSON.stringify(record, null, 2));
  return key;
}

/** A browser may send a full path or an empty name: keep the last part, never empty. */
function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop()?.trim() ?? '';
  return (last || 'upload.csv').slice(0, 120);
}
