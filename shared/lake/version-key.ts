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
 */
export class VersionKeySet {
  // Open addressing with linear probing: hash -> slot; 0 in `rows` marks an empty slot.
  private hashes = new Float64Array(1 << 16);
  private rows = new Int32Array(1 << 16);
  private checks = new Uint32Array(1 << 16);
  private used = 0;
  private readonly overflow = new Map<string, number>();
  // Set by mark(); allocated on first use, after the set is complete (it grows no more then).
  private marks: Uint8Array | undefined;
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
    if (this.rows[slot] !== 0) {
      if (this.checks[slot] === this.h2) return this.rows[slot];
      // Same first hash, another key: keep this one by its full string.
      const key = this.keyOf(row);
      const earlier = this.overflow.get(key);
      if (earlier !== undefined) return earlier;
      this.overflow.set(key, rowNumber);
      return undefined;
    }
    this.hashes[slot] = this.h1;
    this.rows[slot] = rowNumber;
    this.checks[slot] = this.h2;
    if (++this.used * 2 > this.rows.length) this.grow();
    return undefined;
  }

  /** The row number a key was added with, or undefined. */
  find(row: Row): number | undefined {
    const slot = this.probe(row);
    if (this.rows[slot] !== 0 && this.checks[slot] === this.h2) return this.rows[slot];
    return this.overflow.size > 0 ? this.overflow.get(this.keyOf(row)) : undefined;
  }

  /**
   * Mark a key of the set as found (in stored data); true the first time, false after, and false
   * for a key not in the set. Keyed by the key itself: one file row can hold several keys.
   */
  mark(row: Row): boolean {
    const slot = this.probe(row);
    if (this.rows[slot] !== 0 && this.checks[slot] === this.h2) {
      this.marks ??= new Uint8Array(this.rows.length);
      if (this.marks[slot] === 1) return false;
      this.marks[slot] = 1;
      return true;
    }
    if (this.overflow.size === 0) return false;
    const key = this.keyOf(row);
    if (!this.overflow.has(key) || this.markedOverflow.has(key)) return false;
    this.markedOverflow.add(key);
    return true;
  }

  clear(): void {
    this.marks = undefined;
    this.markedOverflow.clear();
    this.hashes = new Float64Array(1);
    this.rows = new Int32Array(1);
    this.checks = new Uint32Array(1);
    this.used = 0;
    this.overflow.clear();
  }

  /** Hash the row's key into h1/h2 and return its slot: where h1 is, or the empty slot it would go in. */
  private probe(row: Row): number {
    this.hash(row);
    const mask = this.rows.length - 1;
    let slot = (this.h1 % 0x40000000) & mask;
    while (this.rows[slot] !== 0 && this.hashes[slot] !== this.h1) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hashes, rows, checks } = this;
    this.hashes = new Float64Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.checks = new Uint32Array(rows.length * 2);
    const mask = this.rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = (hashes[i]! % 0x40000000) & mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[i]!;
      this.rows[slot] = rows[i]!;
      this.checks[slot] = checks[i]!;
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
