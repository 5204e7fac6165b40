import type { Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore } from '../../shared/storage/object-store.ts';

/** What a store call needs from S3, in IAM terms. */
export type StoreAccess = 'read' | 'exists' | 'list' | 'write' | 'delete';

/** One recorded call: the access it needs and its key (or prefix, for list). */
export interface RecordedAccess {
  access: StoreAccess;
  key: string;
}

/**
 * An ObjectStore that forwards to another and records every key read, written, listed or deleted,
 * so a test can check a Lambda role against what its use case really touches.
 */
export class RecordingStore implements ObjectStore {
  readonly accesses: RecordedAccess[] = [];

  constructor(private readonly inner: ObjectStore) {}

  get location() {
    return this.inner.location;
  }
  get localRoot() {
    return this.inner.localRoot;
  }
  private record(access: StoreAccess, key: string) {
    this.accesses.push({ access, key });
  }
  get(key: string): Promise<Uint8Array> {
    this.record('read', key);
    return this.inner.get(key);
  }
  getStream(key: string): Promise<Readable> {
    this.record('read', key);
    return this.inner.getStream(key);
  }
  put(key: string, body: Uint8Array | string): Promise<void> {
    this.record('write', key);
    return this.inner.put(key, body);
  }
  putStream(key: string, body: Readable): Promise<void> {
    this.record('write', key);
    return this.inner.putStream(key, body);
  }
  putIfAbsent(key: string, body: Uint8Array | string): Promise<boolean> {
    this.record('write', key);
    return this.inner.putIfAbsent(key, body);
  }
  exists(key: string): Promise<boolean> {
    this.record('exists', key);
    return this.inner.exists(key);
  }
  list(prefix: string): Promise<ObjectInfo[]> {
    this.record('list', prefix);
    return this.inner.list(prefix);
  }
  delete(key: string): Promise<void> {
    this.record('delete', key);
    return this.inner.delete(key);
  }
}
