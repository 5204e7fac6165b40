/**
 * The engine resolves each period key's newest live version once, running the view's window only
 * over the files whose rows could have another version. Its rows must be exactly those of the view
 * (queries/views/service_demand.sql) over every file, whichever files overlap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactLake } from '../../shared/pipeline/compact-lake.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { withdrawUpload } from '../../shared/pipeline/manage-uploads.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

const week = (i: number) => new Date(Date.UTC(2025, 11, 1 + 7 * i)).toISOString().slice(0, 10);
/** One partner's upload: [region, week index, count] rows (weeks span 2025 and 2026). */
const upload = (partner: string, rows: [string, number, number][]) =>
  ingestFile(store, `${partner}.csv`, new TextEncoder().encode(`region,week_start,channel,count\n${rows.map(([r, w, n]) => `${r},${week(w)},helpline_calls,${n}`).join('\n')}\n`), {
    partnerId: partner,
    today: '2026-11-27',
  });
const span = (region: string, from: number, to: number, n: number): [string, number, number][] => Array.from({ length: to - from + 1 }, (_, i) => [region, from + i, n + i]);

const ALL = 'SELECT * FROM service_demand ORDER BY ALL';
async function rows(opts: { materializeBelowBytes?: number } = {}) {
  const engine = await DuckDbEngine.open(store, opts);
  try {
    return await engine.query(ALL);
  } finally {
    await engine.close();
  }
}
/** The view's rule over every file, as Athena runs it (nothing loaded). */
const byView = () => rows({ materializeBelowBytes: 0 });

describe('resolving versions once', () => {
  it('gives the view\'s rows when no file overlaps another', async () => {
    await upload('a', span('GB-CAM', 0, 9, 10));
    await upload('b', [...span('GB-CAM', 0, 9, 20), ...span('GB-NFK', 0, 9, 30)]);
    // The same partner again, later weeks only: no key in common.
    await upload('a', span('GB-CAM', 10, 12, 40));
    const resolved = await rows();
    expect(resolved).toHaveLength(10 + 20 + 3);
    expect(resolved).toEqual(await byView());
  });

  it('gives the view\'s rows with corrections, a withdrawn upload and a compaction whose originals are still there', async () => {
    await upload('a', span('GB-CAM', 0, 9, 10));
    await upload('b', span('GB-NFK', 0, 9, 20));
    // A correction of two weeks (one across the year boundary) and a new region in overlapping weeks.
    await upload('a', [['GB-CAM', 4, 99], ['GB-CAM', 5, 98], ['GB-SFK', 4, 7]]);
    const withdrawn = await upload('b', [['GB-NFK', 2, 555]]);
    await withdrawUpload(store, withdrawn.uploadId, { by: 'test' });
    await upload('c', span('GB-ESS', 0, 3, 1));
    const before = await byView();
    expect(await rows()).toEqual(before);
    const counts = new Map(before.map((r) => [`${r.partner_id} ${r.region_code} ${String(r.period_start)}`, r.count]));
    expect(counts.get(`a GB-CAM ${week(4)}`)).toBe(99);
    expect(counts.get(`b GB-NFK ${week(2)}`)).toBe(22);
    // Compacted, the originals kept until their grace period ends: each row is in two files.
    await compactLake(store);
    expect(await rows()).toEqual(before);
    expect(await byView()).toEqual(before);
    await compactLake(store, { deleteAfterMs: 0 });
    expect(await rows()).toEqual(before);
  });

  it('keeps the view\'s empty, typed table when every upload is withdrawn', async () => {
    const only = await upload('a', span('GB-CAM', 0, 2, 10));
    await withdrawUpload(store, only.uploadId, { by: 'test' });
    const engine = await DuckDbEngine.open(store);
    try {
      expect(await engine.query(ALL)).toEqual([]);
      const columns = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE service_demand)`);
      const view = await DuckDbEngine.open(store, { materializeBelowBytes: 0 });
      expect(columns).toEqual(await view.query(`SELECT column_name, column_type FROM (DESCRIBE service_demand)`));
      await view.close();
    } finally {
      await engine.close();
    }
  });
});
