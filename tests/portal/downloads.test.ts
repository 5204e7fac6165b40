/** Data out: a partner's own counts (CSV and Excel, with upload ids), its pre-filled template, and campaign periods on its chart. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalApp } from '../../shared/portal/app.ts';
import { xlsxToCsv } from '../../shared/sources/spreadsheet.ts';
import { fileForm, portalLake, signInAs } from './support/portal-lake.ts';

const NOW = new Date('2026-11-27T12:00:00Z');

describe('partner downloads', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let app: ReturnType<typeof createPortalApp>;
  let uploadId = '';
  const session = async (token: string) => (await signInAs(app, token)).cookie;

  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW });
    const csv = 'region,location,week_start,channel,count\nGB-CAM,Wisbech drop-in,2026-03-02,helpline_calls,14\nGB-CAM,"March, Town",2026-03-09,referrals,3\n';
    const res = await app.request('/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${lake.tokens.fenland}` }, body: fileForm('counts.csv', csv) });
    expect(res.status).toBe(201);
    const log = (await (await app.request('/api/uploads', { headers: { Authorization: `Bearer ${lake.tokens.fenland}` } })).json()) as { uploads: { rawKey: string }[] };
    expect(log.uploads).toHaveLength(1);
    const summary = (await lake.store.list('curated/')).map((o) => o.key).find((k) => /service_demand.*\/\d{8}T\d+Z-[0-9a-f]{8}\.parquet$/.test(k));
    uploadId = /(\d{8}T\d+Z-[0-9a-f]{8})\.parquet$/.exec(summary ?? '')?.[1] ?? '';
    expect(uploadId).not.toBe('');
  });
  afterAll(() => lake.cleanup());

  it('gives the partner its own counts as stored, with the upload each row came from, as CSV and as Excel', async () => {
    const cookie = await session(lake.tokens.fenland);
    const csv = await app.request('/partner/download/data.csv', { headers: { Cookie: cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="fenland-helpline-counts.csv"');
    const text = await csv.text();
    expect(text).toBe(`region,location,period_start,period,channel,count,upload_id\nGB-CAM,Wisbech drop-in,2026-03-02,week,helpline_calls,14,${uploadId}\nGB-CAM,"March, Town",2026-03-09,week,referrals,3,${uploadId}\n`);
    const xlsx = await app.request('/partner/download/data.xlsx', { headers: { Cookie: cookie } });
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    // The workbook holds the same table (read back with the same reader partners' workbooks go through).
    expect(await xlsxToCsv(new Uint8Array(await xlsx.arrayBuffer()))).toBe(text);
  });

  it('gives another partner only its own (empty) data, and nothing without signing in', async () => {
    const kent = await app.request('/partner/download/data.csv', { headers: { Cookie: await session(lake.tokens.kent) } });
    expect(await kent.text()).toBe('region,location,period_start,period,channel,count,upload_id\n');
    expect((await app.request('/partner/download/data.csv')).status).toBe(401);
    expect((await app.request('/partner/download/data.json', { headers: { Cookie: await session(lake.tokens.kent) } })).status).toBe(404);
  });

  it('pre-fills the template with the partner\'s sites and channels for the weeks still to send, and it uploads as it is once filled', async () => {
    const cookie = await session(lake.tokens.fenland);
    const text = await (await app.request('/partner/download/template.csv', { headers: { Cookie: cookie } })).text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('region,location,period_start,period,channel,count');
    // The 26 most recent weeks still to send (of the 36 since 9 March), oldest first.
    expect(lines[1]).toBe('GB-CAM,"March, Town",2026-05-25,week,helpline_calls,');
    expect(lines).toHaveLength(1 + 26 * 2 * 2);
    expect(lines).toContain('GB-CAM,Wisbech drop-in,2026-11-16,week,referrals,');
    const filled = text.replace(/,\n/g, ',0\n');
    const res = await app.request('/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${lake.tokens.fenland}` }, body: fileForm('filled.csv', filled) });
    expect(res.status).toBe(201);
    const xlsx = await app.request('/partner/download/template.xlsx', { headers: { Cookie: cookie } });
    expect((await xlsxToCsv(new Uint8Array(await xlsx.arrayBuffer()))).split('\n')[0]).toBe('region,location,period_start,period,channel,count');
  });

  it('shades the campaigns covering the partner\'s area on its chart', async () => {
    const html = await (await app.request('/partner', { headers: { Cookie: await session(lake.tokens.fenland) } })).text();
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toMatch(/Shaded: [^.]*Fenland/);
    expect(html).toContain('href="/partner/download/data.xlsx"');
  });
});
