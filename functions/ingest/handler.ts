import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { parse } from '@aws-lambda-powertools/parser';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas';
import { objectMetadata } from '../../shared/aws/s3-uploads.ts';
import { openStore } from '../../shared/config.ts';
import { PREFIX } from '../../shared/lake/layout.ts';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import { optionsFromMetadata } from '../../shared/pipeline/upload-metadata.ts';
import { createS3Client } from '../../shared/storage/s3-object-store.ts';
import { decodeS3EventKey } from '../../shared/storage/s3-url.ts';

const logger = new Logger({ serviceName: 'campaign-ingest' });
let client: ReturnType<typeof createS3Client> | undefined;
const s3 = () => (client ??= createS3Client({ region: process.env.AWS_REGION, endpoint: process.env.CAMPAIGN_S3_ENDPOINT }));

export type IngestSummary =
  | { status: 'ignored'; key: string }
  | { status: 'accepted' | 'rejected'; key: string; uploadId: string; format: string | null; rows: number; duplicate: boolean; replaced: number; replacedPeriods: string[]; errors: number };

/**
 * An object was created under raw/ (S3 -> EventBridge): ingest it. A rejected file is a normal
 * outcome (its errors are in quarantine/), not a failure to retry.
 */
export async function ingestEvent(event: unknown, _context?: Context): Promise<IngestSummary> {
  const { detail } = parse(event, undefined, S3EventNotificationEventBridgeSchema);
  // AWS URL-encodes keys in events (`=` as %3D, space as +); the store takes plain keys.
  const key = decodeS3EventKey(detail.object.key);
  if (!key.startsWith(PREFIX.raw)) {
    logger.info('ignored: not under raw/', { key });
    return { status: 'ignored', key };
  }
  const store = await openStore();
  // Options the CLI takes as flags (--currency, --period, --partner, --format) arrive as x-amz-meta-*.
  const metadata = store.localRoot ? {} : await objectMetadata(s3(), detail.bucket.name, key);
  const result = await ingestObject(store, key, optionsFromMetadata(metadata, key));
  const summary = {
    status: result.status,
    key,
    uploadId: result.uploadId,
    format: result.format,
    rows: result.rows,
    duplicate: result.duplicate,
    // What the upload superseded: "14 rows, 2 earlier counts replaced (weeks of 4 and 11 May)".
    replaced: result.replaced,
    replacedPeriods: result.replacedPeriods,
    errors: result.errors.length,
  };
  if (result.status === 'rejected') logger.warn('file rejected; errors written to quarantine/', { ...summary, firstErrors: result.errors.slice(0, 5) });
  else logger.info('file ingested', { ...summary, written: result.written.length });
  return summary;
}

/** With IDEMPOTENCY_TABLE set, a redelivered event (same bucket, key and etag) changes nothing. */
export const handler: (event: unknown, context: Context) => Promise<IngestSummary> = process.env.IDEMPOTENCY_TABLE
  ? makeIdempotent(ingestEvent, {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE }),
      config: new IdempotencyConfig({ eventKeyJmesPath: '[detail.bucket.name, detail.object.key, detail.object.etag]' }),
    })
  : ingestEvent;
