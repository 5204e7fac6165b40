import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const campaign = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'campaign-pdf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('campaign analyse --pdf', () => {
  it('writes report.pdf printed by the bundled Chromium, and a re-run keeps the earlier report', async () => {
    const env = { CAMPAIGN_DATA: path.join(dir, 'lake') };
    expect((await campaign(['register', fixture('campaign-valid.yaml')], env)).code).toBe(0);
    expect((await campaign(['ingest', fixture('sources/meta-daily-region.csv')], env)).code).toBe(0);
    const first = await campaign(['analyse', 'fenland-test', '--as-of', '2026-04-05', '--pdf'], env);
    expect(first.code).toBe(0);
    const pdfPath = first.stdout.split('\n').map((l) => l.trim()).find((l) => l.endsWith('report.pdf'))!;
    expect(new TextDecoder().decode(readFileSync(pdfPath).subarray(0, 5))).toBe('%PDF-');
    const again = await campaign(['analyse', 'fenland-test', '--as-of', '2026-04-05'], env);
    expect(again.stdout).toMatch(/replaces the earlier report for this date, which is kept in .*2026-04-05\/\d{8}T\d{9}Z\//);
  }, 180_000);
});
