/**
 * The columnar read of partner series (demand_series.sql -> seriesFromColumns) gives exactly the
 * series the row-by-row grouping gives (groupSeries), on a real DuckDB lake with daily and weekly
 * partners and a series whose weekly row overlaps daily rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSeries, periodRows, type DemandSeriesRow } from '../../shared/analysis/completeness.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { seriesFromColumns } from '../../shared/pipeline/demand-series.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { loadQuery } from '../../shared/query/sql-files.ts';
import { tempStore } from '../support/temp-store.ts';

// The row-shaped answer the analysis read before (one object per row), as the reference.
const ROWS_SQL = `SELECT s.partner_id, coalesce(s.location, '') AS location, s.channel, s.region_code AS region, r.role, s.period_start, s.period_days, s.count
  FROM service_demand s JOIN campaign_regions r ON r.region_code = s.region_code
  WHERE r.campaign = ? AND (? = '' OR s.channel = ?) AND s.year BETWEEN ? AND ? AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`;

let engine: DuckDbEngine;
let cleanup: () => Promise<void>;
const demo = generateDemo();
const C = demo.campaign.id as string;

beforeAll(async () => {
  const t = await tempStore();
  cleanup = t.cleanup;
  await registerCampaign(t.store, parseCampaign(demo.campaign));
  for (const u of demo.partnerUploads) await ingestFile(t.store, u.fileName, new TextEncoder().encode(u.content), { partnerId: u.partnerId });
  const region = parseCampaign(demo.campaign).regions.targeted[0]!;
  // A week row and daily rows of the same days in one series: the longer row is kept.
  const csv = ['region,period_start,period,channel,count', `${region},2026-01-05,week,helpline_calls,30`, ...[5, 6, 7, 12].map((d) => `${region},2026-01-${String(d).padStart(2, '0')},day,helpline_calls,${d}`)].join('\n');
  const r = await ingestFile(t.store, 'overlap.csv', new TextEncoder().encode(csv), { partnerId: 'overlap-partner', today: '2030-01-01' });
  expect(r.status).toBe('accepted');
  engine = await DuckDbEngine.open(t.store);
});
afterAll(async () => {
  await engine.close();
  await cleanup();
});

describe('seriesFromColumns', () => {
  it.each([['', ''], ['helpline_calls', 'helpline_calls']])('equals groupSeries over the row objects (channel %s)', async (a, b) => {
    const params = [C, a, b, '2024', '2027', '2024-01-01', '2027-12-31'];
    const columns = await engine.queryColumns(loadQuery('demand_series'), params);
    const names = await engine.queryColumns(loadQuery('demand_series_names'), params);
    const rows = (await engine.query(ROWS_SQL, params)) as unknown as DemandSeriesRow[];
    expect(columns.length).toBe(rows.length);
    const fromColumns = seriesFromColumns(columns, names);
    expect(fromColumns).toEqual(groupSeries(rows));
    const overlap = fromColumns.find((s) => s.partner === 'overlap-partner');
    expect(overlap?.overlapping).toBe(3);
    expect(periodRows(overlap!).map((x) => [x.start, x.days])).toEqual([['2026-01-05', 7], ['2026-01-12', 1]]);
  });
});
