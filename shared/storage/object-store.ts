import type { Readable } from 'node:stream';

/** Metadata of one stored object. */
export interface ObjectInfo {
  key: string;
  size: number;
}

/**
 * The port every storage adapter implements: a flat key space with `/`-separated prefixes,
 * as in S3. Keys are plain (not URL-encoded) UTF-8 strings.
 */
export interface ObjectStore {
  /** Human-readable location for messages, e.g. a folder path or s3://bucket/prefix. */
  readonly location: string;
  get(key: string): Promise<Uint8Array>;
  /** Read an object as a stream: large raw uploads must not be loaded whole. */
  getStream(key: string): Promise<Readable>;
  put(key: string, body: Uint8Array | string): Promise<void>;
  /** Write a stream (large uploads) without holding it in memory. */
  putStream(key: string, body: Readable): Promise<void>;
  /** Local stores only: write a copy of a file on this machine (a kernel copy, no bytes through JavaScript). */
  putFile?(key: string, file: string): Promise<void>;
  /**
   * Local stores only: putFile with the key settled while the copy runs (a key named by the file's
   * hash, worked out alongside). `key` resolving to undefined writes nothing.
   */
  putFileAs?(file: string, key: Promise<string | undefined>): Promise<void>;
  /**
   * Write only if no object exists at key. Returns false (and writes nothing) when one does.
   * Used where two writers could race for the same key.
   */
  putIfAbsent(key: string, body: Uint8Array | string): Promise<boolean>;
  exists(key: string): Promise<boolean>;
  /** Every object under prefix, sorted by key. */
  list(prefix: string): Promise<ObjectInfo[]>;
  delete(key: string): Promise<void>;
  /**
   * A local folder holding the same keys, when the store is one: lets DuckDB read Parquet
   * directly. Undefined for remote stores.
   */
  readonly localRoot?: string;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string, location: string) {
    super(`No object at ${key} in ${location}`);
    this.name = 'ObjectNotFoundError';
  }
}

/** Keys are relative and slash-separated: refuse anything that could escape a root folder. */
export function assertSafeKey(key: string): void {
  if (key === '' || key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.'))
    throw new Error(`Unsafe object key: ${JSON.stringify(key)}`);
}
