import { describe, expect, it } from 'vitest';
import { fixture, ingest, utf8 } from './helpers.ts';

describe('TikTok Ads Manager reader', () => {
  it('reads By Day rows with Subregion + Country/Region, Currency per row, and skips the Total row', async () => {
    const { result, rows } = await ingest('t.csv', fixture('tiktok-daily-subregion.csv'));
    expect(result).toMatchObject({ status: 'accepted', format: 'tiktok-ads-csv', rows: 3, currency: 'KES' });
    expect(result.totals).toEqual({ impressions: 3300, reach: 2750, clicks: 53, link_clicks: 43, video_views: 1560, spend: 7 });
    expect(rows.map((r) => r.region_code).sort()).toEqual(['KE-30', 'KE-30', 'UG-C']);
    expect(rows[0]).toMatchObject({ platform: 'tiktok', granularity: 'day', breakdown: 'region', ad_set_name: 'Nairobi 18-24' });
  });

  it('names row and column for a bad cell and a missing currency', async () => {
    const csv = 'By Day,Campaign name,Cost,Impressions,Currency\n2026-03-02,C,1.00,1x0,USD\n2026-03-03,C,1.00,10,\n';
    const { result } = await ingest('t.csv', utf8(csv));
    expect(result.errors).toEqual([
      { row: 2, column: 'Impressions', reason: '"1x0" is not a number' },
      { row: 3, column: 'Currency', reason: expect.stringMatching(/"Currency" is empty or not a currency code/) },
    ]);
  });
});
