import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { quarantineKey } from '../../shared/lake/layout.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { eraseRawFile, purgeRaw } from '../../shared/pipeline/purge-raw.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function lake() {
  const t = await tempStore();
  cleanup = t.cleanup;
  const old = 'raw/partners/fen/2026-01-05/counts.csv';
  const recent = 'raw/partners/fen/2026-11-20/counts.csv';
  const ads = 'raw/ads/meta/2026-01-05/export.csv';
  const refused = 'rejected/partners/fen/2026-01-05/refused.csv';
  for (const k of [old, recent, ads, refused]) await t.store.put(k, enc('x'));
  await t.store.put(quarantineKey(old), enc('{}'));
  return { ...t, old, recent, ads, refused };
}

describe('raw partner retention', () => {
  it('deletes partner uploads older than the retention, with their quarantine files; keeps newer ones and ad exports', async () => {
    const t = await lake();
    const dry = await purgeRaw(t.store, { olderThanDays: 90, today: '2026-12-01', dryRun: true });
    expect(dry.deleted).toEqual([t.old, t.refused]);
    expect(await t.store.exists(t.old)).toBe(true);
    const r = await purgeRaw(t.store, { olderThanDays: 90, today: '2026-12-01' });
    expect(r).toEqual({ deleted: [t.old, t.refused], quarantine: [quarantineKey(t.old)] });
    expect(await keysUnder(t.store, 'raw/')).toEqual([t.ads, t.recent].sort());
    expect(await keysUnder(t.store, 'rejected/')).toEqual([]);
    expect(await keysUnder(t.store, 'quarantine/')).toEqual([]);
  });

  it('erases one file uploaded by mistake, and refuses keys outside raw/partners/', async () => {
    const t = await lake();
    await eraseRawFile(t.store, t.recent);
    expect(await t.store.exists(t.recent)).toBe(false);
    await expect(eraseRawFile(t.store, t.ads)).rejects.toThrow(/not a raw partner upload/);
    await expect(eraseRawFile(t.store, 'raw/partners/fen/2026-11-20/none.csv')).rejects.toThrow(/does not exist/);
  });

  it('erases a rejected upload that held personal data: raw file and quarantine both go', async () => {
    const t = await lake();
    const csv = 'partner,region,location,period_start,period,channel,count\nfen,GB-CAM,jo@example.org,2026-03-02,week,helpline_calls,3\n';
    const res = await ingestFile(t.store, 'mistake.csv', enc(csv), { partnerId: 'fen' });
    expect(res.status).toBe('rejected');
    const raw = (await keysUnder(t.store, 'raw/partners/')).find((k) => k.includes('mistake'))!;
    expect(await t.store.exists(quarantineKey(raw))).toBe(true);
    const r = await eraseRawFile(t.store, raw);
    expect(r.quarantine).toEqual([quarantineKey(raw)]);
    expect((await keysUnder(t.store, 'raw/partners/')).some((k) => k.includes('mistake'))).toBe(false);
    expect(await t.store.exists(quarantineKey(raw))).toBe(false);
  });

  it('campaign purge-raw --older-than runs from the CLI and rejects a bad number', async () => {
    const t = await lake();
    const today = todayIn('UTC');
    const fresh = `raw/partners/fen/${today}/today.csv`;
    const stale = `raw/partners/fen/${addDays(today, -40)}/stale.csv`;
    for (const k of [fresh, stale]) await t.store.put(k, enc('x'));
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [BIN, 'purge-raw', ...args, '--data', t.root], { timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const ok = await run(['--older-than', '30', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).deleted).toEqual([t.old, stale, t.refused].sort());
    expect(await t.store.exists(fresh)).toBe(true);
    const bad = await run(['--older-than', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a whole number');
  }, 60_000);
});
