import { describe, expect, it } from 'vitest';
import { fixture, ingest, utf8 } from './helpers.ts';

describe('Meta Marketing API insights JSON reader', () => {
  it('reads data[] with account_currency, a region breakdown, actions[] and a next page link', async () => {
    const { result, rows } = await ingest('insights.json', fixture('meta-insights-region.json'));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-insights-json', rows: 2, currency: 'KES' });
    expect(result.totals).toEqual({ impressions: 1520, reach: 1220, clicks: 40, link_clicks: 30, engagements: 55, video_views: 400, spend: 355 });
    expect(rows.map((r) => [r.region_code, r.campaign_name, r.campaign_ref, r.breakdown])).toEqual([
      ['KE-30', 'Kenya helpline', '120200000000009', 'region'],
      ['ZZ', 'Kenya helpline', '120200000000009', 'region'],
    ]);
  });

  it('treats fields missing on a zero-delivery day as empty, and takes the currency from the caller', async () => {
    const { result, rows } = await ingest('campaign_123.json', fixture('meta-insights-zero-day.json'), { currency: 'GBP' });
    expect(result).toMatchObject({ status: 'accepted', rows: 2, currency: 'GBP' });
    expect(result.totals).toEqual({ impressions: 1000, reach: 900, clicks: 12, link_clicks: 9, spend: 10.5 });
    expect(rows.find((r) => r.date_start === '2026-03-03')).toMatchObject({ campaign_name: 'campaign_123', impressions: 0, spend_micros: null, link_clicks: 0 });
  });

  it('rejects broken JSON, an unknown JSON shape, an empty data[] and a bad number, naming where', async () => {
    expect((await ingest('x.json', utf8('{"data": ['), { currency: 'GBP' })).result.errors[0]!.reason).toMatch(/not valid JSON/);
    expect((await ingest('x.json', utf8('{"error": {"message": "expired"}}'))).result.errors[0]!.reason).toMatch(
      /unrecognised JSON file: found keys \["error"\]; known formats: .*meta-insights-json/,
    );
    expect((await ingest('x.json', utf8('{"data": []}'), { currency: 'GBP' })).result.errors[0]).toMatchObject({ column: 'data', reason: expect.stringMatching(/empty/) });
    const bad = JSON.stringify({ data: [{ date_start: '2026-03-02', date_stop: '2026-03-02', impressions: '1O0', account_currency: 'EUR' }] });
    expect((await ingest('x.json', utf8(bad))).result.errors).toEqual([{ row: 1, column: 'impressions', reason: '"1O0" is not a number' }]);
  });
});
