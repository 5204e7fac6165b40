import { createReadStream } from 'node:fs';
import type { ObjectStore } from './object-store.ts';

/** Put a file of this machine into the store: a kernel copy where the store is local, else streamed. */
export function putLocalFile(store: ObjectStore, key: string, file: string): Promise<void> {
  return store.putFile ? store.putFile(key, file) : store.putStream(key, createReadStream(file));
}
