/**
 * The append-only lake as users meet it: corrections, second sites, identical files from two
 * partners, withdraw and reprocess. Every figure is checked with SQL through DuckDB (the tables
 * users and reports query), and where it matters also through the TypeScript read path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { listUploads, previewWithdraw, reprocessUpload, withdrawUpload } from '../../shared/pipeline/manage-uploads.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

const TODAY = '2026-11-27';
const utf8 = (s: string) => new TextEncoder().encode(s);
let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(() => cleanup());

/** Weeks from 5 January 2026 on, as the template writes them. */
const week = (i: number) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10);
const csv = (rows: [string, string, number][], location = 'Wisbech') =>
  utf8(`region,location,week_start,channel,count\n${rows.map(([w, ch, n]) => `GB-CAM,${location},${w},${ch},${n}`).join('\n')}\n`);
const upload = (name: string, bytes: Uint8Array, partnerId = 'fenland-helpline') => ingestFile(store, name, bytes, { partnerId, today: TODAY });

/** What a report reads: SUM(count) per partner, location and week, through the service_demand view. */
async function sql(query: string, params: (string | number)[] = []) {
  const engine = await DuckDbEngine.open(store);
  try {
    return await engine.query(query, params);
  } finally {
    await engine.close();
  }
}
const weeks = async (partner = 'fenland-helpline') =>
  (await sql(`SELECT location, CAST(period_start AS VARCHAR) AS w, count FROM service_demand WHERE partner_id = ? ORDER BY location, w`, [partner])).map(
    (r) => [r.location, r.w, r.count],
  );

describe('corrections replace exactly the periods they contain', () => {
  it('a two-row correction (one fixed week, one new week) keeps the other 29 of 31 weeks', async () => {
    const original = Array.from({ length: 31 }, (_, i) => [week(i), 'helpline_calls', 10] as [string, string, number]);
    await upload('year.csv', csv(original));
    const fix = await upload('fix.csv', csv([[week(3), 'helpline_calls', 12], [week(31), 'helpline_calls', 9]]));
    expect(fix).toMatchObject({ status: 'accepted', rows: 2, replaced: 1, replacedPeriods: [week(3)] });
    const rows = await weeks();
    expect(rows).toHaveLength(32);
    expect(rows.filter((r) => r[2] !== 10)).toEqual([['Wisbech', week(3), 12], ['Wisbech', week(31), 9]]);
    // Sending the original again is a new upload that wins again, not "unchanged".
    const again = await upload('year.csv', csv(original));
    expect(again).toMatchObject({ duplicate: false, replaced: 31 });
    expect((await weeks()).filter((r) => r[2] !== 10)).toEqual([['Wisbech', week(31), 9]]);
    // ...and only now is a repeat of it unchanged.
    expect(await upload('year-copy.csv', csv(original))).toMatchObject({ duplicate: true, duplicateOf: { uploadId: again.uploadId } });
  });

  it('counts every replaced figure of a wide sheet, where one row holds several channels', async () => {
    const wide = (calls: number, referrals: number) => utf8(`Week commencing,Area,Helpline calls,Referrals\n02/03/2026,GB-CAM,${calls},${referrals}\n09/03/2026,GB-CAM,5,1\n`);
    expect(await upload('wide.csv', wide(14, 2))).toMatchObject({ status: 'accepted', rows: 4, replaced: 0 });
    const fix = await upload('wide-fixed.csv', wide(15, 3));
    expect(fix).toMatchObject({ status: 'accepted', rows: 4, replaced: 4, replacedPeriods: ['2026-03-02', '2026-03-09'] });
  });

  it('a file for a second site (or one typed week) never deletes another site\'s counts', async () => {
    await upload('wisbech.csv', csv([[week(0), 'helpline_calls', 14], [week(1), 'helpline_calls', 3]], 'Wisbech'));
    await upload('march.csv', csv([[week(1), 'helpline_calls', 5]], 'March'));
    expect(await weeks()).toEqual([
      ['March', week(1), 5],
      ['Wisbech', week(0), 14],
      ['Wisbech', week(1), 3],
    ]);
  });

  it('identical files from two partners both land, and the second answer says nothing of the first', async () => {
    const bytes = csv([[week(0), 'helpline_calls', 7]]);
    const a = await upload('week.csv', bytes, 'fenland-helpline');
    const b = await upload('week.csv', bytes, 'wisbech-dropin');
    expect([a.duplicate, b.duplicate]).toEqual([false, false]);
    expect(b).toMatchObject({ status: 'accepted', replaced: 0 });
    expect(b.duplicateOf).toBeUndefined();
    expect(await sql('SELECT partner_id, count FROM service_demand ORDER BY partner_id')).toEqual([
      { partner_id: 'fenland-helpline', count: 7 },
      { partner_id: 'wisbech-dropin', count: 7 },
    ]);
  });

  it('rejects a row repeated inside one file with both row numbers, instead of adding 7 + 7', async () => {
    const r = await upload('twice.csv', csv([[week(0), 'helpline_calls', 7], [week(1), 'referrals', 2], [week(0), 'helpline_calls', 7]]));
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ row: 4, column: '(row)', reason: expect.stringMatching(/^row 4 has the same region, location, channel and period as row 2/) }]);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });

  it('lists repeated rows (found once every key is in) among the other bad rows, in row order', async () => {
    // Rows 2-7: a bad count on 3, a repeat of row 2 on 4, a bad count on 5, row 2's key twice more on 6 and 7.
    const r = await upload('mixed.csv', csv([[week(0), 'helpline_calls', 7], [week(1), 'referrals', -1], [week(0), 'helpline_calls', 8], [week(2), 'referrals', -2], [week(0), 'helpline_calls', 9], [week(0), 'helpline_calls', 9]]));
    expect(r.status).toBe('rejected');
    expect(r.rejected).toBe(5);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'count'], [4, '(row)'], [5, 'count'], [6, '(row)'], [7, '(row)']]);
    expect(r.errors.filter((e) => e.column === '(row)').map((e) => e.reason.split(' has ')[0])).toEqual(['row 4', 'row 6', 'row 7']);
    expect(r.errors.filter((e) => e.column === '(row)').every((e) => / as row 2: /.test(e.reason))).toBe(true);
    expect(await keysUnder(store, 'curated/')).toEqual([]);
  });
});

describe('withdraw and reprocess', () => {
  it('withdrawing a correction brings the earlier counts back; the original can be withdrawn too', async () => {
    const first = await upload('a.csv', csv([[week(0), 'helpline_calls', 10], [week(1), 'helpline_calls', 11]]));
    const fix = await upload('b.csv', csv([[week(1), 'helpline_calls', 99], [week(2), 'helpline_calls', 12]]));
    expect(await previewWithdraw(store, fix.uploadId)).toMatchObject({ rows: 2, restored: 1, removed: 1 });
    // A partner can only withdraw its own uploads.
    await expect(withdrawUpload(store, fix.uploadId, { owner: 'wisbech-dropin', by: 'wisbech-dropin' })).rejects.toThrow(/among your uploads/);
    await withdrawUpload(store, fix.uploadId, { by: 'test' });
    expect(await weeks()).toEqual([['Wisbech', week(0), 10], ['Wisbech', week(1), 11]]);
    await withdrawUpload(store, first.uploadId, { by: 'test' });
    expect(await weeks()).toEqual([]);
    const listed = await listUploads(store, { owner: 'fenland-helpline' });
    expect(listed.map((u) => [u.uploadId, u.status])).toEqual([
      [fix.uploadId, 'withdrawn'],
      [first.uploadId, 'withdrawn'],
    ]);
    await expect(withdrawUpload(store, first.uploadId, { by: 'test' })).rejects.toThrow(/already withdrawn/);
  });

  it('reprocessing after a region alias was added reads the raw file again as a new version', async () => {
    const bytes = utf8('region,location,week_start,channel,count\nFenland District,Wisbech,2026-03-02,helpline_calls,14\n');
    expect((await upload('fenland.csv', bytes)).status).toBe('rejected');
    await store.put('config/region-aliases.json', JSON.stringify({ 'Fenland District': 'GB-CAM' }));
    const accepted = await upload('fenland.csv', bytes);
    expect(accepted.status).toBe('accepted');
    // The alias is corrected to the right county; reprocess picks it up and supersedes the old version.
    await store.put('config/region-aliases.json', JSON.stringify({ 'Fenland District': 'GB-CMA' }));
    const again = await reprocessUpload(store, accepted.uploadId);
    expect(again.status).toBe('accepted');
    expect(await sql('SELECT region_code, count FROM service_demand')).toEqual([{ region_code: 'GB-CMA', count: 14 }]);
    const statuses = (await listUploads(store)).map((u) => [u.status, u.reason]);
    expect(statuses).toEqual([
      ['live', `reprocessed ${accepted.uploadId}`],
      ['withdrawn', `reprocessed as ${again.uploadId}`],
      ['rejected', expect.stringMatching(/unknown region "Fenland District"/)],
    ]);
  });
});

describe('reads agree', () => {
  it('the TypeScript read path gives the same rows as the SQL views', async () => {
    await upload('a.csv', csv([[week(0), 'helpline_calls', 10], [week(1), 'helpline_calls', 11]]));
    await upload('b.csv', csv([[week(1), 'helpline_calls', 5]]));
    await upload('c.csv', csv([[week(1), 'helpline_calls', 6]], 'March'));
    const ts = (await readCurrentRows(store, SERVICE_DEMAND)).map((r) => [r.location, r.period_start, r.count]).sort();
    expect(ts).toEqual((await weeks()).sort());
  });
});
