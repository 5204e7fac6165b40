import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalApp } from '../../shared/portal/app.ts';
import { exampleTemplate } from '../../shared/portal/template.ts';
import { keysUnder } from '../support/temp-store.ts';
import { wideSheet, workbook } from '../sources/support/workbooks.ts';
import { fileForm, portalLake } from './support/portal-lake.ts';

type Lake = Awaited<ReturnType<typeof portalLake>>;
const NOW = new Date('2026-11-27T12:00:00Z');

describe('portal JSON API', () => {
  let lake: Lake;
  let app: ReturnType<typeof createPortalApp>;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const upload = (token: string, name: string, content: string | Uint8Array) =>
    app.request('/api/uploads', { method: 'POST', headers: bearer(token), body: fileForm(name, content) });
  const curated = () => keysUnder(lake.store, 'curated/service_demand_versions/');

  beforeAll(async () => {
    // Prepare: a lake with accounts, and small limits so the limit checks need no large files.
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW, limits: { maxBytes: 20_000, maxRows: 50 } });
  });
  afterAll(() => lake.cleanup());

  it('answers 401 without a token or with a wrong one', async () => {
    expect((await app.request('/api/uploads')).status).toBe(401);
    expect((await app.request('/api/uploads', { headers: bearer('cgp_fenland-helpline_' + 'A'.repeat(43)) })).status).toBe(401);
    expect((await app.request('/api/uploads', { headers: bearer('not-a-token') })).status).toBe(401);
    const res = await app.request('/api/uploads', { method: 'POST', body: fileForm('x.csv', 'a,b\n') });
    expect(res.status).toBe(401);
    expect(await keysUnder(lake.store, 'raw/')).toEqual([]);
  });

  it('accepts the served example template for a Cambridgeshire partner', async () => {
    const res = await upload(lake.tokens.fenland, 'service-demand.csv', await exampleTemplate());
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; rows: number; uploadId: string };
    expect(body).toMatchObject({ status: 'accepted', rows: 6 });
    expect(body.uploadId).toMatch(/^\d{8}T\d{12}Z-[0-9a-f]{8}$/);
    expect(await curated()).toEqual([`curated/service_demand_versions/year=2026/${body.uploadId}.parquet`]);
  });

  it('lists only the caller\'s uploads', async () => {
    const mine = (await (await app.request('/api/uploads', { headers: bearer(lake.tokens.fenland) })).json()) as { uploads: { partnerId: string }[] };
    expect(mine.uploads.length).toBeGreaterThan(0);
    expect(mine.uploads.every((u) => u.partnerId === 'fenland-helpline')).toBe(true);
    const theirs = (await (await app.request('/api/uploads', { headers: bearer(lake.tokens.norfolk) })).json()) as { uploads: unknown[] };
    expect(theirs.uploads).toEqual([]);
  });

  it('returns a partner\'s own series and 403 for another partner\'s', async () => {
    const own = await app.request('/api/partners/fenland-helpline/series?channel=helpline_calls', { headers: bearer(lake.tokens.fenland) });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({
      partnerId: 'fenland-helpline',
      channel: 'helpline_calls',
      series: [{ channel: 'helpline_calls', points: [{ periodStart: '2026-03-02', periodDays: 7, count: 14 }, { periodStart: '2026-03-09', periodDays: 7, count: 17 }] }],
    });
    expect((await app.request('/api/partners/fenland-helpline/series', { headers: bearer(lake.tokens.lincs) })).status).toBe(403);
    expect((await app.request('/api/partners/fenland-helpline/series', { headers: bearer(lake.tokens.admin) })).status).toBe(200);
    expect((await app.request('/api/partners/fenland-helpline/series?channel=DROP%20TABLE', { headers: bearer(lake.tokens.fenland) })).status).toBe(400);
  });

  it('rejects a bad file with every row error and stores only the raw file and its quarantine record', async () => {
    const before = await curated();
    const bad = 'region,period_start,period,channel,count\nGB-CAM,2026-03-02,week,helpline_calls,-3\nGB-CAM,2027-01-04,week,referrals,2\nNowhere,2026-03-02,week,referrals,1\n';
    const res = await upload(lake.tokens.fenland, 'bad.csv', bad);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { status: string; errors: { row: number; column: string; reason: string }[] };
    expect(body.status).toBe('rejected');
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([[2, 'count'], [3, 'period_start'], [4, 'region']]);
    expect(body.errors[1]!.reason).toMatch(/future/);
    expect(await curated()).toEqual(before);
    // Kept as received, but outside raw/: the ingest trigger on raw/ must not load a refused file.
    expect((await keysUnder(lake.store, 'raw/partners/fenland-helpline/')).some((k) => k.endsWith('-bad.csv'))).toBe(false);
    expect((await keysUnder(lake.store, 'rejected/partners/fenland-helpline/')).some((k) => k.endsWith('-bad.csv'))).toBe(true);
    const quarantined = await keysUnder(lake.store, 'quarantine/partners/fenland-helpline/');
    expect(quarantined.some((k) => k.endsWith('-bad.csv.rejection.json'))).toBe(true);
  });

  it('refuses personal-data columns and a partner column naming someone else', async () => {
    const personal = await upload(lake.tokens.fenland, 'names.csv', 'region,period_start,channel,count,caller name\nGB-CAM,2026-03-02,helpline_calls,3,Jo\n');
    expect(personal.status).toBe(422);
    expect(JSON.stringify(await personal.json())).toMatch(/personal data/);
    const other = await upload(lake.tokens.fenland, 'other.csv', 'partner,region,period_start,channel,count\nlincs-support-line,GB-CAM,2026-03-02,helpline_calls,3\n');
    expect(other.status).toBe(422);
    expect(JSON.stringify(await other.json())).toMatch(/does not match the uploading partner/);
  });

  it('keeps a region-restricted partner to their regions', async () => {
    const res = await upload(lake.tokens.lincs, 'mixed.csv', 'region,period_start,channel,count\nGB-LIN,2026-03-02,helpline_calls,9\nGB-CAM,2026-03-02,helpline_calls,4\n');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { row: number; column: string; reason: string }[] };
    expect(body.errors).toEqual([{ row: 3, column: 'region', reason: expect.stringMatching(/GB-CAM is not one of your regions \(GB-LIN\)/), code: 'notYourRegion', params: { code: 'GB-CAM', regions: 'GB-LIN' } }]);
    expect((await curated()).some((k) => k.includes('lincs'))).toBe(false);
  });

  it('answers 413 for an oversized upload and stores nothing', async () => {
    const before = await keysUnder(lake.store, 'raw/partners/norfolk-helpline/');
    const big = `region,period_start,channel,count\n${'GB-NFK,2026-03-02,helpline_calls,1\n'.repeat(3000)}`;
    const res = await upload(lake.tokens.norfolk, 'big.csv', big);
    expect(res.status).toBe(413);
    expect(JSON.stringify(await res.json())).toMatch(/larger than/);
    expect(await keysUnder(lake.store, 'raw/partners/norfolk-helpline/')).toEqual(before);
  });

  it('rejects files over the row limit, spreadsheets and malformed requests with clear messages', async () => {
    const many = `region,period_start,channel,count\n${'GB-NFK,2026-03-02,helpline_calls,1\n'.repeat(60)}`;
    const rows = await upload(lake.tokens.norfolk, 'many.csv', many);
    expect(rows.status).toBe(422);
    expect(JSON.stringify(await rows.json())).toMatch(/more than 50 rows/);

    const xlsx = await upload(lake.tokens.norfolk, 'counts.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(xlsx.status).toBe(422);
    expect(JSON.stringify(await xlsx.json())).toMatch(/could not be opened as an Excel workbook/);
    const xls = await upload(lake.tokens.norfolk, 'counts.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(JSON.stringify(await xls.json())).toMatch(/Excel Workbook \(\.xlsx\) or CSV/);

    const binary = await upload(lake.tokens.norfolk, 'junk.csv', new Uint8Array([0x72, 0x65, 0x67, 0xff, 0xfe, 0x00, 0x0a]));
    expect(binary.status).toBe(422);

    const noFile = await app.request('/api/uploads', { method: 'POST', headers: { ...bearer(lake.tokens.norfolk), 'Content-Type': 'application/json' }, body: '{"file":"x"}' });
    expect(noFile.status).toBe(400);
    const wrongField = await app.request('/api/uploads', { method: 'POST', headers: bearer(lake.tokens.norfolk), body: fileForm('a.csv', 'x', 'upload') });
    expect(wrongField.status).toBe(400);
    expect(await keysUnder(lake.store, 'curated/service_demand_versions/')).not.toContain('curated/service_demand/year=2026/norfolk-helpline.parquet');
  });

  it('accepts the wide Excel workbook with exact totals, and says the Total row was checked, not loaded', async () => {
    const res = await upload(lake.tokens.fenland, 'weekly.xlsx', await workbook({ Counts: wideSheet() }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'accepted', rows: 6 });
    const log = (await (await app.request('/api/uploads', { headers: bearer(lake.tokens.fenland) })).json()) as { uploads: { fileName: string; notes: unknown[] }[] };
    expect(log.uploads.find((u) => u.fileName === 'weekly.xlsx')).toMatchObject({ notes: [{ row: 8, reason: 'this looks like a total row; it matches the sum, so it was not loaded' }] });
    const series = (await (await app.request('/api/partners/fenland-helpline/series?channel=helpline_calls', { headers: bearer(lake.tokens.fenland) })).json()) as { series: { points: { count: number }[] }[] };
    // The template's rows name a site, these do not: different period keys, so 16 March is the workbook's alone.
    expect(series.series[0]!.points.find((p) => (p as { periodStart?: string }).periodStart === '2026-03-16')?.count).toBe(19);
  });

  it('does not let the campaigns team upload counts as a partner', async () => {
    expect((await upload(lake.tokens.admin, 'a.csv', await exampleTemplate())).status).toBe(403);
  });
});
