/**
 * Compaction lays partner data out for the read path: rows sorted by region (then channel,
 * partner, day), min/max statistics on the key columns, so a scan that wants a few regions skips
 * the other row groups, and the answers stay the same.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactLake } from '../../shared/pipeline/compact-lake.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

const REGIONS = ['GB-NFK', 'GB-CAM', 'GB-SFK', 'GB-LIN', 'GB-ESS', 'GB-KEN'];

async function answers() {
  const engine = await DuckDbEngine.open(store);
  try {
    return await engine.query(`SELECT region_code, channel, partner_id, CAST(period_start AS VARCHAR) AS d, count FROM service_demand ORDER BY 1, 2, 3, 4`);
  } finally {
    await engine.close();
  }
}

describe('campaign compact: the layout of partner data', () => {
  it('sorts the merged file by region, writes region statistics, and keeps the answers', async () => {
    // One partner per region, uploaded in an order unrelated to the region codes.
    for (const [i, region] of REGIONS.entries()) {
      const lines = ['region,period_start,period,channel,count'];
      for (let d = 1; d <= 28; d++) lines.push(`${region},2026-02-${String(d).padStart(2, '0')},day,helpline_calls,${(i + d) % 9}`, `${region},2026-02-${String(d).padStart(2, '0')},day,referrals,${d % 3}`);
      await ingestFile(store, `${region}.csv`, new TextEncoder().encode(lines.join('\n')), { partnerId: `p-${i}`, today: '2026-11-27' });
    }
    const before = await answers();
    await compactLake(store);
    await compactLake(store, { deleteAfterMs: 0 });
    const [file] = await keysUnder(store, 'curated/service_demand_versions/');
    expect(file).toBeDefined();
    expect(await answers()).toEqual(before);

    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const local = path.join(store.localRoot!, file!).replaceAll("'", "''");
    const inFile = (await c.runAndReadAll(`SELECT region_code, channel, period_start FROM read_parquet('${local}')`)).getRowObjectsJson();
    const keys = inFile.map((r) => `${r.region_code}|${r.channel}|${r.period_start}`);
    expect(keys).toEqual([...keys].sort());
    const stats = (await c.runAndReadAll(`SELECT path_in_schema AS col, stats_min_value AS lo, stats_max_value AS hi FROM parquet_metadata('${local}')`)).getRowObjectsJson();
    const region = stats.filter((s) => s.col === 'region_code');
    expect(region.length).toBeGreaterThan(0);
    expect(region[0]).toMatchObject({ lo: 'GB-CAM' });
    expect(region.at(-1)).toMatchObject({ hi: 'GB-SFK' });
    for (const col of ['channel', 'partner_id', 'period_start']) expect(stats.find((s) => s.col === col)?.lo).not.toBeNull();
  });
});
