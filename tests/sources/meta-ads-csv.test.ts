import { describe, expect, it } from 'vitest';
import { fixture, ingest, utf8 } from './helpers.ts';

describe('Meta Ads Manager CSV reader', () => {
  it('reads a period export with BOM, CRLF, no final newline, a quoted comma header, "-" and empty as null', async () => {
    const { result, rows } = await ingest('m.csv', fixture('meta-period-quirks.csv'));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-ads-csv', rows: 3, currency: 'EUR' });
    expect(result.totals).toEqual({ impressions: 2215, reach: 1700, clicks: 41, link_clicks: 55, results: 12, spend: 10.06 });
    expect(rows.every((r) => r.granularity === 'period' && r.date_start === '2026-03-01' && r.date_end === '2026-03-31')).toBe(true);
    expect(rows.find((r) => r.region_name === 'Unknown')).toMatchObject({ region_code: 'ZZ', reach: null, results: null, link_clicks: 0 });
    expect(rows.find((r) => r.ad_name === 'Video B')).toMatchObject({ region_code: 'KE-30', results: null, clicks: null, spend_micros: 5_010_000 });
  });

  it('names the campaign after the ad set when the export has no campaign column; keeps age x gender rows apart', async () => {
    const { result, rows } = await ingest('a.csv', fixture('meta-adset-age-gender.csv'), { currency: 'GBP' });
    expect(result).toMatchObject({ status: 'accepted', rows: 3, currency: 'GBP' });
    expect(result.totals).toEqual({ impressions: 240, reach: 225, clicks: 4, video_views: 6, engagements: 15 });
    expect(rows.map((r) => [r.campaign_name, r.ad_set_name, r.breakdown, r.granularity, r.age, r.gender])).toContainEqual([
      'Fenland video: “Help is here”...', 'Fenland video: “Help is here”...', 'age,gender', 'day', '18-24', 'male',
    ]);
  });

  it('refuses a file with no currency anywhere, and a currency that contradicts the file', async () => {
    // No money column: no currency needed. A spend column without a currency needs the caller's.
    expect((await ingest('a.csv', fixture('meta-adset-age-gender.csv'))).result).toMatchObject({ status: 'accepted', rows: 3 });
    const bare = new TextDecoder().decode(fixture('meta-daily-region.csv')).replace('Amount spent (GBP)', 'Amount spent');
    const none = await ingest('a.csv', new TextEncoder().encode(bare));
    expect(none.result.errors).toEqual([{ row: 1, column: 'Amount spent', reason: expect.stringMatching(/states no currency.*--currency/) }]);
    expect((await ingest('a.csv', new TextEncoder().encode(bare), { currency: 'GBP' })).result).toMatchObject({ status: 'accepted', currency: 'GBP' });
    const clash = await ingest('m.csv', fixture('meta-period-quirks.csv'), { currency: 'GBP' });
    expect(clash.result.errors).toEqual([{ row: 1, column: 'Amount spent (EUR)', reason: 'the file is in EUR but the currency passed is GBP' }]);
    expect(none.curated).toEqual([]);
  });

  it('reads a Day column and a Placement breakdown, with the campaign id', async () => {
    const { result, rows } = await ingest('d.csv', fixture('meta-day-placement.csv'));
    expect(result).toMatchObject({ status: 'accepted', rows: 2, currency: 'USD' });
    expect(result.totals).toEqual({ impressions: 800, link_clicks: 7, spend: 3.75 });
    expect(rows[0]).toMatchObject({ breakdown: 'placement', granularity: 'day', campaign_ref: '120200000000001', region_code: 'ZZ' });
  });

  it('reads a Country breakdown as ISO 3166-1 codes', async () => {
    const csv = 'Day,Campaign name,Country,Impressions,Amount spent (GBP)\n2026-03-02,C,GB,10,1.00\n2026-03-02,C,Kenya,5,0.50\n2026-03-02,C,Unknown,1,0.01\n';
    const { rows } = await ingest('c.csv', utf8(csv));
    expect(rows.map((r) => [r.region_code, r.breakdown])).toEqual([['GB', 'country'], ['KE', 'country'], ['ZZ', 'country']]);
  });

  it('accepts either spelling of a header ("Ad Set Name" / "Ad set name")', async () => {
    const csv = 'Reporting starts,Reporting ends,Campaign name,Ad Set Name,Impressions,Amount spent (GBP)\n2026-03-02,2026-03-02,C,Set A,10,1.00\n';
    const { rows } = await ingest('s.csv', utf8(csv));
    expect(rows[0]!.ad_set_name).toBe('Set A');
  });

  it.each([
    ['meta-es.csv', 'EUR', { impressions: 1514, reach: 1200, link_clicks: 39, spend: 14.62 }, 'NG-LA', 'day'],
    ['meta-fr.csv', 'EUR', { impressions: 1000, reach: 800, link_clicks: 10, spend: 12.34 }, 'NG-LA', 'period'],
    ['meta-it.csv', 'EUR', { impressions: 10000, reach: 7000, link_clicks: 100, spend: 200 }, 'LT-VL', 'period'],
    ['meta-nl.csv', 'EUR', { impressions: 2500, reach: 2000, link_clicks: 40, spend: 1234.56 }, 'NL-UT', 'day'],
    ['meta-pt.csv', 'BRL', { impressions: 3000, reach: 2500, link_clicks: 60, spend: 45.9 }, 'NG-LA', 'day'],
  ])('reads the %s header set and its decimal commas', async (name, currency, totals, region, granularity) => {
    const { result, rows } = await ingest(name, fixture(name));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-ads-csv', currency, totals });
    expect(rows[0]).toMatchObject({ region_code: region, granularity, breakdown: 'region' });
  });

  it('names row and column for bad cells in a localised export', async () => {
    const csv = 'Campagnenaam,Weergaven,Besteed bedrag (EUR),Begin rapportage,Einde rapportage\nC,12a,"1,00",2026-03-02,2026-03-02\n';
    const { result } = await ingest('nl.csv', utf8(csv));
    expect(result.errors).toEqual([{ row: 2, column: 'Weergaven', reason: '"12a" is not a number' }]);
  });
});
