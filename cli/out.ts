import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from '../shared/storage/object-store.ts';

/** Copy objects from the store into a folder (e.g. --out DIR); returns the written paths. */
export async function writeOut(store: ObjectStore, keys: string[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const key of keys) {
    const file = path.resolve(dir, path.basename(key));
    await writeFile(file, await store.get(key));
    written.push(file);
  }
  return written;
}
