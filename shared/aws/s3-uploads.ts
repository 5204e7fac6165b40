import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { rawKey } from '../lake/layout.ts';
import { metadataFromOptions } from '../pipeline/upload-metadata.ts';
import type { IngestOptions } from '../pipeline/ingest-object.ts';

/** User metadata of an object (`x-amz-meta-*`, names lower-cased by S3). */
export async function objectMetadata(client: S3Client, bucket: string, key: string): Promise<Record<string, string>> {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.Metadata ?? {};
}

/** Where {@link uploadExport} puts a file. */
export interface UploadTarget {
  client: S3Client;
  bucket: string;
  /** Key prefix of the lake inside the bucket ('' for the bucket root, as the stack uses). */
  prefix?: string;
}

export type UploadOptions = Pick<IngestOptions, 'currency' | 'period' | 'partnerId' | 'format'> & { today?: string };

/**
 * Upload a local export to the lake's raw/ prefix, as `campaign ingest` would keep it (named by
 * its content hash, under raw/partners/<id>/ or raw/ads/uploads/), with the ingest options as
 * object metadata: the ingest Lambda reads them back. Streams, so large exports use multipart.
 * @example await uploadExport({ client, bucket: 'lake' }, 'google-all-time.csv', { period: '2026-03-02..2026-03-29' })
 */
export async function uploadExport(target: UploadTarget, filePath: string, opts: UploadOptions = {}): Promise<{ bucket: string; key: string; metadata: Record<string, string> }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const name = `${hash.digest('hex').slice(0, 16)}-${path.basename(filePath)}`;
  const relative = opts.partnerId ? rawKey('partners', opts.partnerId, today, name) : rawKey('ads', 'uploads', today, name);
  const prefix = (target.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const key = prefix ? `${prefix}/${relative}` : relative;
  const metadata = metadataFromOptions(opts);
  await new Upload({ client: target.client, params: { Bucket: target.bucket, Key: key, Body: createReadStream(filePath), Metadata: metadata } }).done();
  return { bucket: target.bucket, key, metadata };
}
