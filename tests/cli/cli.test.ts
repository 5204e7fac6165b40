import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Run the real `campaign` binary in a child process. */
function campaign(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'campaign-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('campaign CLI', () => {
  it('demo runs the whole flow and ends by printing the report path', async () => {
    const out = path.join(dir, 'demo');
    const r = await campaign(['demo', '--out', out]);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^Report: .*report\.html$/);
    const html = last.replace('Report: ', '');
    expect(existsSync(html)).toBe(true);
    expect(existsSync(html.replace('.html', '.md'))).toBe(true);
  });

  it('register + ingest --json + analyse --json + sql on a data folder from CAMPAIGN_DATA', async () => {
    const env = { CAMPAIGN_DATA: path.join(dir, 'lake') };
    expect((await campaign(['register', fixture('campaign-valid.yaml')], env)).code).toBe(0);
    const ingest = await campaign(['ingest', fixture('sources/meta-daily-region.csv'), '--json'], env);
    expect(ingest.code).toBe(0);
    const summary = JSON.parse(ingest.stdout);
    expect(summary.files[0]).toMatchObject({ format: 'meta-ads-csv', status: 'accepted', rows: 4, rejected: 0, errors: [] });
    expect(summary.totals).toMatchObject({ impressions: 4550, reach: 3445, clicks: 55, link_clicks: 42, spend: 22.9, currency: 'GBP' });
    const partner = await campaign(['ingest', fixture('sources/partner-weekly.csv'), '--partner', 'fenland-helpline', '--json'], env);
    expect(JSON.parse(partner.stdout).totals).toMatchObject({ helpline_calls: 17, referrals: 2 });

    const analyse = await campaign(['analyse', 'fenland-test', '--as-of', '2026-04-05', '--json'], env);
    expect(analyse.code).toBe(0);
    const { report } = JSON.parse(analyse.stdout);
    expect(report.campaign.id).toBe('fenland-test');
    expect(report.delivery).toMatchObject({ impressions: 4550, clicks: 55, spend: 22.9, currency: 'GBP' });
    expect(report.goals[0]).toMatchObject({ metric: 'impressions', kind: 'total', target: 4000, actual: 4550, status: 'met' });

    const sql = await campaign(['sql', 'SELECT count(*) AS n FROM ad_delivery', '--json'], env);
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 4 }]);
  });

  it('exits 2 and names file, row, column and reason when a file is rejected', async () => {
    const env = { CAMPAIGN_DATA: path.join(dir, 'lake2') };
    const file = fixture('sources/meta-bad-rows.csv');
    const r = await campaign(['ingest', file], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${file}: row 4, column "Impressions": "12x4" is not a number`);
    expect(r.stdout).toMatch(/nothing was loaded/);
    expect(existsSync(path.join(dir, 'lake2', 'curated'))).toBe(false);
    const json = await campaign(['ingest', file, '--json'], env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).files[0]).toMatchObject({ status: 'rejected', rows: 0, rejected: 3 });
  });

  it('passes --period and --currency for exports that do not state them (real Google and Meta API samples)', async () => {
    const samples = fileURLToPath(new URL('../../../shared/samples/exports/', import.meta.url));
    const env = { CAMPAIGN_DATA: path.join(dir, 'lake-real') };
    const google = path.join(samples, 'google_ads_campaign_report_en_utf8.csv');
    expect((await campaign(['ingest', google], env)).code).toBe(2);
    const ok = JSON.parse((await campaign(['ingest', google, '--period', '2024-01-01..2024-03-31', '--json'], env)).stdout);
    expect(ok.totals).toMatchObject({ impressions: 14117313, spend: 199421.15, currency: 'USD', reach: null });
    const api = path.join(samples, 'meta_insights_api_campaign_daily.json');
    const meta = JSON.parse((await campaign(['ingest', api, '--currency', 'USD', '--json'], env)).stdout);
    expect(meta.totals).toMatchObject({ impressions: 205191, reach: 103895, currency: 'USD' });
  });

  it('exits 2 on an invalid campaign file, naming the field', async () => {
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, readFileSync(fixture('campaign-valid.yaml'), 'utf8').replace('timezone: Europe/London', 'timezone: Mars/Olympus'));
    const r = await campaign(['register', bad, '--data', path.join(dir, 'lake3')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timezone: must be an IANA time zone/);
  });

  it('exits 2 on bad usage and an unknown campaign, 0 on --help', async () => {
    expect((await campaign(['frobnicate'])).code).toBe(2);
    expect((await campaign(['ingest', '--bogus', 'x'])).code).toBe(2);
    expect((await campaign(['analyse', 'nope', '--data', path.join(dir, 'lake4')])).stderr).toMatch(/No campaign "nope"/);
    const help = await campaign(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/demo .*register .*ingest .*analyse .*sql/s);
  });
});
