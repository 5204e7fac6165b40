/**
 * Uploads at once for one owner: no locks, and none is lost. Each upload writes its own files and
 * its own commit, so concurrent ingests cannot overwrite each other; where they hold the same
 * period key, the newest upload wins, as it would one after the other.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import type { ObjectStore } from '../../shared/storage/object-store.ts';
import { createS3Client, S3ObjectStore } from '../../shared/storage/s3-object-store.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { tempStore } from '../support/temp-store.ts';

const upload = (weeks: string[], channel: string, base: number) =>
  new TextEncoder().encode(`region,week_start,channel,count\n${weeks.map((w, i) => `GB-CAM,${w},${channel},${base + i}`).join('\n')}\n`);
const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16'];

/** Six uploads for one partner at once: three channels, and two versions of each channel's weeks. */
async function sixAtOnce(store: ObjectStore) {
  const results = await Promise.all(
    ['helpline_calls', 'referrals', 'drop_in_visits'].flatMap((channel, c) =>
      [100, 200].map((base) => ingestFile(store, `${channel}-${base}.csv`, upload(WEEKS, channel, base + c), { partnerId: 'p1', today: '2026-11-27' })),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(6).fill('accepted'));
  const rows = await readCurrentRows(store, SERVICE_DEMAND);
  // Every channel and week is there once, with the values of whichever of its two uploads is newer.
  expect(rows).toHaveLength(9);
  for (const channel of ['helpline_calls', 'referrals', 'drop_in_visits']) {
    const mine = results.filter((r) => r.file.startsWith(channel)).sort((a, b) => (a.uploadId < b.uploadId ? 1 : -1));
    const winner = mine[0]!;
    const counts = rows.filter((r) => r.channel === channel).map((r) => [r.period_start, r.upload_id]);
    expect(counts.sort()).toEqual(WEEKS.map((w) => [w, winner.uploadId]));
  }
}

describe('uploads at once on the local store', () => {
  let t: { store: LocalFolderStore; cleanup: () => Promise<void> };
  beforeEach(async () => (t = await tempStore()));
  afterEach(() => t.cleanup());

  it('six uploads for one partner at once all land; no lock objects exist', async () => {
    await sixAtOnce(t.store);
    expect((await t.store.list('curated/')).filter((o) => /lock/.test(o.key))).toEqual([]);
  });
});

describe('uploads at once on S3 (s3rver on 127.0.0.1)', () => {
  let server: RunningS3rver;
  let client: ReturnType<typeof createS3Client>;
  beforeAll(async () => {
    server = await startS3rver();
    client = createS3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('six uploads for one partner at once all land, with ordinary S3 latency', async () => {
    await sixAtOnce(new S3ObjectStore({ bucket: server.bucket, prefix: 'concurrency/lake', client }));
  });
});
