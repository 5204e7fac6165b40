// Start-up of the `campaign` command: the bundle (bin/campaign.mjs, the default) against the
// sources run through tsx (CAMPAIGN_NO_BUNDLE=1), beside bare `node -e 0` on the same machine.
// Median of several runs of whole processes. Alone: `npx tsx bench/startup.ts`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/campaign.mjs', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function seconds(args: string[], env: Record<string, string> = {}, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(times);
}

/** Print the start-up figures; returns them for tests or the README. */
export function benchStartup(): Record<string, number> {
  const data = mkdtempSync(path.join(tmpdir(), 'campaign-startup-'));
  try {
    seconds([BIN, '--help'], {}, 1); // builds the bundle if the sources changed
    const out = {
      node: seconds(['-e', '0']),
      helpBundle: seconds([BIN, '--help']),
      helpTsx: seconds([BIN, '--help'], { CAMPAIGN_NO_BUNDLE: '1' }),
      listBundle: seconds([BIN, 'partner', 'list', '--data', data]),
      listTsx: seconds([BIN, 'partner', 'list', '--data', data], { CAMPAIGN_NO_BUNDLE: '1' }),
    };
    const f = (s: number) => `${s.toFixed(2)} s`;
    console.log(`Start-up (median of 7 whole processes; bare node -e 0: ${f(out.node)}):`);
    console.log(`  campaign --help: ${f(out.helpBundle)} from the bundle, ${f(out.helpTsx)} through tsx (target well under 1 s)`);
    console.log(`  campaign partner list: ${f(out.listBundle)} from the bundle, ${f(out.listTsx)} through tsx`);
    return out;
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) benchStartup();
