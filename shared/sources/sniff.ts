import { CsvFormatError } from './csv-stream.ts';
import { startsAsJson } from './byte-marks.ts';
import { why } from './reasons.ts';
import { isOle2, isZip, SheetError, xlsxToCsv } from './spreadsheet.ts';

/** What the first bytes of an upload say it is. */
export type SniffedSource =
  | { kind: 'json'; text: string }
  /** JSON left as its bytes (with `streamJson`), for a reader that streams it (json-list.ts). */
  | { kind: 'json-bytes'; chunks: AsyncIterable<Uint8Array> }
  /** Delimited text: UTF-8 bytes passed through (the CSV parser decodes and checks them), or decoded UTF-16 text. */
  | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; chunks: AsyncIterable<Uint8Array | string> };

/**
 * Look at the start of a byte stream and decide how to read it, without loading CSV whole:
 * a UTF-16 byte-order mark (Google Ads exports "CSV" as UTF-16LE with tabs) or a UTF-16LE
 * pattern of zero bytes means UTF-16; `{` or `[` first means JSON (read whole, or with
 * `streamJson` passed on as bytes); a zip is an Excel workbook (spreadsheet.ts); anything else is UTF-8
 * delimited text.
 */
export async function sniffSource(chunks: AsyncIterable<Uint8Array>, opts: { sheet?: string | undefined; streamJson?: boolean } = {}): Promise<SniffedSource> {
  const it = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < 64 && !done) {
    const next = await it.next();
    if (next.done) done = true;
    else {
      head.push(next.value);
      size += next.value.length;
    }
  }
  const first = concat(head);
  const rest = async function* (): AsyncIterable<Uint8Array> {
    if (first.length) yield first;
    if (done) return;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  };
  // An Excel workbook: read whole (a zip cannot be streamed) and handed on as its sheet's CSV text.
  if (isZip(first)) {
    const parts: Uint8Array[] = [];
    for await (const c of rest()) parts.push(c);
    return { kind: 'text', encoding: 'utf-8', chunks: (async function* () { yield await xlsxToCsv(concat(parts), opts.sheet); })() };
  }
  if (isOle2(first))
    throw new SheetError(why('xlsOld'));
  const encoding = utf16(first);
  if (encoding) return { kind: 'text', encoding, chunks: decode(rest(), encoding) };
  const json = startsAsJson(first);
  if (json && opts.streamJson) return { kind: 'json-bytes', chunks: rest() };
  if (json) {
    const parts: Uint8Array[] = [];
    for await (const c of rest()) parts.push(c);
    try {
      return { kind: 'json', text: new TextDecoder('utf-8', { fatal: true }).decode(concat(parts)) };
    } catch {
      throw new CsvFormatError('the JSON file is not UTF-8 text');
    }
  }
  return { kind: 'text', encoding: 'utf-8', chunks: rest() };
}

function utf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // No mark: ASCII text in UTF-16LE has a zero in every odd byte.
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return 'utf-16le';
  return undefined;
}

async function* decode(chunks: AsyncIterable<Uint8Array>, encoding: 'utf-16le' | 'utf-16be'): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const c of chunks) yield decoder.decode(c, { stream: true });
    yield decoder.decode();
  } catch (e) {
    if (e instanceof TypeError) throw new CsvFormatError(`the file starts as ${encoding.toUpperCase()} text but is not valid ${encoding.toUpperCase()}`);
    throw e;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
