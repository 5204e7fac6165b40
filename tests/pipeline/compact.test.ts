/**
 * Compaction: fewer files, the same answers, safe to read during it; withdrawn and abandoned
 * uploads' rows dropped only when nothing can still need them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_ID } from '../../shared/lake/uploads.ts';
import { writeParquet } from '../../shared/lake/parquet.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { compactLake } from '../../shared/pipeline/compact-lake.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { withdrawUpload } from '../../shared/pipeline/manage-uploads.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

const week = (i: number) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10);
const weekly = (partner: string, i: number, n: number) =>
  ingestFile(store, `w${i}.csv`, new TextEncoder().encode(`region,week_start,channel,count\nGB-CAM,${week(i)},helpline_calls,${n}\n`), { partnerId: partner, today: '2026-11-27' });

async function answers() {
  const engine = await DuckDbEngine.open(store);
  try {
    return await engine.query('SELECT partner_id, CAST(period_start AS VARCHAR) AS w, count, upload_id FROM service_demand ORDER BY partner_id, w');
  } finally {
    await engine.close();
  }
}

describe('campaign compact', () => {
  it('merges each partition into one file, keeps every row\'s upload, and answers the same before, during and after', async () => {
    for (let i = 0; i < 8; i++) for (const p of ['a', 'b']) await weekly(p, i, 10 + i);
    const corrected = await weekly('a', 3, 99);
    const withdrawn = await weekly('b', 5, 77);
    await withdrawUpload(store, withdrawn.uploadId, { by: 'test' });
    // An upload that crashed before its commit, two days ago: its file is garbage.
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const old = { uploadId: `${new Date(twoDaysAgo).toISOString().replace(/[-:.]/g, '').replace('Z', '000Z')}-deadbeef`, seq: twoDaysAgo * 1000 };
    await store.put(`curated/service_demand_versions/year=2026/${old.uploadId}.parquet`, writeParquet(SERVICE_DEMAND, [
      { partner_id: 'a', region_code: 'GB-CAM', location: null, channel: 'helpline_calls', period_start: week(0), period_days: 7, count: 555, source_key: 'x', upload_id: old.uploadId, upload_seq: old.seq },
    ]));
    expect(old.uploadId).toMatch(UPLOAD_ID);
    const before = await answers();
    expect(before.find((r) => r.partner_id === 'a' && r.w === week(3))).toMatchObject({ count: 99, upload_id: corrected.uploadId });

    const [demand, , events] = await compactLake(store);
    expect(demand).toMatchObject({ table: 'service_demand', filesMerged: 19, filesWritten: 1, rowsDropped: 2 });
    expect(events).toMatchObject({ table: 'upload_events', filesWritten: 1 });
    // During: old files are still there beside the merged one; each key is still read once.
    expect(await answers()).toEqual(before);
    // A later run deletes what was merged, once readers that listed the old files are done.
    const [later] = await compactLake(store, { deleteAfterMs: 0 });
    expect(later!.filesDeleted).toBeGreaterThan(19);
    expect(await keysUnder(store, 'curated/service_demand_versions/')).toHaveLength(1);
    expect(await keysUnder(store, 'curated/upload_events/')).toHaveLength(1);
    expect(await answers()).toEqual(before);
    // The log still knows every upload: a compacted upload can be withdrawn like any other.
    await withdrawUpload(store, corrected.uploadId, { by: 'test' });
    expect((await answers()).find((r) => r.partner_id === 'a' && r.w === week(3))).toMatchObject({ count: 13 });
  });
});
