/**
 * The period keys of one upload, kept on disk rather than in memory, so that a five-million-row
 * export costs the same memory as a one-million-row one. Each key is two hashes (keyHashes: an
 * 85-bit identity, no key string is ever built) plus the row it is on, 16 bytes, appended to one
 * of 128 buckets by hash. A question about every key (which repeat? which are stored already?)
 * is then answered one bucket at a time: a bucket holds 1/128 of the keys, so a 5M-row file
 * needs about 0.6 MB of them in memory at once.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { epochDay, fromEpochDay } from '../domain/dates.ts';
import type { Row, TableDef } from './tables.ts';
import { keyHashes } from './version-key.ts';

const BUCKET_BITS = 7;
const BUCKETS = 1 << BUCKET_BITS;
/** Entries a bucket gathers before they go to disk (128 x 2,048 x 16 bytes = 4 MB of buffers). */
const BLOCK = 2048;

interface Entries {
  h1: Float64Array;
  h2: Uint32Array;
  /** A row number (keys of the upload) or an epoch day (keys found in stored data). */
  n: Int32Array;
}

/** (h1, h2, n) records split into buckets by hash, appended to one file in blocks. */
class BucketSpill {
  private offset = 0;
  private readonly pending: Entries[] = [];
  private readonly fill = new Uint16Array(BUCKETS);
  /** Per bucket: where each of its blocks is in the file, and how many entries it holds. */
  private readonly blocks: { at: number; count: number }[][] = Array.from({ length: BUCKETS }, () => []);
  size = 0;

  constructor(private readonly file: string) {}

  push(h1: number, h2: number, n: number): void {
    const b = h2 & (BUCKETS - 1);
    const block = (this.pending[b] ??= { h1: new Float64Array(BLOCK), h2: new Uint32Array(BLOCK), n: new Int32Array(BLOCK) });
    const i = this.fill[b]!;
    block.h1[i] = h1;
    block.h2[i] = h2;
    block.n[i] = n;
    this.size += 1;
    if ((this.fill[b] = i + 1) === BLOCK) this.write(b);
  }

  private write(b: number): void {
    const count = this.fill[b]!;
    if (count === 0) return;
    const block = this.pending[b]!;
    this.blocks[b]!.push({ at: this.offset, count });
    // Opened per block (32 KB), so nothing is left open when the staging folder goes.
    const fd = openSync(this.file, 'a');
    try {
      for (const a of [block.h1, block.h2, block.n]) {
        const bytes = new Uint8Array(a.buffer, 0, count * a.BYTES_PER_ELEMENT);
        writeSync(fd, bytes);
        this.offset += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    this.fill[b] = 0;
  }

  /** Every entry of bucket b, in the order pushed. */
  bucket(b: number): Entries {
    this.write(b);
    const total = this.blocks[b]!.reduce((s, k) => s + k.count, 0);
    const out: Entries = { h1: new Float64Array(total), h2: new Uint32Array(total), n: new Int32Array(total) };
    if (total === 0) return out;
    const fd = openSync(this.file, 'r');
    try {
      let i = 0;
      for (const { at, count } of this.blocks[b]!) {
        let pos = at;
        for (const a of [out.h1, out.h2, out.n]) {
          const len = count * a.BYTES_PER_ELEMENT;
          readSync(fd, new Uint8Array(a.buffer, i * a.BYTES_PER_ELEMENT, len), 0, len, pos);
          pos += len;
        }
        i += count;
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }

  dispose(): void {
    rmSync(this.file, { force: true });
  }
}

/** An open-addressing index over one bucket's entries, at most half full. */
class BucketIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly e: Entries) {
    let size = 16;
    while (size < e.h1.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The entry holding (h1, h2), or the empty slot it would go in, as -(slot + 1). */
  find(h1: number, h2: number): number {
    let slot = (h1 % 0x40000000) & this.mask;
    for (let e = this.slots[slot]! - 1; e >= 0; e = this.slots[slot]! - 1) {
      if (this.e.h1[e] === h1 && this.e.h2[e] === h2) return e;
      slot = (slot + 1) & this.mask;
    }
    return -(slot + 1);
  }

  put(emptySlot: number, entry: number): void {
    this.slots[-emptySlot - 1] = entry + 1;
  }
}

/** A row whose key an earlier row of the same file already has. */
export interface RepeatedKey {
  row: number;
  earlier: number;
}

export class SpilledKeySet {
  private readonly keys: BucketSpill;
  private readonly cols: string[];
  private readonly hashes = { h1: 0, h2: 0 };

  constructor(table: TableDef, private readonly file: string) {
    this.cols = table.versioned!.key;
    this.keys = new BucketSpill(file);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Keep a row's key (whether it repeats an earlier one is asked once, at the end: repeats()). */
  add(row: Row, rowNumber: number): void {
    keyHashes(this.cols, row, this.hashes);
    this.keys.push(this.hashes.h1, this.hashes.h2, rowNumber);
  }

  /** Every added key that an earlier row already had, with the row it was first on; in row order. */
  repeats(): RepeatedKey[] {
    const out: RepeatedKey[] = [];
    for (let b = 0; b < BUCKETS; b++) {
      const e = this.keys.bucket(b);
      const index = new BucketIndex(e);
      for (let i = 0; i < e.h1.length; i++) {
        const at = index.find(e.h1[i]!, e.h2[i]!);
        if (at >= 0) out.push({ row: e.n[i]!, earlier: e.n[at]! });
        else index.put(at, i);
      }
    }
    return out.sort((a, b) => a.row - b.row || a.earlier - b.earlier);
  }

  /**
   * How many of the set's keys the rows that `eachRow` yields hold (each key counted once), and
   * the first days of their periods (sorted). The rows' keys are spilled too, then matched bucket
   * by bucket: stored data as large as the upload costs no more memory than the upload.
   */
  async countIn(eachRow: (onRow: (row: Row) => void) => Promise<void>, dateColumn: string): Promise<{ count: number; periods: string[] }> {
    const stored = new BucketSpill(`${this.file}.stored`);
    try {
      await eachRow((row) => {
        keyHashes(this.cols, row, this.hashes);
        stored.push(this.hashes.h1, this.hashes.h2, epochDay(row[dateColumn] as string));
      });
      let count = 0;
      const days = new Set<number>();
      for (let b = 0; b < BUCKETS && stored.size > 0; b++) {
        const found = stored.bucket(b);
        if (found.h1.length === 0) continue;
        const mine = this.keys.bucket(b);
        const index = new BucketIndex(mine);
        for (let i = 0; i < mine.h1.length; i++) {
          const at = index.find(mine.h1[i]!, mine.h2[i]!);
          if (at < 0) index.put(at, i);
        }
        const marked = new Uint8Array(mine.h1.length);
        for (let i = 0; i < found.h1.length; i++) {
          const at = index.find(found.h1[i]!, found.h2[i]!);
          if (at < 0 || marked[at] === 1) continue;
          marked[at] = 1;
          count += 1;
          days.add(found.n[i]!);
        }
      }
      return { count, periods: [...days].sort((a, b) => a - b).map(fromEpochDay) };
    } finally {
      stored.dispose();
    }
  }
}
