import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readParquet } from '../../shared/lake/parquet.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { LockTimeoutError, withOwnerLocks } from '../../shared/pipeline/owner-lock.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

const upload = (weeks: string[], channel: string) =>
  new TextEncoder().encode(`region,week_start,channel,count\n${weeks.map((w, i) => `GB-CAM,${w},${channel},${10 + i}`).join('\n')}\n`);

describe('two uploads for the same partner at once', () => {
  it('both land: the read-modify-write of the partner file is serialised', async () => {
    // Different channels, so neither replaces the other: both must be in the file afterwards.
    const [a, b] = await Promise.all([
      ingestFile(store, 'calls.csv', upload(['2026-03-02', '2026-03-09'], 'helpline_calls'), { partnerId: 'p1', today: '2026-11-27' }),
      ingestFile(store, 'referrals.csv', upload(['2026-03-02', '2026-03-09'], 'referrals'), { partnerId: 'p1', today: '2026-11-27' }),
    ]);
    expect([a.status, b.status]).toEqual(['accepted', 'accepted']);
    const [file] = await keysUnder(store, 'curated/service_demand/');
    const rows = await readParquet(SERVICE_DEMAND, await store.get(file!));
    expect(rows.map((r) => r.channel).sort()).toEqual(['helpline_calls', 'helpline_calls', 'referrals', 'referrals']);
    expect(await keysUnder(store, 'curated/_locks/')).toEqual([]);
  });
});

describe('owner locks', () => {
  it('breaks a lock left by a crashed writer, and releases its own even when the work fails', async () => {
    await store.put('curated/_locks/t/a.lock', JSON.stringify({ since: Date.now() - 60 * 60_000 }));
    await expect(withOwnerLocks(store, ['curated/_locks/t/a.lock'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await keysUnder(store, 'curated/_locks/')).toEqual([]);
  });

  it('gives up with a plain message when another writer holds the lock too long', async () => {
    await store.put('curated/_locks/t/b.lock', JSON.stringify({ since: Date.now() }));
    let clock = Date.now();
    const run = withOwnerLocks(store, ['curated/_locks/t/b.lock'], async () => 'never', {
      waitMs: 1_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await expect(run).rejects.toThrow(LockTimeoutError);
    await expect(run).rejects.toThrow(/another upload is still being written/);
  });
});
