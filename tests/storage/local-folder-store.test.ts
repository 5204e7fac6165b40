import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { runObjectStoreContract } from './object-store-contract.ts';

runObjectStoreContract('LocalFolderStore', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'local-store-'));
  return { store: new LocalFolderStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('LocalFolderStore.putFileAs (the copy runs while the key is worked out)', () => {
  let root: string;
  let source: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'local-store-as-'));
    source = path.join(root, '..', `${path.basename(root)}-upload.csv`);
    await writeFile(source, 'a,b\n1,2\n');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(source, { force: true });
  });
  const leftovers = async () => (await readdir(root, { recursive: true })).filter((f) => String(f).endsWith('.tmp'));

  it('writes the file under the key once it settles, and leaves no staged copy', async () => {
    const store = new LocalFolderStore(root);
    let settle!: (k: string) => void;
    const key = new Promise<string>((r) => (settle = r));
    const writing = store.putFileAs(source, key);
    settle('raw/ads/uploads/2030-01-01/abc-upload.csv');
    await writing;
    expect(new TextDecoder().decode(await store.get('raw/ads/uploads/2030-01-01/abc-upload.csv'))).toBe('a,b\n1,2\n');
    expect(await leftovers()).toEqual([]);
  });

  it('writes nothing when the key settles as undefined (a copy already kept)', async () => {
    const store = new LocalFolderStore(root);
    await store.putFileAs(source, Promise.resolve(undefined));
    expect(await store.list('')).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it('a key that fails, or a source that cannot be read: the error, and nothing written', async () => {
    const store = new LocalFolderStore(root);
    await expect(store.putFileAs(source, Promise.reject(new Error('hash failed')))).rejects.toThrow('hash failed');
    await expect(store.putFileAs(path.join(root, 'missing.csv'), Promise.resolve('raw/x/y/z.csv'))).rejects.toThrow(/ENOENT/);
    await expect(store.putFileAs(source, Promise.resolve('../outside.csv'))).rejects.toThrow();
    await expect(store.putFile('../outside.csv', source)).rejects.toThrow();
    expect(await store.list('')).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });
});
