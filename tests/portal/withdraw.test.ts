/** A partner withdraws its own upload from the portal: a page that says what changes, then a POST. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { fileForm, portalLake } from './support/portal-lake.ts';

const ORIGIN = 'http://localhost';
const NOW = new Date('2026-11-27T12:00:00Z');
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

describe('withdrawing an upload in the portal', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let app: ReturnType<typeof createPortalApp>;
  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW, signInAttempts: { limit: 100, windowMs: 60_000 } });
  });
  afterAll(() => lake.cleanup());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const send = async (token: string, csv: string) => {
    const res = await app.request('/api/uploads', { method: 'POST', headers: bearer(token), body: fileForm('counts.csv', csv) });
    return (await res.json()) as { uploadId: string };
  };
  const calls = async () => (await readCurrentRows(lake.store, SERVICE_DEMAND)).filter((r) => r.partner_id === 'lincs-support-line').map((r) => [r.period_start, r.count]).sort();

  it('shows what will change, withdraws on confirmation (the earlier count applies again), and reads an upload again', async () => {
    await send(lake.tokens.lincs, 'region,week_start,channel,count\nGB-LIN,2026-03-02,helpline_calls,8\n');
    const fix = await send(lake.tokens.lincs, 'region,week_start,channel,count\nGB-LIN,2026-03-02,helpline_calls,80\nGB-LIN,2026-03-09,helpline_calls,6\n');
    expect(await calls()).toEqual([['2026-03-02', 80], ['2026-03-09', 6]]);

    // Another partner can neither see nor withdraw it.
    const other = await app.request(`/api/uploads/${fix.uploadId}/withdraw`, { method: 'POST', headers: bearer(lake.tokens.norfolk) });
    expect(other.status).toBe(404);

    // Sign in as a browser would and open the confirmation page.
    const start = await app.request('/');
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())![1]!;
    const signIn = await app.request('/sign-in', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookiesOf(start) }, body: new URLSearchParams({ token: lake.tokens.lincs, _csrf: loginCsrf }) });
    const cookie = cookiesOf(signIn).split('; ').find((c) => c.startsWith('portal_session='))!;
    const confirm = await app.request(`/partner/uploads/${fix.uploadId}/withdraw`, { headers: { Cookie: cookie } });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('removes the 2 counts of this upload for periods from 2026-03-02 to 2026-03-09');
    expect(html).toContain('For 1 of them, the count you sent earlier for the same period and site will apply again.');
    expect(html).toContain('1 period will have no count at all');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    // Nothing changed yet.
    expect(await calls()).toEqual([['2026-03-02', 80], ['2026-03-09', 6]]);

    const done = await app.request(`/partner/uploads/${fix.uploadId}/withdraw`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(done.status).toBe(303);
    expect(await calls()).toEqual([['2026-03-02', 8]]);
    // A forged post without the form's token changes nothing.
    const forged = await app.request(`/partner/uploads/${fix.uploadId}/withdraw`, { method: 'POST', headers: { Origin: 'https://evil.example', Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(forged.status).toBe(403);

    // Reading the original again (e.g. after a region name was added) after a confirmation page.
    const page = await app.request(`/partner/uploads/${fix.uploadId}/reprocess`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(404); // withdrawn: nothing to read again
    const list = await (await app.request('/partner', { headers: { Cookie: cookie } })).text();
    const live = /\/partner\/uploads\/([^/"]+)\/reprocess/.exec(list)![1]!;
    const confirmRead = await app.request(`/partner/uploads/${live}/reprocess`, { headers: { Cookie: cookie } });
    expect(await confirmRead.text()).toContain('Read counts.csv again?');
    const read = await app.request(`/partner/uploads/${live}/reprocess`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(read.status).toBe(303);
    expect(await calls()).toEqual([['2026-03-02', 8]]);
    // The counts now come from a new upload that superseded the one read again.
    const after = await (await app.request('/partner', { headers: { Cookie: cookie } })).text();
    expect(/\/partner\/uploads\/([^/"]+)\/reprocess/.exec(after)![1]).not.toBe(live);
  });
});
