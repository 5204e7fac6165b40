/**
 * demand_series.sql and demand_series_names.sql number series without a window over every row.
 * Together they must give exactly the answer of the query as it was (two windows over every row,
 * tests/fixtures/queries/demand_series.windows.sql), also where a series has a daily and a weekly
 * row starting on the same day, or rows with and without a location.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { loadQuery } from '../../shared/query/sql-files.ts';
import { numbers, textAt, texts } from '../../shared/query/columns.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { demoLake } from '../support/demo-lake.ts';

const WINDOWS = readFileSync(new URL('../fixtures/queries/demand_series.windows.sql', import.meta.url), 'utf8');
const C = 'fenland-lincs-spring-2026';
const utf8 = (s: string) => new TextEncoder().encode(s);

let lake: Awaited<ReturnType<typeof demoLake>>;
let engines: DuckDbEngine[];
beforeAll(async () => {
  lake = await demoLake();
  // One partner's daily rows, then weekly rows starting on some of the same days, with and without a site.
  const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 1, 2 + i)).toISOString().slice(0, 10));
  await ingestFile(lake.store, 'daily.csv', utf8(`region,location,period_start,period,channel,count\n${days.map((d, i) => `GB-CAM,${i % 2 ? 'Ely' : ''},${d},day,helpline_calls,${i}`).join('\n')}\n`), { partnerId: 'both-grains' });
  await ingestFile(lake.store, 'weekly.csv', utf8(`region,location,period_start,period,channel,count\nGB-CAM,,${days[0]},week,helpline_calls,40\nGB-CAM,Ely,${days[1]},week,helpline_calls,41\nGB-CAM,,${days[7]},week,helpline_calls,42\n`), { partnerId: 'both-grains' });
  engines = [await DuckDbEngine.open(lake.store), await DuckDbEngine.open(lake.store, { materializeBelowBytes: 0 })];
});
afterAll(async () => {
  for (const e of engines) await e.close();
  await lake.cleanup();
});

describe('demand_series.sql', () => {
  it.each([
    ['every channel', [C, '', '', '2025', '2026', '2025-11-03', '2026-03-29']],
    ['one channel', [C, 'helpline_calls', 'helpline_calls', '2025', '2026', '2025-11-03', '2026-03-29']],
    ['a window inside the data', [C, '', '', '2026', '2026', '2026-02-03', '2026-03-01']],
  ])('gives the answer of the two-window query (%s), from loaded tables and from views', async (_, params) => {
    for (const engine of engines) {
      const now = await engine.queryColumns(loadQuery('demand_series'), params);
      const names = await engine.queryColumns(loadQuery('demand_series_names'), params);
      const before = await engine.queryColumns(WINDOWS, params);
      expect(now.length).toBeGreaterThan(20);
      // The rows: the numbers of the two-window query, column by column.
      expect(now.names).toEqual(['series', 'day', 'period_days', 'count']);
      for (const n of now.names) expect(Array.from(numbers(now, n))).toEqual(Array.from(numbers(before, n)));
      // The names: those the two-window query gave on each series' first row, and each series' rows.
      const firstRows = Array.from({ length: before.length }, (_, i) => i).filter((i) => textAt(texts(before, 'partner_id'), i) !== null);
      expect(Array.from(numbers(names, 'series'))).toEqual(firstRows.map((i) => numbers(before, 'series')[i]));
      for (const n of ['partner_id', 'location', 'channel', 'region', 'role'])
        expect(Array.from({ length: names.length }, (_, k) => textAt(texts(names, n), k))).toEqual(firstRows.map((i) => textAt(texts(before, n), i)));
      const series = Array.from(numbers(before, 'series'));
      expect(Array.from(numbers(names, 'row_count'))).toEqual(firstRows.map((i) => series.filter((x) => x === series[i]).length));
    }
    // The partner with both grains is in it, with and without a site.
    const named = await engines[0]!.query(loadQuery('demand_series_names'), params);
    expect(named.filter((r) => r.partner_id === 'both-grains').map((r) => r.location).sort()).toEqual(['', 'Ely']);
  });
});
