import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { iso31662 } from 'iso-3166';
import { createRegionResolver } from '../shared/geo/region-resolver.ts';
import { metaDailyExportLines } from '../shared/demo/meta-export.ts';
import { tiktokDailyExportLines } from '../shared/demo/tiktok-export.ts';

/** Subdivision names that resolve on their own (no alias needed), as Meta's Region column has them. */
export function resolvableRegionNames(count: number): string[] {
  const resolve = createRegionResolver();
  const names: string[] = [];
  for (const s of iso31662) {
    if (names.length === count) break;
    if (/^[A-Za-z][A-Za-z -]+$/.test(s.name) && 'code' in resolve(s.name)) names.push(s.name);
  }
  return names;
}

export type BenchFormat = 'meta' | 'tiktok';

/**
 * Write a daily x region export of days x 2 campaigns x 4 ad sets x regions rows (another seed: a
 * re-export with new figures): Meta's columns, or TikTok's (with its Total row). Returns the data rows.
 */
export async function writeMetaExport(file: string, days: number, regions: number, seed = 1, format: BenchFormat = 'meta'): Promise<number> {
  let rows = format === 'tiktok' ? -2 : -1;
  const lines = (format === 'tiktok' ? tiktokDailyExportLines : metaDailyExportLines)({
    seed,
    campaigns: ['Awareness 2026 - north', 'Awareness 2026 - south'],
    adSets: ['Video 15s', 'Carousel', 'Static image', 'Stories'],
    regions: resolvableRegionNames(regions),
    start: '2026-01-01',
    days,
    impressionsPerRow: 800,
    ctr: 0.01,
    cpm: 5,
  });
  await writeLines(file, (function* () {
    for (const line of lines) {
      rows += 1;
      yield line;
    }
  })());
  return rows;
}

/** Write lines to a file in 1 MB batches, waiting for the disk when it is behind. */
export async function writeLines(file: string, ...parts: Iterable<string>[]): Promise<void> {
  const out = createWriteStream(file);
  let batch = '';
  for (const part of parts)
    for (const line of part) {
      batch += line;
      if (batch.length > 1 << 20) {
        if (!out.write(batch)) await once(out, 'drain');
        batch = '';
      }
    }
  out.end(batch);
  await once(out, 'finish');
}
