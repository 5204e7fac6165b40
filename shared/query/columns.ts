/**
 * A query answer column by column, the shape the analysis reads large answers in: numbers in a
 * Float64Array (NaN for NULL), dates as days since 1970-01-01 in the same kind of array (the
 * compact date encoding: no date string per row), text dictionary-encoded (each distinct string
 * kept once, 4 bytes a row). Both engines fill it straight from their result pages, without a
 * JavaScript object per row.
 */
export interface ColumnarResult {
  length: number;
  names: string[];
  columns: Record<string, Float64Array | TextColumn>;
}

/** Text column: `codes[i]` indexes `values`; -1 is NULL. */
export interface TextColumn {
  codes: Int32Array;
  values: string[];
}

/** The string at row i, or null. */
export const textAt = (c: TextColumn, i: number): string | null => {
  const k = c.codes[i]!;
  return k < 0 ? null : c.values[k]!;
};

/**
 * A text column a query gives on the first row of each run only (NULL below it: see
 * demand_weekly.sql), with each NULL given the value above it. For columns that are never NULL.
 */
export function filledDown(c: TextColumn): TextColumn {
  const codes = new Int32Array(c.codes.length);
  let last = -1;
  for (let i = 0; i < codes.length; i++) codes[i] = last = c.codes[i]! >= 0 ? c.codes[i]! : last;
  return { codes, values: c.values };
}

export type ColumnKind = 'number' | 'date' | 'text';

/** The numbers (or epoch days) of a column; throws when the column is text or absent. */
export function numbers(r: ColumnarResult, name: string): Float64Array {
  const c = r.columns[name];
  if (!(c instanceof Float64Array)) throw new Error(`query result has no numeric column "${name}" (columns: ${r.names.join(', ')})`);
  return c;
}

/** A text column; throws when the column is numeric or absent. */
export function texts(r: ColumnarResult, name: string): TextColumn {
  const c = r.columns[name];
  if (!c || c instanceof Float64Array) throw new Error(`query result has no text column "${name}" (columns: ${r.names.join(', ')})`);
  return c;
}

/** Grows one column as values arrive (a page or a chunk at a time). */
export class ColumnBuilder {
  private nums: Float64Array;
  private codes: Int32Array;
  private readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  length = 0;

  constructor(readonly kind: ColumnKind, capacity = 1024) {
    this.nums = new Float64Array(kind === 'text' ? 0 : capacity);
    this.codes = new Int32Array(kind === 'text' ? capacity : 0);
  }

  pushNumber(v: number): void {
    if (this.length === this.nums.length) this.nums = grown(this.nums, new Float64Array(this.nums.length * 2 || 1024));
    this.nums[this.length++] = v;
  }

  pushText(v: string | null): void {
    if (this.length === this.codes.length) this.codes = grown(this.codes, new Int32Array(this.codes.length * 2 || 1024));
    let k = -1;
    if (v !== null) {
      k = this.index.get(v) ?? -1;
      if (k < 0) {
        k = this.values.length;
        this.values.push(v);
        this.index.set(v, k);
      }
    }
    this.codes[this.length++] = k;
  }

  /** The text value of the row before, again (a repeated name, without looking it up). */
  repeatLast(): void {
    if (this.length === 0) throw new Error('repeatLast on an empty column');
    if (this.length === this.codes.length) this.codes = grown(this.codes, new Int32Array(this.codes.length * 2 || 1024));
    this.codes[this.length] = this.codes[this.length - 1]!;
    this.length++;
  }

  finish(): Float64Array | TextColumn {
    // A view of the filled part, no copy (a column allocated to its length is returned whole).
    return this.kind === 'text' ? { codes: this.codes.subarray(0, this.length), values: this.values } : this.nums.subarray(0, this.length);
  }
}

function grown<T extends Float64Array | Int32Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
