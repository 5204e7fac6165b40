import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { ParquetFileBuilder, readParquet } from '../../shared/lake/parquet.ts';
import { AD_DELIVERY, type Row } from '../../shared/lake/tables.ts';

/** An ad-delivery row with a null in some column of every type, and an ad name of its own. */
function row(i: number): Row {
  const day = addDays('2025-01-01', i % 400);
  return {
    platform: 'meta', campaign_name: `Campaign ${i % 3}`, campaign_ref: i % 5 === 0 ? null : `c${i % 3}`, ad_set_name: 'Set', ad_name: `ad ${i}`,
    region_code: 'GB-CAM', region_name: i % 7 === 0 ? null : 'Cambridgeshire', breakdown: 'region', age: null, gender: null, segment: null,
    granularity: 'day', date_start: day, date_end: day, impressions: i % 4 === 0 ? null : i * 1000, reach: 0, clicks: i % 11, link_clicks: null,
    // Past 2^31 and exact as a double: the INT64 columns are not squeezed through 32 bits.
    spend_micros: 9_007_199_254_000 + i, currency: 'GBP', results: i % 2 === 0 ? 0 : null, video_views: null, engagements: i,
    source_key: 'raw/ads/a.csv', upload_id: 'u1', upload_seq: 1,
  };
}

describe('a Parquet builder gathering rows column by column', () => {
  it('writes back every cell, nulls included, across full groups, an early flush and a dictionary that starts again', async () => {
    const rows = Array.from({ length: 12_500 }, (_, i) => row(i));
    const builder = new ParquetFileBuilder(AD_DELIVERY, { rowGroupSize: 4_000 });
    for (const [i, r] of rows.entries()) {
      builder.append(r);
      // An early flush mid-group (as ingest does when many partitions wait): a short group, its buffers given back.
      if (i === 5_000) {
        builder.flush();
        expect(builder.pending).toBe(0);
      }
    }
    expect(builder.rows).toBe(rows.length);
    const bytes = builder.finish();
    // Read by hyparquet (this module) and by DuckDB (what queries the lake).
    expect(await readParquet(AD_DELIVERY, bytes)).toEqual(rows);
    const dir = await mkdtemp(path.join(tmpdir(), 'campaign-colbuf-'));
    try {
      const file = path.join(dir, 'a.parquet');
      await writeFile(file, bytes);
      const c = await (await DuckDBInstance.create(':memory:')).connect();
      const groups = (await c.runAndReadAll(`SELECT row_group_id, any_value(row_group_num_rows) AS n FROM parquet_metadata('${file}') GROUP BY ALL ORDER BY 1`)).getRowObjectsJson();
      expect(groups.map((g) => Number(g.n))).toEqual([4_000, 1_001, 4_000, 3_499]);
      const back = (await c.runAndReadAll(`SELECT ad_name, spend_micros::VARCHAR AS spend, date_start::VARCHAR AS day, impressions FROM '${file}'`)).getRowObjectsJson();
      expect(back.map((b) => [b.ad_name, b.spend, b.day, b.impressions === null ? null : Number(b.impressions)])).toEqual(
        rows.map((r) => [r.ad_name, String(r.spend_micros), r.date_start, r.impressions]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
