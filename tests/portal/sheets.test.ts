/**
 * Workbooks with several sheets in the portal: the sheet that holds counts is found (notes and
 * instructions sheets beside it, before or after); when several hold counts the partner is asked,
 * with the sheets named, and picks one; the ingest and a later reprocess read that same sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUploads as lakeUploads, reprocessUpload } from '../../shared/pipeline/manage-uploads.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { partnerData } from '../../shared/portal/series.ts';
import { listUploads } from '../../shared/portal/upload-log.ts';
import { day, wideSheet, workbook } from '../sources/support/workbooks.ts';
import { portalLake, signInAs } from './support/portal-lake.ts';

const ORIGIN = 'http://localhost';
let lake: Awaited<ReturnType<typeof portalLake>>;
let app: ReturnType<typeof createPortalApp>;

beforeAll(async () => {
  lake = await portalLake();
  app = createPortalApp({ store: lake.store, now: () => new Date('2026-11-27T12:00:00Z') });
});
afterAll(() => lake.cleanup());

const instructions = [['How to fill in this workbook'], ['One row per week. Do not write names.']];
/** Another year's sheet: the same layout, other weeks and counts. */
const year2025 = () => [
  ['Week commencing', 'Area', 'Helpline calls'],
  [day('2025-03-03'), 'Cambridgeshire', 8],
  [day('2025-03-10'), 'Cambridgeshire', 9],
];

async function post(cookie: string, csrf: string, name: string, bytes: Uint8Array, sheet?: string, language = 'en') {
  const form = new FormData();
  form.append('_csrf', csrf);
  form.append('file', new File([bytes], name));
  if (sheet !== undefined) form.append('sheet', sheet);
  return app.request('/partner/upload', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie, 'Accept-Language': language }, body: form });
}

describe('workbooks with several sheets', () => {
  it('reads the one sheet that holds counts, wherever it is, and says which', async () => {
    const { cookie, csrf } = await signInAs(app, lake.tokens.fenland);
    const res = await post(cookie, csrf, 'weekly.xlsx', await workbook({ Instructions: instructions, Counts: wideSheet(), Notes: [['checked by Ana']] }));
    expect(res.status).toBe(303);
    const page = await (await app.request(res.headers.get('location')!, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Read from the sheet &quot;Counts&quot;.');
    const record = (await listUploads(lake.store, 'fenland-helpline')).find((u) => u.fileName === 'weekly.xlsx')!;
    expect(record).toMatchObject({ status: 'accepted', rows: 6, sheet: 'Counts' });
    const calls = (await partnerData(lake.store, 'fenland-helpline')).series.find((s) => s.channel === 'helpline_calls')!;
    expect(calls.points.map((p) => [p.periodStart, p.count])).toEqual([['2026-03-02', 14], ['2026-03-09', 17], ['2026-03-16', 19]]);
  });

  it('asks which sheet when several hold counts, naming them, loads nothing, then reads the one picked', async () => {
    const { cookie, csrf } = await signInAs(app, lake.tokens.fenland, { 'Accept-Language': 'en' });
    const bytes = await workbook({ Instructions: instructions, '2025': year2025(), '2026': wideSheet() });
    const asked = await post(cookie, csrf, 'years.xlsx', bytes);
    expect(asked.status).toBe(422);
    const text = await asked.text();
    expect(text).toContain('several sheets of this workbook hold counts (&quot;2025&quot;, &quot;2026&quot;): pick the one to upload under &quot;Sheet&quot;');
    // The sheets are offered to pick from (only those holding counts).
    expect(/<select id="sheet" name="sheet" required>(.*?)<\/select>/.exec(text)![1]).toBe('<option value=""></option><option value="2025">2025</option><option value="2026">2026</option>');
    expect((await partnerData(lake.store, 'fenland-helpline')).series.flatMap((s) => s.points).some((p) => p.periodStart.startsWith('2025'))).toBe(false);

    const picked = await post(cookie, csrf, 'years.xlsx', bytes, '2025');
    expect(picked.status).toBe(303);
    const calls = (await partnerData(lake.store, 'fenland-helpline')).series.find((s) => s.channel === 'helpline_calls')!;
    expect(calls.points.filter((p) => p.periodStart.startsWith('2025')).map((p) => p.count)).toEqual([8, 9]);
    // Kept with the upload: reading it again reads the same sheet, not the first one.
    const upload = (await lakeUploads(lake.store, { owner: 'fenland-helpline' })).find((u) => u.file === 'years.xlsx' && u.status === 'live')!;
    expect(upload.periods).toBe('2025-03-03..2025-03-10');
    const again = await reprocessUpload(lake.store, upload.uploadId, { owner: 'fenland-helpline' });
    expect(again).toMatchObject({ status: 'accepted', rows: 2 });
  });

  it('names every sheet when none holds counts, and in the partner\'s language', async () => {
    const { cookie, csrf } = await signInAs(app, lake.tokens.fenland, { 'Accept-Language': 'it' });
    const res = await post(cookie, csrf, 'notes.xlsx', await workbook({ Instructions: instructions, Chart: [['see chart']] }), undefined, 'it');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('nessuno dei fogli di questa cartella (&quot;Instructions&quot;, &quot;Chart&quot;) ha le colonne di conteggi che servono.');
  });

  it('the JSON API takes the sheet as a form field and lists the sheets when it must ask', async () => {
    const bytes = await workbook({ '2025': year2025(), '2026': wideSheet() });
    const send = (sheet?: string) => {
      const form = new FormData();
      form.append('file', new File([bytes], 'api-years.xlsx'));
      if (sheet) form.append('sheet', sheet);
      return app.request('/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${lake.tokens.fenland}` }, body: form });
    };
    const asked = await send();
    expect(asked.status).toBe(422);
    expect(await asked.json()).toMatchObject({ status: 'rejected', sheets: ['2025', '2026'], errors: [{ row: 1, column: '(file)', code: 'severalSheets' }] });
    const wrong = await send('2024');
    expect(await wrong.json()).toMatchObject({ errors: [{ reason: 'the workbook has no sheet "2024"; its sheets are: 2025, 2026', code: 'noSheet' }] });
    const ok = await send('2026');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'accepted', rows: 6 });
  });
});
