import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { runObjectStoreContract } from './object-store-contract.ts';

runObjectStoreContract('LocalFolderStore', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'local-store-'));
  return { store: new LocalFolderStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
});
