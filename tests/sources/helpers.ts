import { readFileSync } from 'node:fs';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { AD_DELIVERY, type Row } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import type { IngestOptions } from '../../shared/pipeline/ingest-object.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

export const TODAY = '2026-11-27';

/** A fixture of ours, as bytes. */
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url)));

/** A real export from ../shared/samples/exports/ beside the checkout (never copied into the repository). */
export const sample = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../shared/samples/exports/${name}`, import.meta.url)));

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Text as Google writes its UTF-16LE "CSV": byte-order mark first. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

/**
 * Ingest bytes into a fresh temp lake (no --format) and return the result with the ad rows
 * that reached curated/.
 */
export async function ingest(name: string, bytes: Uint8Array, opts: IngestOptions = {}) {
  const { store, cleanup } = await tempStore();
  try {
    const result = await ingestFile(store, name, bytes, { today: TODAY, ...opts });
    const rows: Row[] = await readCurrentRows(store, AD_DELIVERY);
    return { result, rows, curated: await keysUnder(store, 'curated/') };
  } finally {
    await cleanup();
  }
}
