/**
 * The example partner template offered for download. It is templates/service-demand.csv without
 * its partner column: the portal knows who is signed in, so the same file works for every partner.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The repository's templates/ folder: where the template sits when run from the sources. */
const DEFAULT_TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

/**
 * Where the template file is read from: `$CAMPAIGN_TEMPLATES_DIR/service-demand.csv` when set
 * (a Lambda bundle carries templates/ beside its code), else the repository's templates/.
 */
export function templateLocation(env: NodeJS.ProcessEnv = process.env): string | URL {
  const dir = env.CAMPAIGN_TEMPLATES_DIR;
  return dir ? path.join(dir, 'service-demand.csv') : new URL('service-demand.csv', DEFAULT_TEMPLATES_DIR);
}

let cached: string | undefined;

/** Drop the first column named `partner` from a CSV without quoted fields (the template has none). */
export function withoutPartnerColumn(csv: string): string {
  const lines = csv.replace(/\r\n/g, '\n').split('\n');
  const i = (lines[0] ?? '').split(',').findIndex((h) => h.trim().toLowerCase() === 'partner');
  if (i === -1) return csv;
  return lines.map((l) => (l === '' ? l : l.split(',').filter((_, j) => j !== i).join(','))).join('\n');
}

/** The template as served at /templates/service-demand.csv. */
export async function exampleTemplate(): Promise<string> {
  cached ??= withoutPartnerColumn(await readFile(templateLocation(), 'utf8'));
  return cached;
}
