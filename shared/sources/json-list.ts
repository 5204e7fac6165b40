import { CsvFormatError } from './csv-stream.ts';

/** What a document's list turned out to be, once the whole document was read. */
export interface JsonList {
  /** The top-level array, the top-level object's `data` array, or none (then it is no list of rows). */
  list: 'array' | 'data' | null;
  /** Items in the list. */
  items: number;
  /** The document's first keys (an array's: its indexes), for a message naming what was found. */
  keys: string[];
}

/** One value is held whole while it is read: an insights row is well under 10 KB, so a far larger one is refused. */
const MAX_VALUE_CHARS = 16 * 1024 * 1024;
/** Keys named in "unrecognised JSON file: found keys [...]". */
const KEYS_SHOWN = 12;

type Expect = 'document' | 'key-or-close' | 'key' | 'colon' | 'member' | 'after-member' | 'item-or-close' | 'item' | 'after-item' | 'end';

/**
 * Read a JSON document as a stream and hand over the items of its list (the document itself when
 * it is an array, else its `data` array) one parsed item at a time, in order: memory holds one item,
 * never the file. Each item (and every other value, such as `paging`) is cut out by a small scanner
 * that tracks strings and brackets, then parsed by `JSON.parse`, which checks it strictly; the
 * scanner checks the punctuation between them. Any fault throws a CsvFormatError naming the line
 * and column (and the item), so the caller can reject the file before it stores anything.
 */
export async function forEachListItem(bytes: AsyncIterable<Uint8Array>, onItem: (item: unknown, row: number) => void): Promise<JsonList> {
  const scanner = new ListScanner(onItem);
  const decoder = new TextDecoder('utf-8', { fatal: true }); // strips a byte-order mark
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvFormatError('the JSON file is not UTF-8 text');
    }
  };
  for await (const chunk of bytes) scanner.feed(decode(chunk));
  scanner.feed(decode());
  return scanner.end();
}

class ListScanner {
  private expect: Expect = 'document';
  private isObject = false;
  private key = '';
  private sawData = false;
  private readonly result: JsonList = { list: null, items: 0, keys: [] };
  // The value being cut out: its pieces so far, open brackets (as the code that closes each), string state.
  private capturing: 'key' | 'member' | 'item' | null = null;
  private parts: string[] = [];
  private size = 0;
  private scalar = false;
  private readonly closers: number[] = [];
  private inString = false;
  private escaped = false;
  private start = { line: 1, column: 1 };
  // Position: characters before the current chunk, and lines counted up to `counted`.
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private counted = 0;

  constructor(private readonly onItem: (item: unknown, row: number) => void) {}

  feed(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.capturing) {
        i = this.cut(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i += 1;
        continue;
      }
      switch (this.expect) {
        case 'document':
          if (c === 123) this.isObject = true;
          else if (c === 91) this.result.list = 'array';
          else this.fail(text, i, 'expected { or [');
          this.expect = c === 123 ? 'key-or-close' : 'item-or-close';
          i += 1;
          break;
        case 'key-or-close':
        case 'key':
          if (c === 125 && this.expect === 'key-or-close') {
            this.expect = 'end';
            i += 1;
          } else if (c === 34) this.begin(text, i, 'key');
          else this.fail(text, i, 'expected a property name in double quotes');
          break;
        case 'colon':
          if (c !== 58) this.fail(text, i, "expected ':' after a property name");
          this.expect = 'member';
          i += 1;
          break;
        case 'member':
          if (this.key === 'data' && c === 91) {
            this.result.list = 'data';
            this.expect = 'item-or-close';
            i += 1;
          } else this.begin(text, i, 'member');
          break;
        case 'after-member':
          if (c === 44) this.expect = 'key';
          else if (c === 125) this.expect = 'end';
          else this.fail(text, i, "expected ',' or '}' after a property value");
          i += 1;
          break;
        case 'item-or-close':
        case 'item':
          if (c === 93 && this.expect === 'item-or-close') {
            this.expect = this.isObject ? 'after-member' : 'end';
            i += 1;
          } else this.begin(text, i, 'item');
          break;
        case 'after-item':
          if (c === 44) this.expect = 'item';
          else if (c === 93) this.expect = this.isObject ? 'after-member' : 'end';
          else this.fail(text, i, `expected ',' or ']' after item ${this.result.items}`);
          i += 1;
          break;
        case 'end':
          this.fail(text, i, 'there is more after the end of the JSON document');
      }
    }
    this.countLines(text, n);
    this.offset += n;
  }

  end(): JsonList {
    if (this.capturing && this.scalar) this.finish();
    if (this.capturing || this.expect !== 'end') this.fail('', 0, 'the file ends before the JSON document does (cut short?)');
    return this.result;
  }

  private begin(text: string, i: number, what: 'key' | 'member' | 'item'): void {
    this.start = this.where(text, i);
    this.capturing = what;
    this.parts = [];
    this.size = 0;
    this.closers.length = 0;
    this.inString = false;
    this.escaped = false;
    const c = text.charCodeAt(i);
    this.scalar = c !== 123 && c !== 91 && c !== 34;
  }

  /** Cut the value being captured out of text from i on; returns where reading goes on. */
  private cut(text: string, i: number): number {
    const n = text.length;
    let j = i;
    let done = false;
    if (this.scalar) {
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) break;
      }
      done = j < n;
    } else {
      const closers = this.closers;
      let inString = this.inString;
      let escaped = this.escaped;
      for (; j < n && !done; j++) {
        const c = text.charCodeAt(j);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            done = closers.length === 0;
          }
        } else if (c === 34) inString = true;
        else if (c === 123) closers.push(125);
        else if (c === 91) closers.push(93);
        // A bracket that closes the wrong thing ends the value too: JSON.parse then says what is wrong.
        else if (c === 125 || c === 93) done = closers.pop() !== c || closers.length === 0;
      }
      this.inString = inString;
      this.escaped = escaped;
    }
    this.parts.push(text.slice(i, j));
    this.size += j - i;
    if (this.size > MAX_VALUE_CHARS) this.fail(text, i, `${this.what()} is larger than ${MAX_VALUE_CHARS / 1024 / 1024} MB`, this.start);
    if (done) this.finish();
    return j;
  }

  private finish(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.failInValue(text, (e as Error).message);
    }
    const what = this.capturing;
    this.capturing = null;
    const keys = this.result.keys;
    if (what === 'key') {
      this.key = value as string;
      if (this.key === 'data' && this.sawData) this.fail('', 0, 'the key "data" appears twice', this.start);
      this.sawData ||= this.key === 'data';
      if (keys.length < KEYS_SHOWN && !keys.includes(this.key)) keys.push(this.key);
      this.expect = 'colon';
    } else if (what === 'member') this.expect = 'after-member';
    else {
      const row = ++this.result.items;
      if (this.result.list === 'array' && keys.length < KEYS_SHOWN) keys.push(String(row - 1));
      this.expect = 'after-item';
      this.onItem(value, row);
    }
  }

  /** JSON.parse's complaint about a captured value, placed in the file (its position is within the value). */
  private failInValue(text: string, message: string): never {
    const at = /at position (\d+)/.exec(message);
    const p = at ? Number(at[1]) : text.length;
    const before = text.slice(0, p);
    const lines = before.split('\n').length - 1;
    const place = lines === 0 ? { line: this.start.line, column: this.start.column + p } : { line: this.start.line + lines, column: p - before.lastIndexOf('\n') };
    return this.fail('', 0, message.replace(/ in JSON at position \d+.*$/, ''), place);
  }

  private what(): string {
    if (this.capturing === 'item') return `item ${this.result.items + 1} of ${this.result.list === 'data' ? 'data[]' : 'the array'}`;
    return this.capturing === 'key' ? 'a property name' : `the value of "${this.key}"`;
  }

  private fail(text: string, i: number, reason: string, place = this.where(text, i)): never {
    const inside = this.capturing ? ` (${this.what()})` : '';
    throw new CsvFormatError(`the file starts like JSON but is not valid JSON at line ${place.line}, column ${place.column}${inside}: ${reason}`);
  }

  /** Line and column of text[i] (text: the current chunk); positions asked for only move forward. */
  private where(text: string, i: number): { line: number; column: number } {
    this.countLines(text, i);
    return { line: this.line, column: this.offset + i - this.lineStart + 1 };
  }

  private countLines(text: string, upTo: number): void {
    for (let k = text.indexOf('\n', Math.max(0, this.counted - this.offset)); k !== -1 && k < upTo; k = text.indexOf('\n', k + 1)) {
      this.line += 1;
      this.lineStart = this.offset + k + 1;
    }
    this.counted = Math.max(this.counted, this.offset + upTo);
  }
}
