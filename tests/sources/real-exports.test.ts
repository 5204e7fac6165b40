import { describe, expect, it } from 'vitest';
import { ingest, sample, utf16le, utf8 } from './helpers.ts';

/**
 * The real exports in ../shared/samples/exports/ (see its SOURCES.md), ingested without
 * --format. Expected totals were summed independently with a small Python csv/json script and,
 * for Google, agree with the report's own first Total row (quoted in each test).
 */
const text = (name: string): string => new TextDecoder().decode(sample(name));
const utf16Text = (name: string): string => new TextDecoder('utf-16le').decode(sample(name));
/** Replace exactly one occurrence, so a corrupted copy differs from the real file in one place only. */
function once(s: string, from: string, to: string): string {
  expect(s.split(from)).toHaveLength(2);
  return s.replace(from, to);
}

describe('real Meta Ads Manager exports', () => {
  const AD = 'meta_adsmanager_ad_level_gbp.csv';
  it('ad level, lifetime range, GBP only in the spend header, quoted comma header, CRLF, no final newline', async () => {
    const { result, rows } = await ingest(AD, sample(AD));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-ads-csv', rows: 4, currency: 'GBP' });
    expect(result.totals).toEqual({ impressions: 4_829_896, reach: 3_009_376, clicks: 113_129, link_clicks: 88_944, results: 4_850, spend: 55_290.69 });
    expect(rows.map((r) => [r.granularity, r.date_start, r.date_end])).toEqual(Array(4).fill(['period', '2021-12-08', '2025-01-08']));
    expect(rows.find((r) => r.ad_name === 'a12d9465-dfcb-4ff6-b53f-96d96e36b979')).toMatchObject({ ad_set_name: 'Napkin Ads - New next 1', spend_micros: 146_310_000 });
  });

  it('rejects corrupted copies naming row and column', async () => {
    const cut = once(text(AD), ',2021-12-08,2025-01-08\r\nCA - New  Page - New Ads,New Text 3', ',2021-12-08\r\nCA - New  Page - New Ads,New Text 3');
    expect((await ingest(AD, utf8(cut))).result.errors).toEqual([{ row: 2, column: 'Reporting ends', reason: expect.stringMatching(/25 cells but the header has 26/) }]);
    const letters = once(text(AD), ',1281323,', ',128l323,');
    expect((await ingest(AD, utf8(letters))).result.errors).toEqual([{ row: 3, column: 'Impressions', reason: '"128l323" is not a number' }]);
  });

  const ADSET = 'meta_adsmanager_adset_daily_age_gender.csv';
  it('ad set x day x age x gender, no campaign or spend column: ad set names the campaign, no currency needed', async () => {
    // No money column, so no currency is asked for: it ingests with no options.
    const { result, rows } = await ingest(ADSET, sample(ADSET));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-ads-csv', rows: 144 });
    expect(rows.every((r) => r.currency === '' && r.spend_micros === null)).toBe(true);
    // A currency given anyway is kept (Le Mauricien Ltd's account is in MUR).
    expect((await ingest(ADSET, sample(ADSET), { currency: 'MUR' })).result).toMatchObject({ status: 'accepted', currency: 'MUR' });
    expect(result.totals).toEqual({ impressions: 149_829, reach: 139_406, clicks: 5_967, video_views: 13_499, engagements: 74_639 });
    expect(new Set(rows.map((r) => r.campaign_name))).toEqual(new Set(['Video views Ad: L’extraordinaire devient possible au Centre...']));
    expect(new Set(rows.map((r) => `${r.breakdown}|${r.granularity}`))).toEqual(new Set(['age,gender|day']));
    expect(new Set(rows.map((r) => r.date_start)).size).toBe(8);
    // Empty ThruPlays is null, not 0.
    expect(rows.find((r) => r.date_start === '2025-06-20' && r.age === '65+' && r.gender === 'unknown')).toMatchObject({ impressions: 4, video_views: null, engagements: 3 });
  });

  it('rejects corrupted copies of the ad set export naming row and column', async () => {
    const lines = text(ADSET).split('\n');
    lines[4] = lines[4]!.replace(/,\d+$/, '');
    expect((await ingest(ADSET, utf8(lines.join('\n')), { currency: 'MUR' })).result.errors).toEqual([
      { row: 5, column: 'Post engagements', reason: expect.stringMatching(/9 cells but the header has 10/) },
    ]);
    const letters = text(ADSET).replace(/(\n2025-06-20,2025-06-20,"[^"]*",65\+,male,)606,/, '$1six hundred,');
    expect((await ingest(ADSET, utf8(letters), { currency: 'MUR' })).result.errors).toEqual([{ row: 3, column: 'Impressions', reason: '"six hundred" is not a number' }]);
  });
});

describe('real Meta Marketing API insights JSON', () => {
  const JSON_FILE = 'meta_insights_api_campaign_daily.json';
  it('numbers as strings, actions[] by type, zero-delivery days, paging; no spend, so no currency needed', async () => {
    const { result, rows } = await ingest(JSON_FILE, sample(JSON_FILE));
    expect(result).toMatchObject({ status: 'accepted', format: 'meta-insights-json', rows: 7 });
    expect(rows.every((r) => r.currency === '' && r.spend_micros === null)).toBe(true);
    // With spend in the response, a currency is required again.
    const withSpend = once(text(JSON_FILE), '"impressions": "36127"', '"impressions": "36127", "spend": "12.50"');
    expect((await ingest(JSON_FILE, utf8(withSpend))).result.errors).toEqual([{ row: 1, column: 'account_currency', reason: expect.stringMatching(/fields=account_currency.*--currency/) }]);
    expect((await ingest(JSON_FILE, sample(JSON_FILE), { currency: 'USD' })).result).toMatchObject({ status: 'accepted', currency: 'USD' });
    expect(result.totals).toEqual({ impressions: 205_191, reach: 103_895, clicks: 3_961, link_clicks: 2_269, engagements: 2_356 });
    expect(rows.every((r) => r.granularity === 'day' && r.date_start === r.date_end)).toBe(true);
    // No campaign field was requested: the file name (the tools name it after the campaign) stands in.
    expect(rows[0]!.campaign_name).toBe('meta_insights_api_campaign_daily');
    // 29 July: no delivery, no link_click action: 0 link clicks, not unknown.
    expect(rows.find((r) => r.date_start === '2025-07-29')).toMatchObject({ impressions: 0, link_clicks: 0, engagements: 0 });
  });

  it('rejects corrupted copies naming row and column', async () => {
    const cut = once(text(JSON_FILE), '"date_stop": "2025-07-30"', '"date_stop": ""');
    expect((await ingest(JSON_FILE, utf8(cut), { currency: 'USD' })).result.errors).toEqual([{ row: 3, column: 'date_stop', reason: 'date is empty' }]);
    const letters = once(text(JSON_FILE), '"impressions": "36127"', '"impressions": "36l27"');
    expect((await ingest(JSON_FILE, utf8(letters), { currency: 'USD' })).result.errors).toEqual([{ row: 3, column: 'impressions', reason: '"36l27" is not a number' }]);
  });
});

describe('real Google Ads UI reports', () => {
  const CAMPAIGN = 'google_ads_campaign_report_en_utf8.csv';
  const ALL_TIME = { period: '2024-01-01..2024-12-31' };
  it('campaign report: "All time" needs the period; quoted thousands, " --", "< 10%"; matches "Total: Campaigns"', async () => {
    const refused = await ingest(CAMPAIGN, sample(CAMPAIGN));
    expect(refused.result.errors).toEqual([{ row: 2, column: '(report period)', reason: expect.stringMatching(/"All time" states no dates.*--period/) }]);
    const { result, rows } = await ingest(CAMPAIGN, sample(CAMPAIGN), ALL_TIME);
    expect(result).toMatchObject({ status: 'accepted', format: 'google-ads-csv', rows: 12, currency: 'USD' });
    // Total: Campaigns -> Impr. "14,117,313", Interactions "283,527", Cost 199421.15, Clicks "167,739"
    expect(result.totals).toEqual({ impressions: 14_117_313, clicks: 167_739, link_clicks: 167_739, engagements: 283_527, spend: 199_421.15 });
    expect(rows.every((r) => r.granularity === 'period' && r.date_start === '2024-01-01' && r.date_end === '2024-12-31')).toBe(true);
    expect(rows.find((r) => r.campaign_name === 'Deck, siding & other_Remarketing_RSL')).toMatchObject({ impressions: 2_472_851, spend_micros: 3_296_570_000 });
  });

  it('rejects corrupted copies of the campaign report naming row and column', async () => {
    const total = once(text(CAMPAIGN), 'Total: Campaigns, --, --, --, --, --,, --,"14,117,313"', 'Total: Campaigns, --, --, --, --, --,, --,"14,117,314"');
    expect((await ingest(CAMPAIGN, utf8(total), ALL_TIME)).result.errors).toEqual([
      { row: 16, column: 'Impr.', reason: expect.stringMatching(/rows add up to 14,117,313 but .*"Total: Campaigns" says 14,117,314/) },
    ]);
    const cut = once(text(CAMPAIGN), ',22.00,122.34\n', ',22.00\n');
    expect((await ingest(CAMPAIGN, utf8(cut), ALL_TIME)).result.errors).toEqual([{ row: 4, column: 'Cost / conv.', reason: expect.stringMatching(/23 cells but the header has 24/) }]);
    const letters = once(text(CAMPAIGN), ',3296.57,', ',3296.5O,');
    expect((await ingest(CAMPAIGN, utf8(letters), ALL_TIME)).result.errors).toEqual([{ row: 5, column: 'Cost', reason: '"3296.5O" is not an amount' }]);
  });

  const LOCATION = 'google_ads_location_report_utf16le_tsv.csv';
  it('location report: UTF-16LE, TAB, "County, State, Country" places; matches "Total: Locations"', async () => {
    const { result, rows } = await ingest(LOCATION, sample(LOCATION), ALL_TIME);
    expect(result).toMatchObject({ status: 'accepted', format: 'google-ads-csv', rows: 19, currency: 'USD' });
    // Total: Locations -> Impr. "1,498,327", Interactions "34,481", Cost 25409.05
    expect(result.totals).toEqual({ impressions: 1_498_327, engagements: 34_481, spend: 25_409.05 });
    const la = rows.find((r) => r.region_name === 'Los Angeles County, California, United States' && r.campaign_name === 'Campaign #1');
    expect(la).toMatchObject({ region_code: 'US-CA', breakdown: 'region', impressions: 838_251, spend_micros: 1_520_240_000 });
    expect(rows.find((r) => r.region_name === 'Atlanta, Georgia, United States')!.region_code).toBe('US-GA');
    expect(rows.find((r) => r.region_name === 'United States')!.region_code).toBe('US');
    const byRegion = new Map<string, number>();
    for (const r of rows) byRegion.set(String(r.region_code), (byRegion.get(String(r.region_code)) ?? 0) + Number(r.impressions));
    expect(Object.fromEntries(byRegion)).toEqual({ 'US-CA': 1_386_224, 'US-GA': 61_809, 'US-NY': 98, US: 50_196 });
  });

  it('rejects corrupted copies of the UTF-16 location report naming row and column', async () => {
    const total = once(utf16Text(LOCATION), 'Total: Locations\t\t"1,498,327"', 'Total: Locations\t\t"1,498,000"');
    expect((await ingest(LOCATION, utf16le(total), ALL_TIME)).result.errors).toEqual([
      { row: 23, column: 'Impr.', reason: expect.stringMatching(/rows add up to 1,498,327 but .* says 1,498,000/) },
    ]);
    const cut = once(utf16Text(LOCATION), '\t135.98%\t"19,650.01"\t0.08\n', '\t135.98%\n');
    expect((await ingest(LOCATION, utf16le(cut), ALL_TIME)).result.errors).toEqual([{ row: 4, column: 'Conversions', reason: expect.stringMatching(/9 cells but the header has 11/) }]);
    const letters = once(utf16Text(LOCATION), '"127,546"', '"127,5x6"');
    expect((await ingest(LOCATION, utf16le(letters), ALL_TIME)).result.errors).toEqual([{ row: 6, column: 'Impr.', reason: '"127,5x6" is not a number' }]);
  });

  const KEYWORD = 'google_ads_keyword_report_nl_locale.csv';
  it('Dutch keyword report: period from "9 mei 2020 - 7 juni 2020", 1.696 and 1487,67; matches its first Totaal row', async () => {
    const { result, rows } = await ingest(KEYWORD, sample(KEYWORD));
    expect(result).toMatchObject({ status: 'accepted', format: 'google-ads-csv', rows: 5769, currency: 'EUR' });
    // "Totaal: Alle zoekwoorden, behalve de verwijderde" -> 1.696 clicks, 18.914 impressions, "1487,67" cost
    expect(result.totals).toEqual({ impressions: 18_914, clicks: 1_696, link_clicks: 1_696, spend: 1_487.67 });
    expect(rows.every((r) => r.date_start === '2020-05-09' && r.date_end === '2020-06-07' && r.granularity === 'period')).toBe(true);
    expect(rows.some((r) => r.impressions === 1053)).toBe(true);
  });

  it('rejects corrupted copies of the Dutch report naming row and column', async () => {
    const total = once(text(KEYWORD), '"Totaal: Alle zoekwoorden, behalve de verwijderde",,,,EUR,,,,,,,1.696,18.914,"8,97%","0,88","1487,67"', '"Totaal: Alle zoekwoorden, behalve de verwijderde",,,,EUR,,,,,,,1.696,18.914,"8,97%","0,88","1487,76"');
    expect((await ingest(KEYWORD, utf8(total))).result.errors).toEqual([{ row: 5773, column: 'Kosten', reason: expect.stringMatching(/rows add up to 1487.67 but .* says 1487.76/) }]);
    const lines = text(KEYWORD).split('\n');
    lines[3] = lines[3]!.replace(/,[^,]*$/, '');
    expect((await ingest(KEYWORD, utf8(lines.join('\n')))).result.errors).toEqual([
      { row: 4, column: 'Erv. op bestemmingspagina', reason: expect.stringMatching(/25 cells but the header has 26/) },
    ]);
    const letters = text(KEYWORD).replace(/^(([^\n]*\n){4}(?:[^,]*,){12})0,/, '$1O,');
    expect((await ingest(KEYWORD, utf8(letters))).result.errors).toEqual([{ row: 5, column: 'Vertoningen', reason: '"O" is not a number' }]);
  });
});
