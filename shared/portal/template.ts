/**
 * The example partner template offered for download. It is templates/service-demand.csv without
 * its partner column: the portal knows who is signed in, so the same file works for every partner.
 */
import { readFile } from 'node:fs/promises';

const TEMPLATE_URL = new URL('../../templates/service-demand.csv', import.meta.url);

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
  cached ??= withoutPartnerColumn(await readFile(TEMPLATE_URL, 'utf8'));
  return cached;
}
