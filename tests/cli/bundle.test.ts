/** The CLI bundle: rebuilt when the sources change, and it answers like the sources do. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle, fingerprint, freshBundle } from '../../bin/cli-bundle.mjs';

const BIN = fileURLToPath(new URL('../../bin/campaign.mjs', import.meta.url));
const run = (env: Record<string, string>) => execFileSync(process.execPath, [BIN, '--help'], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('campaign command bundle', () => {
  it('is found only for the exact sources it was built from', async () => {
    const print = fingerprint();
    const entry = freshBundle(print) ?? (await buildBundle(print));
    expect(freshBundle(print)).toBe(entry);
    // Any edit changes a size or an mtime, hence the fingerprint: a stale bundle is never used.
    const edited = print.replace(/^(cli\/main\.ts:\d+:)[\d.]+/m, '$1999');
    expect(edited).not.toBe(print);
    expect(freshBundle(edited)).toBeUndefined();
    expect(print).toMatch(/^shared\/portal\/accounts\.ts:\d+:/m);
  }, 60_000);

  it('prints the same help from the bundle as from the sources through tsx', () => {
    expect(run({})).toBe(run({ CAMPAIGN_NO_BUNDLE: '1' }));
  }, 60_000);
});
