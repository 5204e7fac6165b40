import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { readParquet, writeParquet } from '../../shared/lake/parquet.ts';
import { SERVICE_DEMAND, type Row } from '../../shared/lake/tables.ts';

describe('compact date encoding', () => {
  it('writes dates as deltas: a small share of a partner file, read back the same by DuckDB and hyparquet', async () => {
    const rows: Row[] = [];
    for (let d = 0; d < 365; d++)
      for (const channel of ['helpline_calls', 'referrals'])
        rows.push({ partner_id: 'p1', region_code: 'GB-CAM', location: null, channel, period_start: addDays('2025-01-01', d), period_days: 1, count: (d * 7) % 11, source_key: 'raw/partners/p1/a.csv', upload_id: 'u1', upload_seq: 1 });
    const bytes = writeParquet(SERVICE_DEMAND, rows);
    const dir = await mkdtemp(path.join(tmpdir(), 'campaign-enc-'));
    try {
      const file = path.join(dir, 'a.parquet');
      await writeFile(file, bytes);
      const c = await (await DuckDBInstance.create(':memory:')).connect();
      const meta = (await c.runAndReadAll(`SELECT path_in_schema AS col, encodings, total_compressed_size AS size FROM parquet_metadata('${file}')`)).getRowObjectsJson();
      const date = meta.find((m) => m.col === 'period_start')!;
      expect(String(date.encodings)).toContain('DELTA_BINARY_PACKED');
      // As a dictionary it was 62% of such a file's column bytes.
      expect(Number(date.size) / meta.reduce((s, m) => s + Number(m.size), 0)).toBeLessThan(0.15);
      const back = (await c.runAndReadAll(`SELECT period_start::VARCHAR AS d FROM '${file}'`)).getRowObjectsJson().map((r) => r.d);
      expect(back).toEqual(rows.map((r) => r.period_start));
      expect(await readParquet(SERVICE_DEMAND, bytes)).toEqual(rows);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
