import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { updateAccount } from '../../shared/portal/accounts.ts';
import { MANY_AS_OF, manyRegionsCampaign } from '../support/many-regions-lake.ts';
import { keysUnder } from '../support/temp-store.ts';
import { CAMPAIGN_ID, portalLake, REPORT_AS_OF } from '../portal/support/portal-lake.ts';
import { day, wideSheet, workbook } from '../sources/support/workbooks.ts';
import { launchChromium, servePortal } from './support/browser.ts';

/** Screenshots land here for a person to look at (not compared automatically). */
const SHOTS = path.join(tmpdir(), 'portal-screenshots');

describe('partner portal in Chromium', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let server: Awaited<ReturnType<typeof servePortal>>;
  let browser: Browser;

  /** A fresh browser context (its own cookies) signed in through the form, using the keyboard. */
  async function signedIn(token: string, width = 1200): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Access token').fill(token);
    await Promise.all([page.waitForURL(/\/(partner|admin)$/), page.keyboard.press('Enter')]);
    return page;
  }

  beforeAll(async () => {
    // Prepare: the lake, another partner's counts (a distinctive number), the server and the browser.
    lake = await portalLake();
    const lincsCsv = 'region,period_start,period,channel,count\nGB-LIN,2026-03-02,week,helpline_calls,777\n';
    await ingestFile(lake.store, 'lincs.csv', new TextEncoder().encode(lincsCsv), { partnerId: 'lincs-support-line', today: '2026-11-27' });
    server = await servePortal({ store: lake.store, signInAttempts: { limit: 100, windowMs: 60_000 } });
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await lake?.cleanup();
  });

  it('signs a partner in and shows a valid upload in their chart', async () => {
    const page = await signedIn(lake.tokens.fenland);
    expect(new URL(page.url()).pathname).toBe('/partner');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Fenland Helpline');
    // The template offered for download is what the partner uploads.
    const template = await page.request.get(`${server.url}/templates/service-demand.csv`);
    await page.getByLabel('Spreadsheet or CSV file').setInputFiles({ name: 'service-demand.csv', mimeType: 'text/csv', buffer: Buffer.from(await template.body()) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/partner\?upload=/);
    await expect(page.getByTestId('upload-accepted').textContent()).resolves.toMatch(/6 rows added/);
    const chart = page.locator('svg#own-counts');
    expect(await chart.count()).toBe(1);
    const tips = await chart.locator('title').allTextContents();
    expect(tips).toContain('Helpline calls, Period starting 9 March 2026: 17');
    expect((await page.getByTestId('history').textContent()) ?? '').toContain('service-demand.csv');
    // A week typed into the form goes through the same checks and ingest, and joins the chart.
    await page.getByLabel('Week starting').fill('2026-03-16');
    // A one-region partner finds the region already chosen.
    expect(await page.getByLabel('Line 1: Region').inputValue()).toBe('GB-CAM');
    await page.getByLabel('Line 1: Channel').fill('helpline_calls');
    await page.getByLabel('Line 1: Count').fill('21');
    await Promise.all([page.waitForURL(/\/partner\?upload=/), page.getByRole('button', { name: 'Send this week' }).click()]);
    expect(await chart.locator('title').allTextContents()).toContain('Helpline calls, Period starting 16 March 2026: 21');
    await page.screenshot({ path: path.join(SHOTS, 'partner-1200.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'partner-390.png'), fullPage: true });
    await chart.screenshot({ path: path.join(SHOTS, 'partner-chart-390.png') });
    await page.context().close();
  });

  it('the weekly form keeps what was typed, refuses a week that overlaps one sent, and lists the weeks still to send', async () => {
    const page = await signedIn(lake.tokens.fenland);
    await expect(page.getByTestId('week-rule').textContent()).resolves.toMatch(/Your weeks start on Monday/);
    await expect(page.getByTestId('missing-weeks').textContent()).resolves.toMatch(/Weeks still to send/);
    const before = await keysUnder(lake.store, 'curated/service_demand/');
    await page.getByLabel('Week starting').fill('2026-03-18'); // a Wednesday, inside the week of 16 March already sent
    await page.getByLabel('Line 1: Channel').fill('referrals');
    await page.getByLabel('Line 1: Count').fill('9');
    await Promise.all([page.waitForURL(/\/partner\/week$/), page.getByRole('button', { name: 'Send this week' }).click()]);
    await expect(page.getByTestId('upload-problem').textContent()).resolves.toMatch(/Your weeks start on Monday: 2026-03-18 is not a Monday/);
    expect(await page.getByLabel('Week starting').inputValue()).toBe('2026-03-18');
    expect(await page.getByLabel('Line 1: Channel').inputValue()).toBe('referrals');
    expect(await page.getByLabel('Line 1: Count').inputValue()).toBe('9');
    // A bad count: the reader's problem, in the form's words, with the typing still there.
    await page.getByLabel('Week starting').fill('2026-03-23');
    await page.getByLabel('Line 1: Count').fill('');
    await page.getByLabel('Line 2: Channel').fill('helpline_calls');
    await page.getByLabel('Line 2: Count').fill('4');
    await Promise.all([page.waitForURL(/\/partner\/week$/), page.getByRole('button', { name: 'Send this week' }).click()]);
    await expect(page.getByTestId('upload-rejected').textContent()).resolves.toMatch(/still in the form below/);
    expect(await page.locator('table.errors tbody tr').first().textContent()).toMatch(/^line 1count/);
    expect(await page.getByLabel('Line 2: Count').inputValue()).toBe('4');
    expect(await keysUnder(lake.store, 'curated/service_demand/')).toEqual(before);
    await page.screenshot({ path: path.join(SHOTS, 'partner-form-kept-1200.png'), fullPage: false });
    await page.context().close();
  });

  it('uploads the wide Excel workbook a partner keeps, and says the Total row was checked, not added', async () => {
    const page = await signedIn(lake.tokens.lincs);
    const sheet = wideSheet().map((r) => r.map((c) => (c === 'Cambridgeshire' || c === 'GB-CAM' ? 'Lincolnshire' : c)));
    await page.getByLabel('Spreadsheet or CSV file').setInputFiles({ name: 'lincs-weekly.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook({ Counts: sheet })) });
    await Promise.all([page.waitForURL(/\/partner\?upload=/), page.getByRole('button', { name: 'Upload' }).click()]);
    const box = page.getByTestId('upload-accepted');
    await expect(box.textContent()).resolves.toMatch(/lincs-weekly\.xlsx was accepted.*5 rows added, 1 earlier count replaced/s); // 2 March replaces the 777 loaded above
    await expect(box.textContent()).resolves.toMatch(/row 8: this looks like a total row; it matches the sum, so it was not loaded/);
    expect(await page.locator('svg#own-counts title').allTextContents()).toContain('Helpline calls, Period starting 16 March 2026: 19');
    await page.context().close();
  });

  it('downloads the partner\'s own counts and its pre-filled template from the page', async () => {
    const page = await signedIn(lake.tokens.fenland);
    const links = page.getByTestId('downloads');
    const [data] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: 'CSV' }).first().click()]);
    expect(data.suggestedFilename()).toBe('fenland-helpline-counts.csv');
    const text = await readFile((await data.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('region,location,period_start,period,channel,count,upload_id');
    expect(text).toMatch(/^GB-CAM,,2026-03-16,week,helpline_calls,21,\d{8}T\d+Z-[0-9a-f]{8}$/m);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: 'Excel' }).last().click()]);
    expect(xlsx.suggestedFilename()).toBe('fenland-helpline-template.xlsx');
    const bytes = await readFile((await xlsx.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    await page.context().close();
  });

  it('speaks the browser\'s language, and keeps the one a partner chooses on its account', async () => {
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Accedi');
    await page.getByLabel('Codice di accesso').fill(lake.tokens.norfolk);
    await Promise.all([page.waitForURL(/\/partner$/), page.keyboard.press('Enter')]);
    await expect(page.getByTestId('week-rule').textContent()).resolves.toBe('Le tue settimane iniziano di lunedì. Una settimana si può inviare quando è terminata.');
    await page.getByLabel('Lingua').selectOption('lt');
    await Promise.all([page.waitForURL(/\/partner$/), page.getByRole('button', { name: 'Salva' }).click()]);
    await expect(page.getByRole('heading', { name: 'Siųskite savo skaičius' }).count()).resolves.toBe(1);
    await context.close();
    // An English browser: the account's choice wins.
    const again = await signedIn(lake.tokens.norfolk);
    expect(await again.locator('html').getAttribute('lang')).toBe('lt');
    await again.screenshot({ path: path.join(SHOTS, 'partner-lt-1200.png'), fullPage: false });
    await again.context().close();
  });

  it('shows every row error of a bad file and ingests nothing', async () => {
    const page = await signedIn(lake.tokens.fenland);
    const before = await keysUnder(lake.store, 'curated/service_demand_versions/');
    const markers = await keysUnder(lake.store, 'curated/upload_events/');
    const bad = 'region,period_start,period,channel,count,email\nGB-CAM,2026-03-16,week,helpline_calls,4,a@b.org\n';
    await page.getByLabel('Spreadsheet or CSV file').setInputFiles({ name: 'with-emails.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await Promise.all([page.waitForURL(/\/partner\/upload$/), page.getByRole('button', { name: 'Upload' }).click()]);
    const alert = page.getByTestId('upload-rejected');
    await expect(alert.textContent()).resolves.toMatch(/with-emails\.csv was not accepted/);
    await expect(alert.locator('table.errors').textContent()).resolves.toMatch(/"email" looks like personal data/);

    const worse = 'region,period_start,period,channel,count\nGB-CAM,2026-03-16,week,helpline_calls,-1\nGB-CAM,2030-01-07,week,referrals,3\n';
    await page.goto(`${server.url}/partner`);
    await page.getByLabel('Spreadsheet or CSV file').setInputFiles({ name: 'typos.csv', mimeType: 'text/csv', buffer: Buffer.from(worse) });
    await Promise.all([page.waitForURL(/\/partner\/upload$/), page.getByRole('button', { name: 'Upload' }).click()]);
    const rows = await page.locator('table.errors tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^row 2count/);
    expect(rows[1]).toMatch(/^row 3period_start2030-01-07 is in the future/);
    await page.screenshot({ path: path.join(SHOTS, 'partner-errors-1200.png'), fullPage: false });
    expect(await keysUnder(lake.store, 'curated/service_demand_versions/')).toEqual(before);
    expect(await keysUnder(lake.store, 'curated/upload_events/')).toEqual(markers);
    await page.context().close();
  });

  it('in the partner\'s language: a refused file\'s reasons with their rows, a workbook\'s sheet asked and picked, the report', async () => {
    await updateAccount(lake.store, 'norfolk-helpline', { language: 'lt' });
    const page = await signedIn(lake.tokens.norfolk);
    const bad = 'region,period_start,period,channel,count\nGB-NFK,2026-03-16,week,helpline_calls,2.5\nGB-NFK,2030-01-05,week,referrals,3\n';
    await page.getByLabel('Skaičiuoklė arba CSV failas').setInputFiles({ name: 'klaidos.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await Promise.all([page.waitForURL(/\/partner\/upload$/), page.getByRole('button', { name: 'Įkelti' }).click()]);
    const rows = await page.locator('table.errors tbody tr').allTextContents();
    expect(rows).toEqual(['2 eilutėcount„2.5“ nėra sveikasis skaičius', '3 eilutėperiod_start2030-01-05 yra ateityje']);

    // Two sheets hold counts: the page names them and offers them; the partner picks one.
    const norfolk = (rows: (string | number | Date)[][]) => [['Week commencing', 'Area', 'Helpline calls'], ...rows];
    const book = await workbook({ Paaiškinimai: [['Įrašykite tik sumas']], '2025': norfolk([[day('2025-03-03'), 'Norfolk', 6]]), '2026': norfolk([[day('2026-03-02'), 'Norfolk', 8], [day('2026-03-09'), 'Norfolk', 9]]) });
    await page.goto(`${server.url}/partner`);
    await page.getByLabel('Skaičiuoklė arba CSV failas').setInputFiles({ name: 'metai.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(book) });
    await Promise.all([page.waitForURL(/\/partner\/upload$/), page.getByRole('button', { name: 'Įkelti' }).click()]);
    await expect(page.locator('table.errors').textContent()).resolves.toContain('keliuose šio failo lapuose yra skaičių („2025“, „2026“)'.replace(/[„“]/g, '"'));
    await page.getByLabel('Skaičiuoklė arba CSV failas').setInputFiles({ name: 'metai.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(book) });
    await page.getByLabel('Lapas').selectOption('2026');
    await Promise.all([page.waitForURL(/\/partner\?upload=/), page.getByRole('button', { name: 'Įkelti' }).click()]);
    await expect(page.getByTestId('upload-accepted').textContent()).resolves.toMatch(/Perskaityta iš lapo „2026“/);
    expect(await page.locator('svg#own-counts title').allTextContents()).toContain('Pagalbos linijos skambučiai, Laikotarpio pradžia 9 March 2026: 9');

    // The report for its area (Norfolk is a control region): the partners' copy in Lithuanian.
    await Promise.all([page.waitForURL(/report\.html$/), page.locator(`a[href$="${REPORT_AS_OF}/report.html"]`).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('lt');
    await expect(page.locator('#demand-h').textContent()).resolves.toBe('Paslaugų poreikis');
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'report-partners-lt-1200.png'), fullPage: false });
    await page.context().close();
  });

  it('keeps a partner out of another partner\'s data and of reports for other areas', async () => {
    const page = await signedIn(lake.tokens.fenland);
    expect(await page.content()).not.toContain('777');
    const other = await page.request.get(`${server.url}/api/partners/lincs-support-line/series`, { headers: { Authorization: `Bearer ${lake.tokens.fenland}` } });
    expect(other.status()).toBe(403);
    await page.context().close();

    const norfolk = await signedIn(lake.tokens.kent);
    expect(await norfolk.getByRole('heading', { name: 'Reports for your area' }).count()).toBe(1);
    expect(await norfolk.locator(`a[href*="${CAMPAIGN_ID}"]`).count()).toBe(0);
    const res = await norfolk.goto(`${server.url}/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.html`);
    expect(res?.status()).toBe(403);
    await norfolk.context().close();
  });

  it('lets the campaigns team add an account, issue a new token (the old one stops working) and remove it', async () => {
    const admin = await signedIn(lake.tokens.admin);
    await Promise.all([admin.waitForURL(/\/admin\/accounts$/), admin.getByRole('link', { name: 'Accounts' }).click()]);
    await admin.getByLabel('Organisation name').fill('Rutland Helpline');
    await admin.getByLabel(/^Regions/).fill('GB-RUT');
    await Promise.all([admin.waitForURL(/\/admin\/accounts$/), admin.getByRole('button', { name: 'Add the account' }).click()]);
    const first = (await admin.getByTestId('token').textContent())!;
    expect(first).toMatch(/^cgp_rutland-helpline_/);
    const partner = await signedIn(first);
    await expect(partner.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Rutland Helpline');
    // A new token: the partner's open session ends and the old token no longer signs in.
    await Promise.all([admin.waitForURL(/\/token$/), admin.locator('tr[data-account="rutland-helpline"]').getByRole('button', { name: 'New token' }).click()]);
    const second = (await admin.getByTestId('token').textContent())!;
    expect(second).not.toBe(first);
    expect((await partner.goto(`${server.url}/partner`))?.status()).toBe(401);
    await partner.getByLabel('Access token').fill(first);
    await Promise.all([partner.waitForURL(/\/sign-in$/), partner.keyboard.press('Enter')]);
    await expect(partner.getByRole('alert').textContent()).resolves.toMatch(/not recognised/);
    await partner.context().close();
    await (await signedIn(second)).context().close();
    await Promise.all([admin.waitForURL(/\/remove$/), admin.locator('tr[data-account="rutland-helpline"]').getByRole('button', { name: 'Remove' }).click()]);
    expect(await admin.locator('tr[data-account="rutland-helpline"]').count()).toBe(0);
    await admin.screenshot({ path: path.join(SHOTS, 'admin-accounts-1200.png'), fullPage: true });
    await admin.context().close();
  });

  it('renders a report with its charts in the report viewer', async () => {
    const page = await signedIn(lake.tokens.admin);
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.locator('.badge-met').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'admin-1200.png'), fullPage: true });
    await Promise.all([page.waitForURL(/report\.html$/), page.getByRole('link', { name: /^Report as of/ }).first().click()]);
    expect(new URL(page.url()).pathname).toBe(`/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.html`);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    // The report's own stylesheet is allowed by hash: the page is styled, not bare.
    const font = await page.evaluate('getComputedStyle(document.body).fontFamily');
    expect(font).toMatch(/system-ui/);
    await page.screenshot({ path: path.join(SHOTS, 'report-1200.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'report-390.png'), fullPage: false });
    await page.goto(`${server.url}/admin`);
    await page.screenshot({ path: path.join(SHOTS, 'admin-390.png'), fullPage: true });
    await page.context().close();
  });

  it('offers the per-region weekly table beside a report whose charts pool regions, to the team only', async () => {
    // Prepare: a campaign over 12 targeted regions, analysed for real into the portal's lake.
    const campaign = await manyRegionsCampaign(lake.store, 5);
    const engine = await DuckDbEngine.open(lake.store);
    const { keys } = await analyseCampaign(lake.store, engine, campaign.id, { asOf: MANY_AS_OF }).finally(() => engine.close());
    const stored = new TextDecoder().decode(await lake.store.get(keys.regionWeeks!));
    // Act: the team opens the report in the viewer and follows its link to the table.
    const page = await signedIn(lake.tokens.admin);
    await page.goto(`${server.url}/reports/${campaign.id}/${MANY_AS_OF}/report.html`);
    const link = page.getByRole('link', { name: 'download the per-region weekly table (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    // Assess: the download is the stored table, from the shared (protected) copy.
    expect(download.suggestedFilename()).toBe(`${campaign.id}-${MANY_AS_OF}-report.weeks.csv`);
    const body = await readFile((await download.path())!, 'utf8');
    expect(body).toBe(stored);
    expect(body.split('\r\n')[0]).toBe('channel,role,region,region_name,week_start,days,count');
    expect(body).toContain(',<5\r\n');
    await page.context().close();
    // A partner gets neither the link (its copy has none) nor the file.
    const partner = await signedIn(lake.tokens.fenland);
    expect((await partner.goto(`${server.url}/reports/${campaign.id}/${MANY_AS_OF}/report.weeks.csv`))?.status()).toBe(403);
    await partner.context().close();
  }, 120_000);
});
