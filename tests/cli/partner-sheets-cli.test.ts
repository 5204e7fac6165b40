/** campaign ingest of a partner's Excel workbook and wide CSV through the real binary: exact totals, the Total row noted. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wideSheet, workbook } from '../sources/support/workbooks.ts';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));
const campaign = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'campaign-sheets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('campaign ingest of partner spreadsheets', () => {
  it('loads a named sheet of a workbook and a wide CSV with exact totals; a wrong Total exits 2 and loads nothing', async () => {
    const env = { CAMPAIGN_DATA: path.join(dir, 'lake') };
    const xlsx = path.join(dir, 'fenland.xlsx');
    await writeFile(xlsx, await workbook({ Readme: [['Counts are on the next sheet']], Weekly: wideSheet() }));
    const r = await campaign(['ingest', xlsx, '--sheet', 'Weekly', '--partner', 'fenland-helpline', '--json'], env);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.files[0]).toMatchObject({ status: 'accepted', rows: 6, notes: [{ row: 8, reason: 'this looks like a total row; it matches the sum, so it was not loaded' }] });
    expect(summary.totals).toEqual({ helpline_calls: 50, referrals: 5 });

    const csv = path.join(dir, 'lincs.csv');
    await writeFile(csv, 'Week commencing,Area,Helpline calls,Referrals\n02/03/2026 00:00,Lincolnshire,21,4\n09/03/2026 00:00,Lincolnshire,25,6\nTotal,,46,10\n');
    const text = await campaign(['ingest', csv, '--partner', 'lincs-support-line'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('4 rows');
    expect(text.stdout).toContain('row 4: this looks like a total row; it matches the sum, so it was not loaded');

    await writeFile(csv, 'Week commencing,Area,Helpline calls,Referrals\n16/03/2026,Lincolnshire,21,4\nTotal,,20,4\n');
    const bad = await campaign(['ingest', csv, '--partner', 'lincs-support-line'], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/row 3, column "Helpline calls": this looks like a total row, but 20 does not match the sum of the rows above \(21\)/);
    // --lang: the same refusal with its reason in the partner's language, row and column kept.
    const lt = await campaign(['ingest', csv, '--partner', 'lincs-support-line', '--lang', 'lt'], env);
    expect(lt.code).toBe(2);
    expect(lt.stdout).toMatch(/row 3, column "Helpline calls": atrodo kaip sumos eilutė, bet 20 nesutampa su aukščiau esančių eilučių suma \(21\)/);
    expect((await campaign(['ingest', csv, '--lang', 'fr'], env)).stderr).toMatch(/--lang: the reasons are written in en, lt, it/);
    const sql = await campaign(['sql', "SELECT channel, CAST(sum(count) AS INTEGER) AS n FROM service_demand GROUP BY channel ORDER BY channel", '--json'], env);
    expect(JSON.parse(sql.stdout)).toEqual([{ channel: 'helpline_calls', n: 96 }, { channel: 'referrals', n: 15 }]);
  });
});
