/** History and status: every upload however it arrived, reports with phase and date, future ones refused, who sent which weeks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { reportPrefix } from '../../shared/lake/layout.ts';
import { buildReport } from '../../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { loadAccount } from '../../shared/portal/accounts.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { weekStatuses } from '../../shared/portal/completeness.ts';
import type { QueryEngine } from '../../shared/query/query-engine.ts';
import { CAMPAIGN_ID, fileForm, portalLake, signInAs } from './support/portal-lake.ts';

const NOW = new Date('2026-11-27T12:00:00Z');

describe('history and status', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let app: ReturnType<typeof createPortalApp>;
  async function page(token: string, path: string): Promise<string> {
    const { cookie } = await signInAs(app, token);
    return (await app.request(path, { headers: { Cookie: cookie } })).text();
  }

  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW });
    // The campaigns team loads weeks for Fenland with the CLI; then Fenland corrects one week in the portal.
    const team = 'region,week_start,channel,count\nGB-CAM,2026-11-02,helpline_calls,11\nGB-CAM,2026-11-09,helpline_calls,12\n';
    await ingestFile(lake.store, 'fenland-autumn.csv', new TextEncoder().encode(team), { partnerId: 'fenland-helpline', today: '2026-11-27' });
    const fix = fileForm('correction.csv', 'region,week_start,channel,count\nGB-CAM,2026-11-09,helpline_calls,13\n');
    expect((await app.request('/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${lake.tokens.fenland}` }, body: fix })).status).toBe(201);
  });
  afterAll(() => lake.cleanup());

  it('"Your uploads" lists the CLI-loaded upload too, and what the correction replaced', async () => {
    const html = await page(lake.tokens.fenland, '/partner');
    const history = html.slice(html.indexOf('data-testid="history"'));
    expect(history).toMatch(/fenland-autumn\.csv<\/td><td[^>]*>loaded by the campaigns team/);
    expect(history).toMatch(/correction\.csv<\/td><td[^>]*>uploaded here<\/td><td[^>]*>9 November 2026<\/td><td[^>]*>1<\/td><td[^>]*><span[^>]*>Accepted: replaced 1 earlier count \(9 November 2026\)/);
  });

  it('lists reports with their phase and date, and never one dated in the future', async () => {
    await lake.store.put(`${reportPrefix(CAMPAIGN_ID, '2027-03-01')}report.html`, '<html><body>future</body></html>');
    const html = await page(lake.tokens.fenland, '/partner');
    expect(html).toMatch(/Fenland[^<]*: Follow-up, as of 29 June 2026<\/a> <span class="hint">\(latest\)/);
    expect(html).not.toContain('2027-03-01');
  });

  it('offers a report\'s PDF (made by campaign analyse --pdf) to partners of its area only, from the partners\' copy', async () => {
    const prefix = reportPrefix(CAMPAIGN_ID, '2026-06-29');
    await lake.store.put(`${prefix}report.pdf`, '%PDF-1.7 the public copy');
    await lake.store.put(`${prefix}report.partners.pdf`, '%PDF-1.7 stand-in bytes');
    const html = await page(lake.tokens.fenland, '/partner');
    expect(html).toContain(`href="/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf"`);
    const { cookie } = await signInAs(app, lake.tokens.fenland);
    const pdf = await app.request(`/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf`, { headers: { Cookie: cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1.7 stand-in bytes');
    const kent = await signInAs(app, lake.tokens.kent);
    expect((await app.request(`/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf`, { headers: { Cookie: kent.cookie } })).status).toBe(403);
  });

  it('stops offering a PDF once a later run of the same report made none (its figures may differ)', async () => {
    const prefix = reportPrefix(CAMPAIGN_ID, '2026-06-29');
    await lake.store.put(`${prefix}report.partners.pdf`, '%PDF-1.7 an earlier run');
    // A later version of this report, written without --pdf, is the latest.
    await lake.store.put(`${prefix}versions.json`, JSON.stringify([{ generatedAt: 'earlier', prefix: `${prefix}v1/`, latest: false }, { generatedAt: 'later', prefix: `${prefix}v2/`, latest: true }]));
    await lake.store.put(`${prefix}v1/report.partners.pdf`, '%PDF-1.7 an earlier run');
    await lake.store.put(`${prefix}v2/report.html`, '<p>later</p>');
    const { cookie } = await signInAs(app, lake.tokens.fenland);
    expect((await app.request(`/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf`, { headers: { Cookie: cookie } })).status).toBe(404);
    expect(await page(lake.tokens.fenland, '/partner')).not.toContain(`href="/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf"`);
    // Once the latest version has its PDF, it is offered again.
    await lake.store.put(`${prefix}v2/report.pdf`, '%PDF-1.7 current');
    await lake.store.put(`${prefix}v2/report.partners.pdf`, '%PDF-1.7 current');
    await lake.store.put(`${prefix}report.partners.pdf`, '%PDF-1.7 current');
    expect(await (await app.request(`/reports/${CAMPAIGN_ID}/2026-06-29/report.pdf`, { headers: { Cookie: cookie } })).text()).toBe('%PDF-1.7 current');
    await lake.store.delete(`${prefix}versions.json`);
  });

  it('refuses to make a report dated after today', async () => {
    const campaign = parseCampaign(generateDemo().campaign);
    await expect(buildReport({} as QueryEngine, campaign, [campaign], { asOf: '2026-11-28', now: NOW })).rejects.toThrow(/dated in the future \(today is 2026-11-27/);
  });

  it('shows the campaigns team who sent which weeks, missing and late ones marked', async () => {
    const html = await page(lake.tokens.admin, '/admin/completeness');
    const fenland = html.slice(html.indexOf('data-partner="fenland-helpline"'), html.indexOf('</tr>', html.indexOf('data-partner="fenland-helpline"')));
    // Loaded by the clock of the machine running the test: on time or late, never missing.
    expect(fenland).toMatch(/data-week="2026-11-02" data-status="(sent|late)"/);
    expect(fenland).toMatch(/data-week="2026-11-16" data-status="due"/);
    expect(fenland).toMatch(/data-week="2026-10-26" data-status="missing"/);
    expect(html).toMatch(/data-partner="kent-helpline"/);
    expect((await app.request('/admin/completeness')).status).toBe(401);
  });

  it('marks a week first sent more than a week after it ended as late', async () => {
    const account = (await loadAccount(lake.store, 'kent-helpline'))!;
    const weeks = weekStatuses([{ periodStart: '2026-11-02', periodDays: 7 }], [{ at: '2026-11-20T10:00:00Z', periods: '2026-11-02..2026-11-02', status: 'live' }], account, '2026-11-27', 3);
    expect(weeks).toEqual([
      { start: '2026-11-02', status: 'late' },
      { start: '2026-11-09', status: 'missing' },
      { start: '2026-11-16', status: 'due' },
    ]);
  });
});
