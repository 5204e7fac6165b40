import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestStaging, sweepStale } from '../../shared/pipeline/ingest-staging.ts';

describe('ingest staging folders', () => {
  it('are removed whole after use, and leftovers of killed processes once they are hours old', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'staging-root-'));
    try {
      // Prepare: what a SIGKILLed ingest leaves (7 hours ago and 1 minute ago), and another program's folder.
      const old = path.join(root, 'campaign-ingest-old');
      const recent = path.join(root, 'campaign-ingest-recent');
      const other = path.join(root, 'someone-else');
      for (const d of [old, recent, other]) {
        mkdirSync(d);
        writeFileSync(path.join(d, '1.parquet'), 'x');
      }
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
      utimesSync(old, hoursAgo(7), hoursAgo(7));
      utimesSync(other, hoursAgo(7), hoursAgo(7));
      utimesSync(recent, hoursAgo(1 / 60), hoursAgo(1 / 60));
      // Act
      sweepStale(root);
      const staging = new IngestStaging(root);
      writeFileSync(staging.file('.keys'), 'k');
      staging.dispose();
      // Assess: only the old leftover and the used folder are gone.
      expect([old, recent, other, staging.dir].map(existsSync)).toEqual([false, true, true, false]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
