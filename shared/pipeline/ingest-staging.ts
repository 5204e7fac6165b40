import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A local folder of one ingest's working files (its Parquet files as they grow, its spilled period
 * keys) until it commits or rejects: they are not in the store, so nothing there changes before
 * the commit, and memory does not grow with the file. In Lambda this is /tmp (its ephemeral
 * storage); a process killed mid-ingest leaves the folder behind, never a visible upload.
 */
export class IngestStaging {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'campaign-ingest-'));
  private files = 0;

  /** A new file name in the folder. */
  file(suffix: string): string {
    return path.join(this.dir, `${++this.files}${suffix}`);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
