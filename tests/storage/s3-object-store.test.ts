/**
 * S3ObjectStore against a real S3-protocol server (s3rver on 127.0.0.1, real HTTP), plus
 * request-shape tests with aws-sdk-client-mock for what s3rver cannot show: s3rver 3.7 ignores
 * `If-None-Match: *` on PUT (it only honours it on GET/HEAD) and overwrites, so the 412 / 409
 * handling of putIfAbsent is checked against the SDK's own mocking tool. So is list pagination:
 * s3rver's continuation tokens need the DES cipher, which Node 20's OpenSSL 3 does not provide.
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client, S3ObjectStore } from '../../shared/storage/s3-object-store.ts';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { runObjectStoreContract } from './object-store-contract.ts';

let server: RunningS3rver;
let client: S3Client;
let run = 0;
/** A store on its own prefix, so tests sharing the server never see each other's keys. */
const freshStore = (extra: Partial<ConstructorParameters<typeof S3ObjectStore>[0]> = {}) =>
  new S3ObjectStore({ bucket: server.bucket, prefix: `runs/${++run}/lake`, client, ...extra });

beforeAll(async () => {
  server = await startS3rver();
  client = createS3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

runObjectStoreContract(
  'S3ObjectStore on s3rver',
  async () => ({ store: freshStore(), cleanup: async () => {} }),
  { enforcesPutIfAbsent: false },
);

describe('S3ObjectStore on s3rver: S3 specifics', () => {
  it('keeps keys under its prefix and shows it in location', async () => {
    const store = freshStore();
    await store.put('curated/month=2026-03/x.parquet', 'x');
    const raw = await client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: `runs/${run}/` }));
    expect(raw.Contents?.map((o) => o.Key)).toEqual([`runs/${run}/lake/curated/month=2026-03/x.parquet`]);
    expect(store.location).toBe(`s3://${server.bucket}/runs/${run}/lake/`);
    expect(await freshStore().list('')).toEqual([]);
  });

  it('uploads above the threshold as multipart and below it with one PutObject', async () => {
    const MiB = 1024 * 1024;
    const store = freshStore({ multipartThresholdBytes: 5 * MiB });
    const send = vi.spyOn(client, 'send');
    try {
      const big = randomBytes(5 * MiB + 1); // two parts: 5 MiB and 1 byte
      await store.put('raw/big.bin', big);
      const bigCalls = send.mock.calls.map(([command]) => command.constructor.name);
      expect(bigCalls).toEqual([
        CreateMultipartUploadCommand.name,
        UploadPartCommand.name,
        UploadPartCommand.name,
        CompleteMultipartUploadCommand.name,
      ]);
      // The bytes on the server are the body itself, with no aws-chunked framing.
      const got = await client.send(new GetObjectCommand({ Bucket: server.bucket, Key: `runs/${run}/lake/raw/big.bin` }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(big)).toBe(true);

      send.mockClear();
      await store.put('raw/small.bin', randomBytes(5 * MiB)); // exactly the threshold
      expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([PutObjectCommand.name]);
    } finally {
      send.mockRestore();
    }
  });

  it('documents s3rver: If-None-Match on PUT is ignored, so a second putIfAbsent overwrites', async () => {
    // If this starts failing, s3rver enforces conditional writes and the contract can require it.
    const store = freshStore();
    expect(await store.putIfAbsent('locks/a', 'first')).toBe(true);
    expect(await store.putIfAbsent('locks/a', 'second')).toBe(true);
    expect(Buffer.from(await store.get('locks/a')).toString()).toBe('second');
  });
});

// s3rver cannot page: its continuation tokens use the DES cipher, which Node 20's OpenSSL 3 lacks
// (ListObjectsV2 with a token answers InternalError), so pagination is checked here too.
describe('S3ObjectStore request shapes (aws-sdk-client-mock)', () => {
  // Mock one client instance, not the S3Client class, so the s3rver tests keep real HTTP.
  const mocked = new S3Client({ region: 'eu-west-2' });
  const s3 = mockClient(mocked);
  const store = () => new S3ObjectStore({ bucket: 'lake', prefix: 'prod', client: mocked });
  const s3Error = (name: string, status: number) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

  it('sends a conditional PutObject with IfNoneMatch "*" under the prefix', async () => {
    s3.reset();
    s3.on(PutObjectCommand).resolves({});
    expect(await store().putIfAbsent('locks/run-1', 'me')).toBe(true);
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toMatchObject({ Bucket: 'lake', Key: 'prod/locks/run-1', IfNoneMatch: '*' });
    expect(Buffer.from(input.Body as Uint8Array).toString()).toBe('me');
  });

  it('returns false on 412 PreconditionFailed', async () => {
    s3.reset();
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    expect(await store().putIfAbsent('locks/run-1', 'me')).toBe(false);
  });

  it('retries a 409 ConditionalRequestConflict, then reports what S3 decided', async () => {
    s3.reset();
    s3.on(PutObjectCommand)
      .rejectsOnce(s3Error('ConditionalRequestConflict', 409))
      .rejectsOnce(s3Error('PreconditionFailed', 412));
    expect(await store().putIfAbsent('locks/run-1', 'me')).toBe(false);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(2);
  });

  it('rethrows other errors', async () => {
    s3.reset();
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    await expect(store().putIfAbsent('locks/run-1', 'me')).rejects.toThrow(/AccessDenied/);
  });

  it('pages through ListObjectsV2 with ContinuationToken, returning sorted keys relative to the prefix', async () => {
    s3.reset();
    const page = (keys: string[], next?: string) => ({
      Contents: keys.map((k) => ({ Key: `prod/${k}`, Size: k.length })),
      IsTruncated: next !== undefined,
      NextContinuationToken: next,
    });
    s3.on(ListObjectsV2Command)
      .resolvesOnce(page(['raw/c', 'raw/d'], 'token-1'))
      .resolvesOnce(page(['raw/a'], 'token-2'))
      .resolvesOnce(page(['raw/b']));
    expect(await store().list('raw/')).toEqual([
      { key: 'raw/a', size: 5 },
      { key: 'raw/b', size: 5 },
      { key: 'raw/c', size: 5 },
      { key: 'raw/d', size: 5 },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'lake', Prefix: 'prod/raw/', ContinuationToken: undefined },
      { Bucket: 'lake', Prefix: 'prod/raw/', ContinuationToken: 'token-1' },
      { Bucket: 'lake', Prefix: 'prod/raw/', ContinuationToken: 'token-2' },
    ]);
  });

  afterAll(() => s3.restore());
});
