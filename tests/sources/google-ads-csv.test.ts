import { describe, expect, it } from 'vitest';
import { fixture, ingest, utf8 } from './helpers.ts';

const text = (name: string): string => new TextDecoder().decode(fixture(name));

describe('Google Ads report reader', () => {
  it('reads the campaign report: title lines, period from the preamble, quoted thousands, " --", "< 10%"', async () => {
    const { result, rows } = await ingest('c.csv', fixture('google-campaign-en.csv'));
    expect(result).toMatchObject({ status: 'accepted', format: 'google-ads-csv', rows: 3, currency: 'GBP' });
    expect(result.totals).toEqual({ impressions: 1_234_667, clicks: 10_003, link_clicks: 10_003, engagements: 12_350, spend: 1235 });
    expect(rows.find((r) => r.campaign_name === 'Helpline, search')).toMatchObject({
      platform: 'google', granularity: 'period', date_start: '2026-01-01', date_end: '2026-01-31', breakdown: '', impressions: 1_234_567, spend_micros: 1_234_560_000,
    });
  });

  it('rejects a report whose rows do not add up to its Total row, with both numbers', async () => {
    const changed = text('google-campaign-en.csv').replace('Enabled,Helpline video, --,Video,100,', 'Enabled,Helpline video, --,Video,90,');
    const { result } = await ingest('c.csv', utf8(changed));
    expect(result.status).toBe('rejected');
    expect(result.errors).toEqual([{ row: 7, column: 'Impr.', reason: expect.stringMatching(/rows add up to 1,234,657 but the report's total row "Total: Campaigns" says 1,234,667/) }]);
  });

  it('reads UTF-16LE TAB-separated location reports; "Other locations" is ZZ; counties kept in region_name', async () => {
    const { result, rows } = await ingest('l.csv', fixture('google-location-utf16le.tsv'));
    expect(result).toMatchObject({ status: 'accepted', rows: 4, currency: 'USD' });
    expect(result.totals).toEqual({ impressions: 887_780, engagements: 15_258, spend: 1644.49 });
    expect(rows.map((r) => [r.region_name, r.region_code])).toEqual([
      ['Los Angeles County, California, United States', 'US-CA'],
      ['Atlanta, Georgia, United States', 'US-GA'],
      ['United States', 'US'],
      ['Other locations', 'ZZ'],
    ]);
    expect(new Set(rows.map((r) => r.breakdown))).toEqual(new Set(['region']));
  });

  it('reads the Dutch interface: localised title, headers with a soft hyphen, 1.053 and "1487,67"', async () => {
    const { result, rows } = await ingest('k.csv', fixture('google-keyword-nl.csv'));
    expect(result).toMatchObject({ status: 'accepted', rows: 2, currency: 'EUR' });
    expect(result.totals).toEqual({ impressions: 12_540, clicks: 1_056, link_clicks: 1_056, spend: 1490 });
    expect(rows[0]).toMatchObject({ date_start: '2026-03-01', date_end: '2026-03-31', ad_set_name: 'Utrecht', breakdown: 'keyword', clicks: 1053, spend_micros: 1_487_670_000 });
  });

  it('reads a daily user-location report: Day column, region and country columns disambiguate "Georgia"', async () => {
    const { result, rows } = await ingest('u.csv', fixture('google-daily-user-location.csv'));
    expect(result).toMatchObject({ status: 'accepted', rows: 3 });
    expect(rows.map((r) => [r.date_start, r.granularity, r.region_code]).sort()).toEqual([
      ['2026-03-02', 'day', 'US-GA'],
      ['2026-03-03', 'day', 'GE-TB'],
      ['2026-03-03', 'day', 'US-GA'],
    ]);
  });

  it('asks for the period of an "All time" report, and takes it when given', async () => {
    const refused = await ingest('a.csv', fixture('google-all-time.csv'));
    expect(refused.result.errors).toEqual([{ row: 2, column: '(report period)', reason: expect.stringMatching(/"All time" states no dates.*--period 2024-01-01\.\.2024-01-31/) }]);
    const { rows } = await ingest('a.csv', fixture('google-all-time.csv'), { period: '2025-01-01..2025-12-31' });
    expect(rows[0]).toMatchObject({ date_start: '2025-01-01', date_end: '2025-12-31', granularity: 'period' });
    const bad = await ingest('a.csv', fixture('google-all-time.csv'), { period: 'last year' });
    expect(bad.result.errors[0]).toMatchObject({ column: '(options)', reason: expect.stringMatching(/not FIRST\.\.LAST/) });
  });

  it('refuses a report without a currency column unless the caller passes one', async () => {
    const csv = 'Campaign report\n1 Jan 2026 - 31 Jan 2026\nCampaign,Impr.,Cost\nHelpline,10,1.00\n';
    const refused = await ingest('n.csv', utf8(csv));
    expect(refused.result.errors).toEqual([{ row: 1, column: 'Currency code', reason: expect.stringMatching(/no "Currency code" column: the file states no currency/) }]);
    expect((await ingest('n.csv', utf8(csv), { currency: 'gbp' })).result).toMatchObject({ status: 'accepted', currency: 'GBP' });
  });
});
