/**
 * The byte screen of a JSON upload on the fast path, run while DuckDB reads it: hashes the file
 * and looks for what DuckDB's JSON reader would read otherwise than JSON.parse and the reader
 * do (measured: DuckDB refuses bad brackets, trailing commas, comments, bad escapes, lone
 * surrogates, bad UTF-8 in strings and duplicate keys of the fields it reads). Unsafe, so left
 * to the reader:
 * - `NaN`, `Infinity`, `inf` in any case (DuckDB accepts them, JSON.parse does not): the letters
 *   right after `:`, `,` or `[` (and spaces, a sign);
 * - a field the reader reads holding anything but a string or null (DuckDB reads a number, an
 *   object or `true` in a text column as text; the reader skips all but numbers, and writes
 *   numbers its own way);
 * - `actions:` anywhere (a key the reader would take for a flattened action), and `\u00..` of a
 *   letter, `_` or `:` (a key spelled with escapes);
 * - escapes of control characters (`\n`, `\t`, `\u0000`...: JavaScript's trim() removes some,
 *   the SQL's does not; other whitespace in the text fields is the plan's `leave` pattern's);
 * - invalid UTF-8 anywhere (the reader decodes the whole file).
 * Each pattern may also match inside a string: then a file goes to the reader for nothing, never
 * the other way round. A read field's key at a chunk's end is kept for the next chunk's search.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { ScreenResult } from '../../sources/csv-screen.ts';

/** Characters of the previous chunk searched again with the next, so that no pattern is cut. */
const OVERLAP = 256;
const WINDOW = 64 * 1024;
const SPACE = /[ \t\r\n]/;
const NUM = /nan|inf/gi;
/** Escapes of a control character, and of a letter, `_` or `:` after \u00. */
const ESCAPED = /^(?:[bfnrt]|u00(?:[01][0-9a-fA-F]|[67][0-9a-fA-F]|5[fF]|3[aA]))/;

export class JsonScreen {
  private readonly hash = createHash('sha256');
  /** A read field whose value starts with anything but a quote or `n` (null; NaN is NUM's). */
  private readonly typed: RegExp;
  /** The same key up to the end of the text: its value is in the next chunk. */
  private readonly keyAtEnd: RegExp;
  private tail = '';
  private utf8Tail: Buffer = Buffer.alloc(0);
  private unsafe: string | undefined;

  /** `scalars`: the fields the reader reads as text (plain names: letters and `_`). */
  constructor(scalars: readonly string[]) {
    if (!scalars.every((s) => /^[a-z_]+$/.test(s))) throw new Error('json-screen: field names must be plain');
    const keys = `"(?:${scalars.join('|')})"`;
    this.typed = new RegExp(`${keys}[ \\t\\r\\n]*:[ \\t\\r\\n]*[^"n \\t\\r\\n]`, 'g');
    this.keyAtEnd = new RegExp(`${keys}[ \\t\\r\\n]*(?::[ \\t\\r\\n]*)?$`);
  }

  feed(chunk: Buffer): void {
    this.hash.update(chunk);
    if (this.unsafe) return;
    // The reader decodes the whole file as UTF-8, fatally: checked a whole sequence at a time.
    const bytes = this.utf8Tail.length ? Buffer.concat([this.utf8Tail, chunk]) : chunk;
    const cut = utf8Cut(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return this.fail('not UTF-8');
    this.utf8Tail = Buffer.from(bytes.subarray(cut));
    // Bytes as latin1 characters (every pattern is ASCII, so it matches the same bytes), a window at
    // a time: strings under V8's large-object size are freed young, so the heap stays small.
    for (let at = 0; at < chunk.length && !this.unsafe; at += WINDOW) {
      const text = this.tail + chunk.toString('latin1', at, Math.min(chunk.length, at + WINDOW));
      const why = unsafeIn(text, this.tail.length, this.typed);
      if (why) return this.fail(why);
      this.tail = this.keep(text);
    }
  }

  finish(): ScreenResult {
    if (!this.unsafe && this.utf8Tail.length) this.fail('not UTF-8 at the end');
    return { sha256: this.hash.digest('hex'), ...(this.unsafe ? { unsafe: this.unsafe } : {}) };
  }

  private fail(why: string): void {
    this.unsafe ??= `unsafe JSON for DuckDB: ${why}`;
  }

  /** What the next chunk is searched with: the last OVERLAP characters, from a read field's key on if its value is not there yet. */
  private keep(text: string): string {
    let k = text.length;
    while (k > 0 && (SPACE.test(text[k - 1]!) || text[k - 1] === ':')) k -= 1;
    if (text[k - 1] === '"') {
      const open = text.lastIndexOf('"', k - 2);
      if (open !== -1 && this.keyAtEnd.test(text.slice(open))) return text.slice(Math.min(open, text.length - OVERLAP));
    }
    return text.slice(-OVERLAP);
  }
}

/** Why the text is unsafe, if it is; `seen`: characters at its start already searched (with the chunk before). */
function unsafeIn(text: string, seen: number, typed: RegExp): string | undefined {
  const at = (i: number) => `${JSON.stringify(text.slice(i, i + 40))}`;
  // Letters wholly in the characters kept from the last chunk were judged there, with more before them.
  NUM.lastIndex = Math.max(0, seen - 2);
  for (let m = NUM.exec(text); m; m = NUM.exec(text)) if (literalAt(text, m.index)) return `a number that JSON.parse refuses at ${at(m.index)}`;
  const flattened = text.indexOf('actions:', Math.max(0, seen - 7));
  if (flattened !== -1) return `a key the reader may take for a flattened action at ${at(flattened)}`;
  for (let p = text.indexOf('\\'); p !== -1; p = text.indexOf('\\', p + 2)) if (ESCAPED.test(text.slice(p + 1, p + 6))) return `an escape at ${at(p)}`;
  typed.lastIndex = 0;
  const t = typed.exec(text);
  return t ? `a field the reader reads holds a number, object, array or boolean at ${at(t.index)}` : undefined;
}

/** Whether the letters at i may be a value (after `:`, `,` or `[`, spaces and a sign), not inside a word. */
function literalAt(text: string, i: number): boolean {
  let k = i - 1;
  if (text[k] === '-' || text[k] === '+') k -= 1;
  while (k >= 0 && ' \t\r\n'.includes(text[k]!)) k -= 1;
  return k < 0 || ':,['.includes(text[k]!);
}

/** The end of the last whole UTF-8 sequence in bytes (a cut sequence begins at most 3 bytes back). */
function utf8Cut(bytes: Buffer): number {
  const n = bytes.length;
  for (let k = n - 1; k >= 0 && k >= n - 3; k--) {
    const b = bytes[k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return k + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) <= n ? n : k;
  }
  return n;
}
