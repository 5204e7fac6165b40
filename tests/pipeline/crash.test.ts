/**
 * Crash tests: a real `campaign` process is killed with SIGKILL at several moments of an ingest
 * (a re-export over existing data) and of a compaction. Afterwards SQL must show either the old
 * or the new totals, never a mix, and the next command must succeed at once.
 */
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Failpoint } from '../../shared/lake/failpoints.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));

function campaign(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Start a command and SIGKILL it after `ms`; resolves when it is gone (it may have finished first). */
function killAfter(args: string[], ms: number, failpoint?: Failpoint): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...(failpoint ? { CAMPAIGN_FAILPOINT: failpoint } : {}) };
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

/** Weekly counts of one partner at many sites over five years (five year partitions). */
function partnerFile(count: number): string {
  const lines = ['region,location,week_start,channel,count'];
  for (let site = 0; site < 60; site++)
    for (let w = 0; w < 5 * 52; w++) lines.push(`GB-CAM,site ${site},${new Date(Date.UTC(2021, 0, 4 + 7 * w)).toISOString().slice(0, 10)},helpline_calls,${count}`);
  return `${lines.join('\n')}\n`;
}
const ROWS = 60 * 5 * 52;

/** Data files whose upload never committed: left by a kill between writing and committing. */
async function uncommittedFiles(root: string): Promise<number> {
  const store = new LocalFolderStore(root);
  const committed = new Set((await store.list('curated/upload_events/')).map((o) => o.key.replace(/^.*\/|\.commit\..*$/g, '')));
  return (await store.list('curated/service_demand_versions/')).filter((o) => !committed.has(o.key.replace(/^.*\/|\.parquet$/g, ''))).length;
}

async function total(root: string): Promise<number> {
  const engine = await DuckDbEngine.open(new LocalFolderStore(root));
  try {
    const [r] = await engine.query('SELECT COALESCE(SUM(count), 0) AS n, COUNT(*) AS k FROM service_demand');
    expect(r!.k === 0 || r!.k === ROWS).toBe(true); // each key once, or nothing
    return Number(r!.n);
  } finally {
    await engine.close();
  }
}

let t: Awaited<ReturnType<typeof tempStore>>;
let oldFile: string;
let newFile: string;
beforeAll(async () => {
  t = await tempStore();
  oldFile = path.join(t.root, '..', `${path.basename(t.root)}-old.csv`);
  newFile = path.join(t.root, '..', `${path.basename(t.root)}-new.csv`);
  await writeFile(oldFile, partnerFile(1));
  await writeFile(newFile, partnerFile(2));
});
afterAll(async () => {
  await t.cleanup();
});

describe('SIGKILL during a re-export', () => {
  it('leaves the old or the new totals, and the next ingest succeeds at once', async () => {
    const data = ['--data', t.root];
    expect((await campaign(['ingest', oldFile, '--partner', 'p1', ...data])).code).toBe(0);
    const outcomes: string[] = [];
    // Killed (SIGKILL) at named points (CAMPAIGN_FAILPOINT: the process kills itself there) and at
    // two moments of a measured run.
    const started = Date.now();
    expect((await campaign(['ingest', newFile, '--partner', 'p1', ...data])).code).toBe(0);
    const full = Date.now() - started;
    const kills: [Failpoint | undefined, number][] = [
      ['ingest:after-first-data-file', 60_000],
      ['ingest:before-commit', 60_000],
      ['ingest:after-commit', 60_000],
      [undefined, Math.round(0.5 * full)],
      [undefined, Math.round(0.9 * full)],
    ];
    for (const [point, ms] of kills) {
      // Alternate which file is the "re-export", so every kill is over existing data.
      const before = await total(t.root);
      const next = before === ROWS ? newFile : oldFile;
      const how = await killAfter(['ingest', next, '--partner', 'p1', ...data], ms, point);
      if (point) expect(how).toBe('killed');
      const after = await total(t.root);
      expect([ROWS, 2 * ROWS]).toContain(after);
      // Before the commit the upload is absent; after it, it is there whole.
      if (point === 'ingest:after-commit') expect(after).not.toBe(before);
      if (point === 'ingest:before-commit' || point === 'ingest:after-first-data-file') expect(after).toBe(before);
      outcomes.push(`${point ?? `${ms} ms`}: ${after === before ? 'old' : 'new'} totals, ${await uncommittedFiles(t.root)} uncommitted files`);
      // No lock or half-written state blocks the owner: the same upload goes through now.
      const again = await campaign(['ingest', next, '--partner', 'p1', '--json', ...data]);
      expect(again.code, again.stderr).toBe(0);
      expect(await total(t.root)).toBe(next === newFile ? 2 * ROWS : ROWS);
    }
    console.log(`crash outcomes: ${outcomes.join('; ')}`);
  }, 180_000);
});

describe('SIGKILL during a compaction', () => {
  it('never changes what queries return, and the next compaction succeeds', async () => {
    const data = ['--data', t.root];
    const expected = await total(t.root);
    for (const point of ['compact:after-merged-file', 'compact:after-manifest'] as const) {
      expect(await killAfter(['compact', ...data], 60_000, point)).toBe('killed');
      expect(await total(t.root)).toBe(expected);
    }
    // Deleting what earlier runs merged, killed half way.
    expect(await killAfter(['compact', '--delete-after', '0', ...data], 60_000, 'compact:mid-delete')).toBe('killed');
    expect(await total(t.root)).toBe(expected);
    const done = await campaign(['compact', '--delete-after', '0', '--json', ...data]);
    expect(done.code, done.stderr).toBe(0);
    expect(await total(t.root)).toBe(expected);
  }, 120_000);
});
