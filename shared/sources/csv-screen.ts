/**
 * A byte-level look at a whole delimited file, for the DuckDB fast path: it says whether DuckDB's
 * CSV parser and csv-stream.ts would cut every record into the same cells, and whether trimming
 * spaces alone is JavaScript's trim() there. Anything it cannot vouch for (a quote inside a
 * field, a quoted field over several lines, a lone CR, non-space whitespace such as a no-break
 * space, invalid UTF-8) sends the file to the JavaScript reader, which decides and words the
 * messages. It also hashes the bytes (the upload's SHA-256) in the same pass.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { utf8BomLength } from './byte-marks.ts';

export interface ScreenResult {
  sha256: string;
  /** Why the fast path must not take the file, or undefined when it may. */
  unsafe?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** JavaScript's trim() removes these besides the space; any of them in a cell goes to the reader. */
const CONTROL_WHITESPACE = [0x09, 0x0b, 0x0c, 0x00];
/** UTF-8 of U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF. */
const UNICODE_WHITESPACE = [[0xc2, 0xa0], [0xe1, 0x9a, 0x80], [0xe2, 0x81, 0x9f], [0xe3, 0x80, 0x80], [0xef, 0xbb, 0xbf]].map((b) => Buffer.from(b));
const E2_80 = Buffer.from([0xe2, 0x80]);
const isE280Space = (b: number | undefined) => b !== undefined && ((b >= 0x80 && b <= 0x8a) || b === 0xa8 || b === 0xa9 || b === 0xaf);

export class CsvScreen {
  private readonly hash = createHash('sha256');
  private carry: Buffer = Buffer.alloc(0);
  private unsafe: string | undefined;
  private first = true;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Nothing of `chunk` is kept after the call (the caller may read the next chunk into the same buffer). */
  feed(chunk: Uint8Array): void {
    this.hash.update(chunk);
    if (this.unsafe) return;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Whole lines only, so no pattern or quoted field is cut between chunks; only the line cut
    // between two chunks is joined (a copy of every chunk was a megabyte of garbage a megabyte read).
    const firstEnd = buf.indexOf(LF) + 1;
    if (firstEnd === 0) {
      this.carry = Buffer.concat([this.carry, buf]);
      return;
    }
    this.block(this.carry.length ? Buffer.concat([this.carry, buf.subarray(0, firstEnd)]) : buf.subarray(0, firstEnd));
    const end = buf.lastIndexOf(LF) + 1;
    if (end > firstEnd && !this.unsafe) this.block(buf.subarray(firstEnd, end));
    this.carry = Buffer.from(buf.subarray(end));
  }

  finish(): ScreenResult {
    if (!this.unsafe && this.carry.length) this.block(this.carry);
    return { sha256: this.hash.digest('hex'), ...(this.unsafe ? { unsafe: this.unsafe } : {}) };
  }

  private block(b: Buffer): void {
    const start = this.first ? utf8BomLength(b) : 0;
    this.first = false;
    const why = this.check(b, start);
    if (why) this.unsafe = why;
  }

  private check(b: Buffer, start: number): string | undefined {
    if (!isUtf8(b)) return 'not UTF-8';
    for (const c of CONTROL_WHITESPACE) if (c !== this.delimiter && b.indexOf(c, start) !== -1) return 'control character';
    for (const p of UNICODE_WHITESPACE) if (b.indexOf(p, start) !== -1) return 'non-space whitespace';
    for (let i = b.indexOf(E2_80, start); i !== -1; i = b.indexOf(E2_80, i + 2)) if (isE280Space(b[i + 2])) return 'non-space whitespace';
    for (let i = b.indexOf(CR, start); i !== -1; i = b.indexOf(CR, i + 1)) if (b[i + 1] !== LF) return 'CR without LF';
    return this.quotes(b, start);
  }

  /** Every quote opens a field (after a delimiter or a line break) or closes it (before one), or is doubled inside; no line break inside. */
  private quotes(b: Buffer, start: number): string | undefined {
    const d = this.delimiter;
    for (let q = b.indexOf(QUOTE, start); q !== -1; q = b.indexOf(QUOTE, q + 1)) {
      const before = q === start ? LF : b[q - 1];
      if (before !== d && before !== LF) return 'quote inside a field';
      for (;;) {
        const close = b.indexOf(QUOTE, q + 1);
        if (close === -1) return 'quoted field not closed on its line';
        const lf = b.indexOf(LF, q + 1);
        const cr = b.indexOf(CR, q + 1);
        if ((lf !== -1 && lf < close) || (cr !== -1 && cr < close)) return 'line break inside a quoted field';
        // A tab inside quotes in a tab-separated file: JavaScript's trim() removes it, DuckDB's trim() keeps it.
        if (d === 0x09) {
          const tab = b.indexOf(0x09, q + 1);
          if (tab !== -1 && tab < close) return 'tab inside a quoted field';
        }
        if (b[close + 1] === QUOTE) {
          q = close + 1; // a doubled quote: still inside
          continue;
        }
        const after = b[close + 1];
        if (after !== undefined && after !== d && after !== CR && after !== LF) return 'text after a closing quote';
        q = close;
        break;
      }
    }
    return undefined;
  }
}
