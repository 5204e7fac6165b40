/**
 * The header of a file whose first line is not one (Google's report title and date range above
 * it, a partner sheet's title line), found as ingestObject finds it on the JavaScript path: each
 * line in turn is offered to the readers (with its own delimiter), up to MAX_PREAMBLE_LINES title
 * lines. Anything less plain than that (a blank line, a line cut by the head's end, a forced
 * format that does not match) is left to the reader: undefined.
 */
import { open } from 'node:fs/promises';
import { utf8BomLength } from '../../sources/byte-marks.ts';
import { detectDelimiter, splitRecord } from '../../sources/csv-stream.ts';
import type { SourceReader } from '../../sources/reader.ts';
import { detectReader, readerByFormat } from '../../sources/registry.ts';
import { MAX_PREAMBLE_LINES } from '../ingest-object.ts';

export interface FoundHeader {
  cells: string[];
  delimiter: string;
  reader: SourceReader;
  /** The raw lines above the header (the reader's `preamble`); their count is what DuckDB skips. */
  preamble: string[];
}

const HEAD_BYTES = 64 * 1024;

/** The first 64 KB of a file: where its header must be. */
export async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function findHeader(file: string, format: string | undefined): Promise<FoundHeader | undefined> {
  const head = await readHead(file);
  const forced = format ? readerByFormat(format) : undefined;
  if (format && !forced) return undefined;
  const preamble: string[] = [];
  let at = utf8BomLength(head);
  for (;;) {
    const nl = head.indexOf(0x0a, at);
    if (nl === -1) return undefined;
    let line = head.subarray(at, nl).toString('utf8');
    at = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '' || line.includes('\r') || line.includes('\ufffd') || line.charCodeAt(0) === 0xfeff) return undefined;
    const delimiter = detectDelimiter(line);
    const cells = splitRecord(line, delimiter).map((h) => h.trim());
    const found = forced ? (forced.matches(cells) ? forced : undefined) : detectReader(cells, 'csv');
    if (found) return { cells, delimiter, reader: found, preamble };
    // A forced reader that takes no title lines is bound to the first line, matching or not: the reader's case.
    if (forced && !forced.preamble) return undefined;
    if (preamble.length >= MAX_PREAMBLE_LINES) return undefined;
    preamble.push(line);
  }
}
