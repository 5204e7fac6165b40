/**
 * One column of the rows a Parquet row group is gathering, in typed arrays: numbers (dates as
 * epoch days) in a Float64Array, strings as codes into a dictionary of the column's values. Typed
 * arrays live outside the JavaScript heap and are reused from group to group, so gathering rows
 * makes no garbage; `take` hands the writer the plain array it wants (bigint for INT64, null for
 * a missing cell) just before the group is written.
 */
import { epochDay } from '../domain/dates.ts';
import type { ColumnType } from './tables.ts';

export interface ColumnBuffer {
  /** Put a row's cell (a Row value: string, number or null) at index i. */
  set(i: number, value: unknown): void;
  /** The first n cells as the writer wants them; the buffers are kept for reuse or released. */
  take(n: number, keep: boolean): unknown[];
}

const FIRST_CAPACITY = 1024;
/** Past this many distinct values a column's dictionary starts again (a free-text column). */
const MAX_DICTIONARY = 10_000;
const NULL_CODE = -1;

export function columnBuffer(type: ColumnType): ColumnBuffer {
  return type === 'string' ? new StringColumn() : new NumberColumn(type);
}

/** Grow a typed array to hold index i (doubling), keeping what it holds. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, i: number, make: (n: number) => T): T {
  if (i < a.length) return a;
  const next = make(Math.max(FIRST_CAPACITY, a.length * 2, i + 1));
  next.set(a);
  return next;
}

class NumberColumn implements ColumnBuffer {
  private values = new Float64Array(0);
  private nulls = new Uint8Array(0);

  constructor(private readonly type: Exclude<ColumnType, 'string'>) {}

  set(i: number, value: unknown): void {
    this.values = grown(this.values, i, (n) => new Float64Array(n));
    this.nulls = grown(this.nulls, i, (n) => new Uint8Array(n));
    const missing = value === null || value === undefined;
    this.nulls[i] = missing ? 1 : 0;
    if (!missing) this.values[i] = this.type === 'date' ? epochDay(value as string) : (value as number);
  }

  take(n: number, keep: boolean): unknown[] {
    const out = new Array<unknown>(n);
    const { values, nulls } = this;
    // One loop per type, so each stays small and monomorphic.
    if (this.type === 'bigint') for (let i = 0; i < n; i++) out[i] = nulls[i] ? null : BigInt(values[i]!);
    else for (let i = 0; i < n; i++) out[i] = nulls[i] ? null : values[i];
    if (!keep) {
      this.values = new Float64Array(0);
      this.nulls = new Uint8Array(0);
    }
    return out;
  }
}

class StringColumn implements ColumnBuffer {
  private codes = new Int32Array(0);
  private readonly index = new Map<string, number>();
  private readonly strings: string[] = [];

  set(i: number, value: unknown): void {
    this.codes = grown(this.codes, i, (n) => new Int32Array(n));
    if (value === null || value === undefined) {
      this.codes[i] = NULL_CODE;
      return;
    }
    const v = value as string;
    let code = this.index.get(v);
    if (code === undefined) {
      // A cell split from a line of the source is a slice of the whole decoded chunk (megabytes):
      // kept in the dictionary (and in the writer's min/max until the file closes), it would keep
      // the chunk. A JSON round trip makes a new flat string, sharing nothing with the source text.
      const own = JSON.parse(JSON.stringify(v)) as string;
      code = this.strings.push(own) - 1;
      this.index.set(own, code);
    }
    this.codes[i] = code;
  }

  take(n: number, keep: boolean): unknown[] {
    const out = new Array<unknown>(n);
    const { codes, strings } = this;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i] = c === NULL_CODE ? null : strings[c];
    }
    // The codes are spent: a dictionary grown past its bound starts again with the next group.
    if (this.strings.length > MAX_DICTIONARY) {
      this.index.clear();
      this.strings.length = 0;
    }
    if (!keep) this.codes = new Int32Array(0);
    return out;
  }
}
