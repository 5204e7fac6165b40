#!/usr/bin/env node
// The `campaign` command. It runs from an esbuild bundle of the TypeScript sources (built on the
// first run and rebuilt whenever a source changed, see cli-bundle.mjs), so it starts in a
// fraction of the time tsx needs to transpile on every run. CAMPAIGN_NO_BUNDLE=1 runs the
// sources through tsx instead, as does any failure to build.
import { buildBundle, freshBundle } from './cli-bundle.mjs';

async function loadMain() {
  if (process.env.CAMPAIGN_NO_BUNDLE !== '1') {
    try {
      const entry = freshBundle() ?? (await buildBundle());
      return (await import(entry)).main;
    } catch (e) {
      if (process.env.CAMPAIGN_DEBUG) process.stderr.write(`campaign: running from the sources (bundle failed: ${e})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
