import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'campaign-ingest-';
/** Far longer than any ingest runs (Lambda stops one at 10 minutes): a folder this old was left by a killed process. */
const STALE_MS = 6 * 60 * 60 * 1000;
let swept = false;

/**
 * A local folder of one ingest's working files (its Parquet files as they grow, its spilled period
 * keys) until it commits or rejects: they are not in the store, so nothing there changes before
 * the commit, and memory does not grow with the file. In Lambda this is /tmp (its ephemeral
 * storage); a process killed mid-ingest leaves the folder behind, never a visible upload, and the
 * next process to ingest there removes such leftovers once they are hours old.
 */
export class IngestStaging {
  readonly dir: string;
  private files = 0;

  constructor(root = tmpdir()) {
    if (!swept) sweepStale(root);
    swept = true;
    this.dir = mkdtempSync(path.join(root, PREFIX));
  }

  /** A new file name in the folder. */
  file(suffix: string): string {
    return path.join(this.dir, `${++this.files}${suffix}`);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Remove staging folders that killed processes left in root, once they are STALE_MS old. */
export function sweepStale(root: string, now = Date.now()): void {
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(root, name);
    try {
      if (now - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already (another process swept it): nothing to do.
    }
  }
}
