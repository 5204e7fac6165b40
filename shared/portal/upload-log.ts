/**
 * The portal's log of uploads, one small JSON record per upload under
 * portal/uploads/<partner-id>/<upload-id>.json: what a partner sees as their upload history.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ObjectStore } from '../storage/object-store.ts';

/** Errors kept in a log record; the full list stays in the quarantine record. */
export const LOGGED_ERRORS = 200;

/** A row problem or note as logged: the English reason, and its code for the page's language. */
const loggedError = z.object({ row: z.number(), column: z.string(), reason: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

const uploadRecordSchema = z.object({
  uploadId: z.string(),
  partnerId: z.string(),
  fileName: z.string(),
  source: z.enum(['file', 'form']),
  receivedAt: z.string(),
  status: z.enum(['accepted', 'rejected']),
  duplicate: z.boolean(),
  rows: z.number(),
  errorCount: z.number(),
  errors: z.array(loggedError),
  rawKey: z.string(),
  /** Earlier counts (period keys) the upload replaced, and the first days of those periods. */
  replaced: z.number().optional(),
  replacedPeriods: z.array(z.string()).optional(),
  /** Rows understood without being loaded (a total row matching the sum). */
  notes: z.array(loggedError).default([]),
  /** The workbook sheet the counts were read from, when it was not simply the only one. */
  sheet: z.string().optional(),
});
/** One logged upload. */
export type UploadRecord = z.infer<typeof uploadRecordSchema>;

function prefix(partnerId: string): string {
  return `portal/uploads/${partnerId}/`;
}

/** A sortable, unguessable-enough id: time first (so keys sort by time), then random. */
export function newUploadId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

/** Append one record. */
export async function logUpload(store: ObjectStore, record: UploadRecord): Promise<void> {
  await store.put(`${prefix(record.partnerId)}${record.uploadId}.json`, JSON.stringify(record, null, 2));
}

/** A partner's uploads, newest first. Damaged records are skipped rather than failing the page. */
export async function listUploads(store: ObjectStore, partnerId: string): Promise<UploadRecord[]> {
  const out: UploadRecord[] = [];
  for (const o of await store.list(prefix(partnerId))) {
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder().decode(await store.get(o.key)));
    } catch {
      continue;
    }
    const parsed = uploadRecordSchema.safeParse(doc);
    if (parsed.success) out.push(parsed.data);
  }
  return out.reverse();
}
