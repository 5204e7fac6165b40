/**
 * The period key of an append-only table (TableDef.versioned.key): rows with the same key are
 * versions of one figure, and readers keep the newest live upload's. The same key finds
 * repeated rows inside one file and the earlier counts an upload replaces.
 */
import type { Row, TableDef } from './tables.ts';

/** A function from a row to its key as one string (unit separator between fields; null as \u0002). */
export function versionKeyOf(table: TableDef): (row: Row) => string {
  const cols = table.versioned?.key;
  if (!cols) throw new Error(`${table.name} is not an append-only table`);
  return (row) => {
    let k = '';
    for (let i = 0; i < cols.length; i++) {
      const v = row[cols[i]!];
      k += (i === 0 ? '' : '\u0001') + (v === null || v === undefined ? '\u0002' : String(v));
    }
    return k;
  };
}

/** The column holding a row's period (first day), for messages and period summaries. */
export function periodColumn(table: TableDef): string {
  return table.name === 'service_demand' ? 'period_start' : 'date_start';
}

/** Words naming the key in a message about a repeated row. */
export function keyWords(table: TableDef): string {
  return table.name === 'service_demand'
    ? 'region, location, channel and period'
    : 'campaign, ad set, ad, breakdown (region, age, gender, placement or keyword) and dates';
}

/**
 * The period keys of one upload, held as two independent hashes per key in typed arrays rather than
 * as strings in a Map: a million-row export would otherwise hold a million ~100-character keys (over
 * a GB as V8 strings). A key's identity is its first hash (53 bits) plus a 32-bit check hash; the
 * rare key whose first hash collides with another's is kept by its full string, so no answer is a guess.
 *
 * Memory is about 21 bytes per key: an open-addressing index of 4-byte entry numbers (at most 70%
 * full) over entries stored in fixed chunks (hash, check, row: 16 bytes), which never move, so
 * growing copies only the index. Five million keys take about 115 MB.
 */
export class VersionKeySet {
  // index: slot -> entry number + 1 (0 = empty). Entries: h1, h2 and the row it was first on.
  private index = new Int32Array(1 << 16);
  private readonly h1s: Float64Array[] = [];
  private readonly h2s: Uint32Array[] = [];
  private readonly rowNumbers: Int32Array[] = [];
  private used = 0;
  private readonly overflow = new Map<string, number>();
  // Set by mark(), one byte per entry, chunk by chunk as marks arrive.
  private readonly marks: Uint8Array[] = [];
  private readonly markedOverflow = new Set<string>();
  private readonly cols: string[];
  private readonly keyOf: (row: Row) => string;
  private h1 = 0;
  private h2 = 0;

  constructor(table: TableDef) {
    this.cols = table.versioned!.key;
    this.keyOf = versionKeyOf(table);
  }

  get size(): number {
    return this.used + this.overflow.size;
  }

  /** Add a row's key; returns the row it was first seen on when it was there already, else undefined. */
  add(row: Row, rowNumber: number): number | undefined {
    const slot = this.probe(row);
    const e = this.index[slot]! - 1;
    if (e >= 0) {
      if (this.h2At(e) === this.h2) return this.rowAt(e);
      // Same first hash, another key: keep this one by its full string.
      const key = this.keyOf(row);
      const earlier = this.overflow.get(key);
      if (earlier !== undefined) return earlier;
      this.overflow.set(key, rowNumber);
      return undefined;
    }
    const n = this.used++;
    const c = n >>> CHUNK_BITS;
    if (c === this.h1s.length) {
      this.h1s.push(new Float64Array(CHUNK));
      this.h2s.push(new Uint32Array(CHUNK));
      this.rowNumbers.push(new Int32Array(CHUNK));
    }
    const i = n & (CHUNK - 1);
    this.h1s[c]![i] = this.h1;
    this.h2s[c]![i] = this.h2;
    this.rowNumbers[c]![i] = rowNumber;
    this.index[slot] = n + 1;
    if (this.used * 10 > this.index.length * 7) this.grow();
    return undefined;
  }

  /** The row number a key was added with, or undefined. */
  find(row: Row): number | undefined {
    const e = this.index[this.probe(row)]! - 1;
    if (e >= 0 && this.h2At(e) === this.h2) return this.rowAt(e);
    return this.overflow.size > 0 ? this.overflow.get(this.keyOf(row)) : undefined;
  }

  /**
   * Mark a key of the set as found (in stored data); true the first time, false after, and false
   * for a key not in the set. Keyed by the key itself: one file row can hold several keys.
   */
  mark(row: Row): boolean {
    const e = this.index[this.probe(row)]! - 1;
    if (e >= 0 && this.h2At(e) === this.h2) {
      const c = e >>> CHUNK_BITS;
      while (this.marks.length <= c) this.marks.push(new Uint8Array(CHUNK));
      const i = e & (CHUNK - 1);
      if (this.marks[c]![i] === 1) return false;
      this.marks[c]![i] = 1;
      return true;
    }
    if (this.overflow.size === 0) return false;
    const key = this.keyOf(row);
    if (!this.overflow.has(key) || this.markedOverflow.has(key)) return false;
    this.markedOverflow.add(key);
    return true;
  }

  clear(): void {
    this.marks.length = 0;
    this.markedOverflow.clear();
    this.index = new Int32Array(1);
    this.h1s.length = 0;
    this.h2s.length = 0;
    this.rowNumbers.length = 0;
    this.used = 0;
    this.overflow.clear();
  }

  private h1At(e: number): number {
    return this.h1s[e >>> CHUNK_BITS]![e & (CHUNK - 1)]!;
  }
  private h2At(e: number): number {
    return this.h2s[e >>> CHUNK_BITS]![e & (CHUNK - 1)]!;
  }
  private rowAt(e: number): number {
    return this.rowNumbers[e >>> CHUNK_BITS]![e & (CHUNK - 1)]!;
  }

  /** Hash the row's key into h1/h2 and return its slot: where h1 is, or the empty slot it would go in. */
  private probe(row: Row): number {
    this.hash(row);
    const mask = this.index.length - 1;
    let slot = (this.h1 % 0x40000000) & mask;
    for (let e = this.index[slot]! - 1; e >= 0 && this.h1At(e) !== this.h1; e = this.index[slot]! - 1) slot = (slot + 1) & mask;
    return slot;
  }

  /** A twice larger index, rebuilt from the entries (which stay where they are). */
  private grow(): void {
    this.index = new Int32Array(this.index.length * 2);
    const mask = this.index.length - 1;
    for (let n = 0; n < this.used; n++) {
      let slot = (this.h1At(n) % 0x40000000) & mask;
      while (this.index[slot] !== 0) slot = (slot + 1) & mask;
      this.index[slot] = n + 1;
    }
  }

  /** FNV-1a and a multiplicative variant over the key's fields, with separators; no strings built. */
  private hash(row: Row): void {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < this.cols.length; i++) {
      const v = row[this.cols[i]!];
      const s = v === null || v === undefined ? '\u0002' : typeof v === 'string' ? v : String(v);
      for (let j = 0; j < s.length; j++) {
        const c = s.charCodeAt(j);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 15;
      }
      a = Math.imul(a ^ 1, 0x01000193);
      b = Math.imul(b ^ 1, 0x5bd1e995);
    }
    // 53 bits from a and the top of b for the table; the whole of b (mixed again) as the check.
    this.h1 = (a >>> 0) * 0x200000 + ((b >>> 11) & 0x1fffff);
    this.h2 = Math.imul(b ^ (a >>> 7), 0x27d4eb2d) >>> 0;
  }
}

/** Entries per chunk (2^16: 1 MB of hashes and rows per chunk, so a small file allocates little). */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
