import { partnerLanguages, partnersFile } from '../../../shared/i18n/index.ts';
import { protectReport } from '../../../shared/report/index.ts';
import { readFile } from 'node:fs/promises';
import { generateDemo } from '../../../shared/demo/demo-data.ts';
import { parseCampaign } from '../../../shared/domain/campaign.ts';
import { reportPrefix } from '../../../shared/lake/layout.ts';
import { registerCampaign } from '../../../shared/pipeline/register-campaign.ts';
import { createAccount } from '../../../shared/portal/accounts.ts';
import { renderHtml, renderMarkdown } from '../../../shared/report/index.ts';
import type { Report } from '../../../shared/report/report-types.ts';
import { tempStore } from '../../support/temp-store.ts';

/** The campaign of the demo and of the sample report: targets GB-CAM and GB-LIN. */
export const CAMPAIGN_ID = 'fenland-lincs-spring-2026';
export const REPORT_AS_OF = '2026-06-29';

/**
 * A temp lake for portal tests, without DuckDB: the demo campaign registered, the sample report
 * stored as the analysis would store it, and five accounts (partners for Cambridgeshire and
 * Lincolnshire, a control-region partner in Norfolk, a Kent partner outside the campaign, and
 * the campaigns team).
 */
export async function portalLake() {
  const t = await tempStore();
  await registerCampaign(t.store, parseCampaign(generateDemo().campaign));
  const report = JSON.parse(await readFile(new URL('../../fixtures/report/sample-report.json', import.meta.url), 'utf8')) as Report;
  const prefix = reportPrefix(CAMPAIGN_ID, REPORT_AS_OF);
  await t.store.put(`${prefix}report.json`, JSON.stringify(report, null, 2));
  await t.store.put(`${prefix}report.md`, renderMarkdown(protectReport(report)));
  await t.store.put(`${prefix}report.html`, renderHtml(protectReport(report)));
  await t.store.put(`${prefix}report.partners.html`, renderHtml(protectReport(report, { audience: 'partners' })));
  // As the analysis writes them: the partners' copy in each other portal language.
  for (const language of partnerLanguages()) await t.store.put(`${prefix}${partnersFile(language.lang, 'html')}`, renderHtml(protectReport(report, { audience: 'partners' }), { language }));
  const fenland = await createAccount(t.store, 'Fenland Helpline', { regions: ['GB-CAM'] });
  const lincs = await createAccount(t.store, 'Lincs Support Line', { regions: ['GB-LIN'] });
  const norfolk = await createAccount(t.store, 'Norfolk Helpline', { regions: ['GB-NFK'] });
  const kent = await createAccount(t.store, 'Kent Helpline', { regions: ['GB-KEN'] });
  const admin = await createAccount(t.store, 'Comms Team', { role: 'admin' });
  return { ...t, tokens: { fenland: fenland.token, lincs: lincs.token, norfolk: norfolk.token, kent: kent.token, admin: admin.token } };
}

/** A multipart body with one `file` field. */
export function fileForm(name: string, content: string | Uint8Array, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new File([content], name, { type: 'text/csv' }));
  return form;
}

/** Cookie header value from a response's Set-Cookie headers. */
export function cookiesOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/**
 * Sign in through the form as a browser would: returns the session cookie and the CSRF token of
 * the page signed in to.
 */
export async function signInAs(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, token: string, headers: Record<string, string> = {}): Promise<{ cookie: string; csrf: string }> {
  const first = await app.request('/', { headers });
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  const res = await app.request('/sign-in', { method: 'POST', headers: { Origin: 'http://localhost', Cookie: cookiesOf(first) }, body: new URLSearchParams({ token, _csrf: loginCsrf }) });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  const cookie = cookiesOf(res).split('; ').find((c) => c.startsWith('portal_session='))!;
  const home = await app.request(res.headers.get('location')!, { headers: { Cookie: cookie, ...headers } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? '' };
}
