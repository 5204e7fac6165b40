import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertSafeKey, ObjectNotFoundError, type ObjectInfo, type ObjectStore } from './object-store.ts';

/** Options for {@link createS3Client}. */
export interface S3ClientOptions {
  region?: string;
  /** An S3-compatible endpoint (e.g. s3rver in tests). Turns on path-style addressing. */
  endpoint?: string;
  credentials?: S3ClientConfig['credentials'];
}

/**
 * An S3Client set up for this project: checksums only when an operation requires them, so that
 * streamed uploads are not sent with aws-chunked framing that S3-compatible servers (s3rver)
 * store inside the object; path-style addressing when a custom endpoint is given.
 */
export function createS3Client(opts: S3ClientOptions = {}): S3Client {
  return new S3Client({
    region: opts.region,
    credentials: opts.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
  });
}

/** Options for {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket; '' (default) or any path, a trailing '/' is added. */
  prefix?: string;
  /** A ready client; otherwise one is made by {@link createS3Client} from region and endpoint. */
  client?: S3Client;
  region?: string;
  endpoint?: string;
  /** Bodies larger than this go up as a multipart upload. Default 8 MiB. */
  multipartThresholdBytes?: number;
}

const MIB = 1024 * 1024;
/** S3's minimum size of every multipart part but the last. */
const MIN_PART_SIZE = 5 * MIB;

/**
 * ObjectStore on an S3 bucket (or an S3-compatible server). Keys are relative to the prefix.
 *
 * @example
 * const store = new S3ObjectStore({ bucket: 'lake', prefix: 'prod', region: 'eu-west-2' });
 * await store.put('raw/meta/export.csv', csvText);
 */
export class S3ObjectStore implements ObjectStore {
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly multipartThreshold: number;

  constructor(opts: S3ObjectStoreOptions) {
    this.bucket = opts.bucket;
    const trimmed = (opts.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.prefix = trimmed === '' ? '' : `${trimmed}/`;
    this.client = opts.client ?? createS3Client({ region: opts.region, endpoint: opts.endpoint });
    this.multipartThreshold = opts.multipartThresholdBytes ?? 8 * MIB;
    this.location = `s3://${this.bucket}/${this.prefix}`;
  }

  private keyOf(key: string): string {
    assertSafeKey(key);
    return this.prefix + key;
  }

  async get(key: string): Promise<Uint8Array> {
    const body = await this.getBody(key);
    return body.transformToByteArray();
  }

  async getStream(key: string): Promise<Readable> {
    const body = await this.getBody(key);
    // In Node the SDK's Body is an http.IncomingMessage, i.e. already a Readable.
    if (body instanceof Readable) return body;
    return Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
  }

  private async getBody(key: string) {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      if (!out.Body) throw new Error(`S3 returned no body for ${key} in ${this.location}`);
      return out.Body;
    } catch (e) {
      if (isNotFound(e)) throw new ObjectNotFoundError(key, this.location);
      throw e;
    }
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    const Key = this.keyOf(key);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (bytes.byteLength <= this.multipartThreshold) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: bytes }));
      return;
    }
    // Upload splits the body into parts and aborts the multipart upload if a part fails.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: bytes },
      partSize: Math.max(MIN_PART_SIZE, this.multipartThreshold),
      queueSize: 4,
    });
    await upload.done();
  }

  /**
   * A conditional PutObject (`If-None-Match: *`): on AWS S3 this is atomic, S3 answers
   * 412 PreconditionFailed when the key exists. s3rver 3.7 ignores If-None-Match on PUT (it only
   * honours it on GET/HEAD) and overwrites, so against s3rver this behaves like put().
   */
  /** Stream an upload of unknown length: lib-storage sends it in parts, never holding it whole. */
  async putStream(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.keyOf(key), Body: body },
      partSize: Math.max(MIN_PART_SIZE, this.multipartThreshold),
      queueSize: 4,
    });
    await upload.done();
  }

  async putIfAbsent(key: string, body: Uint8Array | string): Promise<boolean> {
    const Key = this.keyOf(key);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    // S3 answers 409 ConditionalRequestConflict when a concurrent write to the key is in flight;
    // its documented remedy is to retry, which then resolves to success or 412.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: bytes, IfNoneMatch: '*' }));
        return true;
      } catch (e) {
        if (httpStatus(e) === 412 || errorName(e) === 'PreconditionFailed') return false;
        if ((httpStatus(e) === 409 || errorName(e) === 'ConditionalRequestConflict') && attempt < 3) continue;
        throw e;
      }
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ContinuationToken: token,
        }),
      );
      for (const obj of page.Contents ?? [])
        if (obj.Key !== undefined) out.push({ key: obj.Key.slice(this.prefix.length), size: obj.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    // S3 already lists in UTF-8 binary order; sort anyway so the contract does not rest on a server.
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    // DeleteObject succeeds for a missing key, matching the local store's rm({ force: true }).
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
  }
}

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function errorName(e: unknown): string | undefined {
  return (e as { name?: string })?.name;
}

/** GetObject says NoSuchKey; HeadObject has no body, so only NotFound / 404. A missing bucket is not a missing key. */
function isNotFound(e: unknown): boolean {
  const name = errorName(e);
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(e) === 404;
}
