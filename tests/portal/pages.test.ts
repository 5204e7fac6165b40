import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalApp } from '../../shared/portal/app.ts';
import { CAMPAIGN_ID, portalLake, REPORT_AS_OF } from './support/portal-lake.ts';

type Lake = Awaited<ReturnType<typeof portalLake>>;
const ORIGIN = 'http://localhost';
const NOW = new Date('2026-11-27T12:00:00Z');

/** Cookie header value from a response's Set-Cookie headers. */
function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describe('portal pages', () => {
  let lake: Lake;
  let app: ReturnType<typeof createPortalApp>;

  /** Sign in through the form as a browser would; returns the session cookie and the page's CSRF token. */
  async function signIn(token: string): Promise<{ cookie: string; csrf: string }> {
    const page = await app.request('/');
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await app.request('/sign-in', {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookiesOf(page) },
      body: new URLSearchParams({ token, _csrf: loginCsrf }),
    });
    expect(res.status).toBe(303);
    const cookie = cookiesOf(res).split('; ').find((c) => c.startsWith('portal_session='))!;
    const home = await app.request(res.headers.get('location')!, { headers: { Cookie: cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())![1]!;
    return { cookie, csrf };
  }

  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW, signInAttempts: { limit: 100, windowMs: 60_000 } });
  });
  afterAll(() => lake.cleanup());

  it('sets a HttpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const page = await app.request('/');
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await app.request('/sign-in', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookiesOf(page) }, body: new URLSearchParams({ token: lake.tokens.fenland, _csrf: loginCsrf }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/partner');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('portal_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toContain(lake.tokens.fenland);
  });

  it('sends a strict CSP and no external references', async () => {
    const { cookie } = await signIn(lake.tokens.fenland);
    const res = await app.request('/partner', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|unsafe-inline/);
    const html = await res.text();
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain(lake.tokens.fenland);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 401 with a usable sign-in form when not signed in, and says when a token is wrong', async () => {
    const res = await app.request('/partner');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Access token');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const wrong = await app.request('/sign-in', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookiesOf(res) }, body: new URLSearchParams({ token: 'cgp_fenland-helpline_nope', _csrf: csrf }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That token was not recognised');
    expect((await app.request('/admin')).status).toBe(401);
  });

  it('refuses form posts without the CSRF token or from another origin', async () => {
    const { cookie, csrf } = await signIn(lake.tokens.fenland);
    const form = (extra: Record<string, string>) => new URLSearchParams({ week_start: '2026-03-02', region_1: 'GB-CAM', channel_1: 'helpline_calls', count_1: '5', ...extra });
    const noToken = await app.request('/partner/week', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: form({}) });
    expect(noToken.status).toBe(403);
    const crossSite = await app.request('/partner/week', { method: 'POST', headers: { Origin: 'https://evil.example', Cookie: cookie }, body: form({ _csrf: csrf }) });
    expect(crossSite.status).toBe(403);
    const ok = await app.request('/partner/week', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: form({ _csrf: csrf }) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/partner\?upload=/);
  });

  it('refuses a week that has not ended and keeps what was typed; one region comes preselected', async () => {
    const { cookie, csrf } = await signIn(lake.tokens.lincs);
    const page = await (await app.request('/partner', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('<option value="GB-LIN" selected>');
    const body = new URLSearchParams({ _csrf: csrf, week_start: '2026-11-23', region_1: 'GB-LIN', channel_1: 'helpline_calls', count_1: '12' });
    const res = await app.request('/partner/week', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('The week starting 2026-11-23 has not ended yet: send it from 2026-11-30');
    expect(html).toMatch(/id="week_start"[^>]*value="2026-11-23"/);
    expect(html).toMatch(/id="count_1"[^>]*value="12"/);
  });

  it('shows every row error of a typed-in week, in plain words, and stores no counts', async () => {
    const { cookie, csrf } = await signIn(lake.tokens.lincs);
    const body = new URLSearchParams({ _csrf: csrf, week_start: '2026-03-02', region_1: 'GB-LIN', channel_1: 'helpline_calls', count_1: '-2', region_2: 'GB-LIN', channel_2: 'referrals', count_2: '' });
    const res = await app.request('/partner/week', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('was not accepted');
    expect(html).toMatch(/line 1<\/td><td[^>]*>count/);
    expect(html).toMatch(/line 2<\/td><td[^>]*>count<\/td><td[^>]*>count is empty/);
    expect((await lake.store.list('curated/service_demand_versions/')).length).toBe(1); // only the fenland week from the CSRF test
  });

  it('lets partners read reports of campaigns that cover their granted area, never report.json', async () => {
    const base = `/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}`;
    const lincs = await signIn(lake.tokens.lincs);
    const html = await app.request(`${base}/report.html`, { headers: { Cookie: lincs.cookie } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toMatch(/style-src 'sha256-[^']+'/);
    const body = await html.text();
    expect(body).toContain('<svg');
    // Partners get the copy protected for them (partner rules), not the team's report.html.
    expect(body).toContain('This copy is for partners');
    expect((await app.request(`${base}/report.json`, { headers: { Cookie: lincs.cookie } })).status).toBe(403);
    expect((await app.request(`${base}/report.md`, { headers: { Cookie: lincs.cookie } })).status).toBe(403);
    const kent = await signIn(lake.tokens.kent);
    expect((await app.request(`${base}/report.html`, { headers: { Cookie: kent.cookie } })).status).toBe(403);
    expect((await app.request(`/reports/..%2Fconfig/${REPORT_AS_OF}/report.html`, { headers: { Cookie: kent.cookie } })).status).toBe(404);
  });

  it('gives the campaigns team the goals at a glance and every report format', async () => {
    const { cookie } = await signIn(lake.tokens.admin);
    const page = await app.request('/admin', { headers: { Cookie: cookie } });
    const html = await page.text();
    expect(html).toContain('badge-met');
    expect(html).toContain('badge-missed');
    expect(html).toContain(`/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.md`);
    const json = await app.request(`/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.json`, { headers: { Cookie: cookie } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/attachment/);
    expect((await app.request('/partner', { headers: { Cookie: cookie } })).status).toBe(403);
  });

  it('signs out, after which the session no longer works', async () => {
    const { cookie, csrf } = await signIn(lake.tokens.fenland);
    const out = await app.request('/sign-out', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(out.status).toBe(303);
    expect((await app.request('/partner', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = createPortalApp({ store: lake.store, now: () => NOW, signInAttempts: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.request('/sign-in', { method: 'POST', headers: { Origin: ORIGIN }, body: new URLSearchParams({ token: 'guess', _csrf: 'x' }) });
      statuses.push(res.status);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
