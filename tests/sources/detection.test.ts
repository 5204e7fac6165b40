import { describe, expect, it } from 'vitest';
import { fixture, ingest, utf16le, utf8 } from './helpers.ts';

describe('format detection from content', () => {
  it.each([
    ['meta-daily-region.csv', 'meta-ads-csv'],
    ['meta-nl.csv', 'meta-ads-csv'],
    ['google-campaign-en.csv', 'google-ads-csv'],
    ['google-keyword-nl.csv', 'google-ads-csv'],
    ['google-location-utf16le.tsv', 'google-ads-csv'],
    ['tiktok-daily-subregion.csv', 'tiktok-ads-csv'],
    ['meta-insights-region.json', 'meta-insights-json'],
    ['partner-weekly.csv', 'partner-csv'],
  ])('%s is read as %s without --format', async (name, format) => {
    // Partner counts are uploaded as a partner; ad exports by the campaigns team.
    const { result } = await ingest(name, fixture(name), format === 'partner-csv' ? { partnerId: 'fenland-helpline' } : {});
    expect(result).toMatchObject({ status: 'accepted', format });
  });

  it('refuses an ad export uploaded as a partner: it would replace the campaign\'s ad delivery', async () => {
    const { result, curated } = await ingest('meta-daily-region.csv', fixture('meta-daily-region.csv'), { partnerId: 'fenland-helpline' });
    expect(result.status).toBe('rejected');
    expect(result.errors[0]!.reason).toMatch(/not service counts: partner fenland-helpline can upload counts only/);
    expect(curated).toEqual([]);
  });

  it('detects a semicolon-separated export', async () => {
    const csv = 'Reporting starts;Reporting ends;Campaign name;Impressions;Amount spent (EUR)\n2026-03-02;2026-03-02;C;10;"1,50"\n';
    const { result } = await ingest('s.csv', utf8(csv));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-ads-csv', totals: { impressions: 10, spend: 1.5 } });
  });

  it('--format forces a reader, and names what the file lacks for it', async () => {
    const { result } = await ingest('g.csv', fixture('google-campaign-en.csv'), { format: 'tiktok-ads-csv' });
    expect(result).toMatchObject({ status: 'rejected', format: 'tiktok-ads-csv' });
    expect(result.errors.map((e) => e.column)).toContain('Impressions');
    const google = await ingest('g.csv', fixture('google-campaign-en.csv'), { format: 'google-ads-csv' });
    expect(google.result).toMatchObject({ status: 'accepted', rows: 3 });
  });

  it('rejects unrecognised files listing the header row it found (not a title line) and the known formats', async () => {
    const titled = await ingest('x.csv', utf16le('Kampagnenbericht\r\nAlle Zeiträume\r\nKampagne\tImpr.\tKosten\r\nA\t1\t2\r\n'));
    expect(titled.result.errors).toEqual([
      { row: 1, column: '(header)', reason: expect.stringMatching(/unrecognised file: found headers \["Kampagne","Impr.","Kosten"\]; known formats: meta-ads-csv, partner-csv, google-ads-csv, tiktok-ads-csv, meta-insights-json/) },
    ]);
    const bytes = await ingest('x.csv', new Uint8Array([0x61, 0x0a, 0xe9, 0x0a]));
    expect(bytes.result.errors[0]!.reason).toMatch(/not UTF-8/);
  });
});
