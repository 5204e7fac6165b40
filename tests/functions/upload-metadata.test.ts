import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { optionsFromMetadata, metadataFromOptions } from '../../shared/pipeline/upload-metadata.ts';
import { createS3Client, S3ObjectStore } from '../../shared/storage/s3-object-store.ts';
import { objectCreated } from '../support/s3-events.ts';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../support/s3rver.ts';

// The documented upload path on AWS, against a real S3-protocol server on 127.0.0.1: `campaign
// upload FILE --currency GBP` puts the file under raw/ with x-amz-meta-currency, and the ingest
// handler (as the EventBridge event invokes it) reads the metadata back as the ingest options.
let server: RunningS3rver;
let dir: string;
let upload: typeof import('../../cli/commands/upload.ts');
let ingest: typeof import('../../functions/ingest/handler.ts');
const zeroDay = readFileSync(new URL('../fixtures/sources/meta-insights-zero-day.json', import.meta.url));

beforeAll(async () => {
  server = await startS3rver('campaign-lake');
  dir = await mkdtemp(path.join(tmpdir(), 'upload-'));
  vi.stubEnv('CAMPAIGN_STORE', `s3://${server.bucket}/`);
  vi.stubEnv('CAMPAIGN_S3_ENDPOINT', server.endpoint);
  vi.stubEnv('AWS_REGION', 'eu-west-2');
  vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('IDEMPOTENCY_TABLE', '');
  upload = await import('../../cli/commands/upload.ts');
  ingest = await import('../../functions/ingest/handler.ts');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
  await server.stop();
});

/** Run `campaign upload` and return the key it printed (--json). */
async function uploadFile(name: string, bytes: Uint8Array, ...flags: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await upload.run([file, ...flags, '--json'])).toBe(0);
    return JSON.parse(String(out.mock.calls.map((c) => c[0]).join(''))).uploads[0].key as string;
  } finally {
    out.mockRestore();
  }
}

describe('upload options as S3 object metadata', () => {
  it('campaign upload --currency GBP sets x-amz-meta-currency, and the ingest Lambda uses it', async () => {
    const key = await uploadFile('campaign_123.json', zeroDay, '--currency', 'GBP');
    expect(key).toMatch(/^raw\/ads\/uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}-campaign_123\.json$/);
    const client = createS3Client({ endpoint: server.endpoint, region: 'eu-west-2', credentials: S3RVER_CREDENTIALS });
    expect((await client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }))).Metadata).toEqual({ currency: 'GBP' });
    client.destroy();
    const result = await ingest.handler(objectCreated(key), {} as never);
    expect(result).toMatchObject({ status: 'accepted', key, format: 'meta-insights-json', rows: 2 });
  });

  it('without the metadata the same file is rejected (no currency is guessed), its reasons in quarantine/', async () => {
    // Other bytes (a trailing newline), so it is not recognised as the file already ingested.
    const key = await uploadFile('campaign_124.json', new Uint8Array([...zeroDay, 10]));
    const result = await ingest.handler(objectCreated(key), {} as never);
    expect(result).toMatchObject({ status: 'rejected', key });
    const store = new S3ObjectStore({ bucket: server.bucket, endpoint: server.endpoint, region: 'eu-west-2' });
    const rejections = (await store.list('quarantine/')).map((o) => o.key);
    expect(rejections).toHaveLength(1);
    expect(new TextDecoder().decode(await store.get(rejections[0]!))).toMatch(/currency/i);
  });

  it('refuses bad options before uploading anything', async () => {
    const file = path.join(dir, 'x.csv');
    await writeFile(file, 'a\n');
    await expect(upload.run([file, '--currency', 'pounds'])).rejects.toThrow(/ISO 4217/);
    await expect(upload.run([file, '--period', 'March'])).rejects.toThrow(/YYYY-MM-DD\.\.YYYY-MM-DD/);
  });

  it('maps metadata to options and back; a partner contradicting the raw/partners/<id>/ folder is refused', () => {
    const opts = { currency: 'GBP', period: '2026-03-02..2026-03-29', partnerId: 'fenland-helpline', format: 'partner-csv' };
    const meta = metadataFromOptions(opts);
    expect(meta).toEqual({ currency: 'GBP', period: '2026-03-02..2026-03-29', partner: 'fenland-helpline', format: 'partner-csv' });
    expect(optionsFromMetadata({ ...meta, Other: 'x' }, 'raw/partners/fenland-helpline/2026-03-30/a.csv')).toEqual(opts);
    expect(() => optionsFromMetadata({ partner: 'someone-else' }, 'raw/partners/fenland-helpline/2026-03-30/a.csv')).toThrow(/does not match/);
  });
});
