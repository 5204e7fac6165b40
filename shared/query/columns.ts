/**
 * A query answer column by column, the shape the analysis reads large answers in: numbers in a
 * Float64Array (NaN for NULL), dates as days since 1970-01-01 in the same kind of array (the
 * compact date encoding: no date string per row), text as strings (NULL as null). Both engines
 * fill it straight from their result pages, without a JavaScript object per row.
 */
export interface ColumnarResult {
  length: number;
  names: string[];
  columns: Record<string, Float64Array | (string | null)[]>;
}

export type ColumnKind = 'number' | 'date' | 'text';

/** The numbers (or epoch days) of a column; throws when the column is text or absent. */
export function numbers(r: ColumnarResult, name: string): Float64Array {
  const c = r.columns[name];
  if (!(c instanceof Float64Array)) throw new Error(`query result has no numeric column "${name}" (columns: ${r.names.join(', ')})`);
  return c;
}

/** The strings of a column; throws when the column is numeric or absent. */
export function texts(r: ColumnarResult, name: string): (string | null)[] {
  const c = r.columns[name];
  if (!Array.isArray(c)) throw new Error(`query result has no text column "${name}" (columns: ${r.names.join(', ')})`);
  return c;
}

/** Grows one column as values arrive (a page or a chunk at a time). */
export class ColumnBuilder {
  private nums: Float64Array;
  private readonly strs: (string | null)[] = [];
  length = 0;

  constructor(readonly kind: ColumnKind, capacity = 1024) {
    this.nums = new Float64Array(kind === 'text' ? 0 : capacity);
  }

  private room(): void {
    if (this.length < this.nums.length) return;
    const next = new Float64Array(Math.max(1024, this.nums.length * 2));
    next.set(this.nums);
    this.nums = next;
  }

  pushNumber(v: number): void {
    this.room();
    this.nums[this.length++] = v;
  }

  pushText(v: string | null): void {
    this.strs.push(v);
    this.length++;
  }

  finish(): Float64Array | (string | null)[] {
    return this.kind === 'text' ? this.strs : this.nums.slice(0, this.length);
  }
}

const DAY_MS = 86_400_000;

/** Epoch day of a YYYY-MM-DD (or longer ISO) text. */
export const epochDayOf = (text: string): number => Math.round(Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / DAY_MS);
