import { afterEach, expect, it } from 'vitest';
import { metaDailyExportLines } from '../../shared/demo/meta-export.ts';
import { FAST_PATH_DECLINED, FAST_PATH_UPLOADS } from '../../shared/pipeline/fast-ingest/use-fast-path.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { tempStore } from '../support/temp-store.ts';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

// DuckDB keeps 100 partition files open by default; past that, once a thread has handed over its
// rows more than once, it starts a second file for a month, which the lake cannot take (one file
// per partition and upload). Ten years of daily rows (120 months, 146,000 rows) split that way
// before the fast path raised the limit to the file's months: then it went to the reader, 4 times
// slower. Only the fast path runs here; fast-ingest.test.ts compares it with the reader.
it('a daily export over 120 months: taken by the fast path, one file a month', async () => {
  const { store, cleanup } = await tempStore();
  try {
    const spec = { seed: 3, campaigns: ['Helpline', 'Awareness'], adSets: ['Video 15s', 'Carousel', 'Stories', 'Reels'], regions: ['Lincolnshire', 'Cambridgeshire', 'Kaunas County', 'Lagos State', 'Unknown'], start: '2016-01-01', days: 3653, impressionsPerRow: 800, ctr: 0.01, cpm: 5 };
    const csv = new TextEncoder().encode([...metaDailyExportLines(spec)].join(''));
    const result = await ingestFile(store, 'ten-years.csv', csv, { today: '2026-11-27' });
    expect(result.status).toBe('accepted');
    expect(result.rows).toBe(3653 * 40);
    expect(FAST_PATH_DECLINED.filter((d) => d.rawKey === result.rawKey)).toEqual([]);
    expect(FAST_PATH_UPLOADS).toContain(result.uploadId);
    const files = (await store.list('curated/ad_delivery_versions/')).map((o) => o.key);
    const months = files.map((k) => /month=(\d{4}-\d{2})\//.exec(k)?.[1]);
    expect(new Set(months).size).toBe(120);
    expect(files).toHaveLength(120);
  } finally {
    await cleanup();
  }
}, 60_000);
