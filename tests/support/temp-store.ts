import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';

/** A fresh local-folder lake in a temp directory. */
export async function tempStore(): Promise<{ store: LocalFolderStore; root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'campaign-lake-'));
  return { store: new LocalFolderStore(root), root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Keys under a prefix, for asserting what reached curated/ or quarantine/. */
export async function keysUnder(store: LocalFolderStore, prefix: string): Promise<string[]> {
  return (await store.list(prefix)).map((o) => o.key);
}
