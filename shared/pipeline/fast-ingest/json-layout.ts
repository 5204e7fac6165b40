/**
 * Where a JSON upload's list of items is, found from the file's head and tail (the list itself is
 * left to DuckDB and the screen): a top-level array, or an object whose first key is `data`
 * (`{"data": [...], "paging": {...}}`). DuckDB streams only a top-level array, so for the object
 * the fast path reads a scratch copy with every byte outside the list made a space. What lies
 * outside the list (at most 64 KB at each end) is checked here with JSON.parse, as the reader
 * would parse it, so that the whole document is valid JSON exactly when the list is. Anything
 * else (another first key, a cut document, a second `data`) is the reader's: undefined.
 */
import { copyFile, open } from 'node:fs/promises';
import { readHead } from './find-header.ts';
import { startsAsJson, utf8BomLength } from '../../sources/byte-marks.ts';

export interface JsonLayout {
  /** File offsets of the list's `[` and of its `]`. */
  start: number;
  end: number;
  /** True when the list is the `data` of an object (then DuckDB reads a copy: listCopy). */
  inObject: boolean;
}

const EDGE = 64 * 1024;
const WS = '[ \\t\\r\\n]*';
const DATA_FIRST = new RegExp(`^\\{${WS}"data"${WS}:${WS}\\[`);

/**
 * True when the file starts like JSON (after a byte-order mark and whitespace) within its first 64
 * bytes, which sniff.ts sees at least; more whitespace first is left to the reader.
 */
export function looksLikeJson(head: Buffer): boolean {
  return startsAsJson(head, 64);
}

export async function jsonLayout(file: string): Promise<JsonLayout | undefined> {
  const head = await readHead(file);
  const fh = await open(file, 'r');
  let tail: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    const n = Math.min(EDGE, size);
    tail = Buffer.alloc(n);
    await fh.read(tail, 0, n, size - n);
  } finally {
    await fh.close();
  }
  const bom = utf8BomLength(head);
  const text = head.toString('latin1');
  const lead = /^[ \t\r\n]*/.exec(text.slice(bom))![0].length + bom;
  const tailAt = size - tail.length;
  const tailText = tail.toString('latin1');
  const trimmedEnd = tailText.trimEnd().length; // JSON's whitespace is among trimEnd's
  if (text[lead] === '[') {
    const end = tailAt + trimmedEnd - 1;
    return tailText[trimmedEnd - 1] === ']' && end > lead && /^[ \t\r\n]*$/.test(tailText.slice(trimmedEnd)) ? { start: lead, end, inObject: false } : undefined;
  }
  const m = DATA_FIRST.exec(text.slice(lead));
  if (!m) return undefined;
  const start = lead + m[0].length - 1;
  const prefix = head.subarray(bom, start);
  // The list's `]`: the last one after which the rest closes the object (a wrong guess makes DuckDB
  // fail: the copy then holds an unclosed list, or text after it).
  for (let k = tailText.lastIndexOf(']'); k !== -1; k = k > 0 ? tailText.lastIndexOf(']', k - 1) : -1) {
    const end = tailAt + k;
    if (end <= start) return undefined;
    if (outsideIsValid(prefix, tail.subarray(k + 1))) return { start, end, inObject: true };
  }
  return undefined;
}

/**
 * The document with the list replaced by a sentinel string parses (UTF-8, strictly) and its
 * `data` is that sentinel: no later key named `data` (the reader refuses a second one).
 */
function outsideIsValid(prefix: Buffer, suffix: Buffer): boolean {
  const sentinel = `fast-path-${Math.random()}`;
  try {
    const decode = (b: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(b);
    const doc = JSON.parse(`${decode(prefix)}${JSON.stringify(sentinel)}${decode(suffix)}`) as { data?: unknown };
    return doc.data === sentinel;
  } catch {
    return false;
  }
}

/** The file DuckDB reads: the file itself for a top-level array, else a scratch copy with only the list left. */
export async function listCopy(file: string, layout: JsonLayout, scratchFile: string): Promise<string> {
  if (!layout.inObject) return file;
  await copyFile(file, scratchFile);
  const fh = await open(scratchFile, 'r+');
  try {
    const size = (await fh.stat()).size;
    await fh.write(Buffer.alloc(layout.start, 0x20), 0, layout.start, 0);
    const after = size - layout.end - 1;
    await fh.write(Buffer.alloc(after, 0x20), 0, after, layout.end + 1);
  } finally {
    await fh.close();
  }
  return scratchFile;
}
