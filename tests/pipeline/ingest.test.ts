import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url)));
const TODAY = '2026-11-27';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

/** Partner counts as readers see them: newest live upload per period key. */
const demandRows = () => readCurrentRows(store, SERVICE_DEMAND);

describe('ingest: Meta Ads Manager export', () => {
  it('detects the format, resolves regions, keeps spend exact and writes month partitions', async () => {
    // Prepare / Act
    const r = await ingestFile(store, 'meta.csv', fixture('meta-daily-region.csv'), { today: TODAY });
    // Assess
    expect(r.status).toBe('accepted');
    expect(r.format).toBe('meta-ads-csv');
    expect(r.rows).toBe(4);
    expect(r.totals).toEqual({ impressions: 4550, reach: 3445, clicks: 55, link_clicks: 42, results: 1, spend: 22.9 });
    expect(r.currency).toBe('GBP');
    // One new file per month of the upload, named by the upload; then the commit in the upload log.
    expect(await keysUnder(store, 'curated/ad_delivery_versions/')).toEqual([`curated/ad_delivery_versions/month=2026-03/${r.uploadId}.parquet`]);
    expect(await keysUnder(store, 'curated/upload_events/')).toEqual([expect.stringMatching(new RegExp(`^curated/upload_events/dataset=ad_delivery/${r.uploadId}\\.commit\\.uploads\\.[0-9a-f]{16}\\.parquet$`))]);
    expect(await keysUnder(store, 'raw/')).toHaveLength(1);
  });

  it('rejects the whole file, lists every bad row with column and reason, and loads nothing', async () => {
    const r = await ingestFile(store, 'bad.csv', fixture('meta-bad-rows.csv'), { today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toBe(3);
    expect(r.errors).toEqual([
      { row: 3, column: 'Region', reason: expect.stringMatching(/unknown region "Fenlandia".*region-aliases.json/) },
      { row: 4, column: 'Impressions', reason: '"12x4" is not a number' },
      { row: 5, column: 'Amount spent (GBP)', reason: expect.stringMatching(/row has 8 cells but the header has 9/) },
    ]);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
    // The raw upload stays exactly as received, and the rejection is kept with its reasons.
    const [raw] = await keysUnder(store, 'raw/');
    expect(await store.get(raw!)).toEqual(fixture('meta-bad-rows.csv'));
    const q = JSON.parse(new TextDecoder().decode(await store.get(r.quarantineKey!)));
    expect(q.errors).toHaveLength(3);
    expect(q.rawKey).toBe(raw);
  });

  it('rejects an unrecognised file naming the headers it found and the formats it knows', async () => {
    const r = await ingestFile(store, 'x.csv', new TextEncoder().encode('foo,bar\n1,2\n'), { today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.errors[0]!.reason).toMatch(/unrecognised file: found headers \["foo","bar"\]; known formats: meta-ads-csv, partner-csv/);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });

  it('rejects an empty file and a missing required column', async () => {
    const empty = await ingestFile(store, 'empty.csv', new Uint8Array(), { today: TODAY });
    expect(empty.errors[0]!.reason).toMatch(/empty/);
    const missing = await ingestFile(store, 'm.csv', new TextEncoder().encode('Reporting starts,Amount spent (GBP)\n2026-03-02,1\n'), { today: TODAY });
    expect(missing.errors.map((e) => e.column)).toEqual(['Reporting ends', 'Campaign name', 'Impressions']);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });

  it('does not double count when the same object is ingested twice', async () => {
    const first = await ingestFile(store, 'meta.csv', fixture('meta-daily-region.csv'), { today: TODAY });
    const again = await ingestObject(store, first.rawKey, { today: TODAY });
    const copy = await ingestFile(store, 'copy-of-meta.csv', fixture('meta-daily-region.csv'), { today: TODAY });
    expect(again.duplicate).toBe(true);
    expect(copy.duplicate).toBe(true);
    expect(copy.duplicateOf?.uploadId).toBe(first.uploadId);
    expect(await keysUnder(store, 'curated/ad_delivery_versions/')).toHaveLength(1);
  });
});

describe('ingest: partner counts', () => {
  it('accepts the template with ISO or named regions and DD/MM/YYYY dates', async () => {
    const r = await ingestFile(store, 'counts.csv', fixture('partner-weekly.csv'), { partnerId: 'fenland-helpline', today: TODAY });
    expect(r.status).toBe('accepted');
    expect(r.totals).toEqual({ helpline_calls: 17, referrals: 2 });
    const rows = await demandRows();
    expect(rows).toHaveLength(4);
    expect(rows.find((x) => x.channel === 'referrals')).toMatchObject({ period_start: '2026-03-02', period_days: 7, region_code: 'GB-CAM', count: 2 });
  });

  it('refuses negative counts, future dates, unknown regions and periods, and fractions, loading nothing', async () => {
    const r = await ingestFile(store, 'bad.csv', fixture('partner-bad.csv'), { partnerId: 'fenland-helpline', today: TODAY });
    expect(r.status).toBe('rejected');
    // The English reason as before; the code and parameters beside it let a page translate it.
    expect(r.errors).toMatchObject([
      { row: 2, column: 'count', reason: '"-3" is negative: counts must be 0 or more' },
      { row: 3, column: 'period_start', reason: '2099-01-05 is in the future' },
      { row: 4, column: 'region', reason: expect.stringMatching(/unknown region "Atlantis"/) },
      { row: 4, column: 'period', reason: '"fortnight" is not a period: write day or week' },
      { row: 4, column: 'count', reason: '"2.5" is not a whole number' },
    ]);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });

  it('refuses columns that look like personal data', async () => {
    const r = await ingestFile(store, 'p.csv', fixture('partner-personal-data.csv'), { partnerId: 'fenland-helpline', today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => e.column)).toEqual(['caller phone', 'Name']);
    expect(r.errors[0]!.reason).toMatch(/personal data: only aggregate counts/);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });

  it('refuses a partner column that does not match the uploading partner', async () => {
    const r = await ingestFile(store, 'c.csv', fixture('partner-weekly.csv'), { partnerId: 'someone-else', today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'partner' });
  });

  it('replaces the earlier count of the same partner, site, channel and period on a corrected re-upload', async () => {
    await ingestFile(store, 'counts.csv', fixture('partner-weekly.csv'), { partnerId: 'fenland-helpline', today: TODAY });
    const corrected = 'region,location,week_start,channel,count\nGB-CAM,Wisbech,2026-03-09,helpline_calls,30\n';
    const r = await ingestFile(store, 'fix.csv', new TextEncoder().encode(corrected), { partnerId: 'fenland-helpline', today: TODAY });
    expect(r).toMatchObject({ status: 'accepted', rows: 1, replaced: 1, replacedPeriods: ['2026-03-09'] });
    const calls = (await demandRows()).filter((x) => x.channel === 'helpline_calls').sort((a, b) => String(a.period_start).localeCompare(String(b.period_start)));
    // Week of 9 March replaced (3 -> 30); the other weeks and the referrals channel untouched.
    expect(calls.map((x) => [x.period_start, x.count])).toEqual([
      ['2026-03-02', 14],
      ['2026-03-09', 30],
      ['2026-03-16', 0],
    ]);
    expect((await demandRows()).filter((x) => x.channel === 'referrals')).toHaveLength(1);
  });

  it('keeps partners apart: one partner never replaces another', async () => {
    await ingestFile(store, 'a.csv', fixture('partner-weekly.csv'), { partnerId: 'fenland-helpline', today: TODAY });
    const other = 'region,week_start,channel,count\nGB-CAM,2026-03-09,helpline_calls,5\n';
    await ingestFile(store, 'b.csv', new TextEncoder().encode(other), { partnerId: 'wisbech-dropin', today: TODAY });
    const rows = (await demandRows()).filter((x) => x.period_start === '2026-03-09');
    expect(rows.map((x) => [x.partner_id, x.count]).sort()).toEqual([
      ['fenland-helpline', 3],
      ['wisbech-dropin', 5],
    ]);
  });
});
