import type { DuckDBVector } from '@duckdb/node-api';
import type { ColumnBuilder } from './columns.ts';

/**
 * Reading a DuckDB vector into a column without `getItem` per row. `getItem` tests each row's
 * validity bit with BigInt arithmetic and decodes each string anew; at millions of rows that is
 * most of a query's time in JavaScript. These loops read the vector's own typed array and
 * validity mask (fields @duckdb/node-api keeps private: their shape is checked, and a vector
 * without them is read with `getItem`, the same values more slowly).
 */
interface VectorInternals {
  items?: unknown;
  dataView?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/** Validity as bytes (bit i of the mask, little-endian words); null when every row is valid; undefined when unknown. */
function validBytes(v: DuckDBVector): Uint8Array | null | undefined {
  const validity = (v as unknown as VectorInternals).validity;
  if (!validity || validity.offset !== 0) return undefined;
  if (validity.data === null) return null;
  return validity.data instanceof BigUint64Array ? new Uint8Array(validity.data.buffer, validity.data.byteOffset, validity.data.byteLength) : undefined;
}

const isValid = (bits: Uint8Array | null, i: number): boolean => bits === null || (bits[i >> 3]! & (1 << (i & 7))) !== 0;

type NumberItems = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const isNumberItems = (x: unknown): x is NumberItems =>
  x instanceof Int8Array || x instanceof Uint8Array || x instanceof Int16Array || x instanceof Uint16Array || x instanceof Int32Array || x instanceof Uint32Array || x instanceof Float32Array || x instanceof Float64Array;

/**
 * Push `rows` numbers (dates: their day numbers; NULL: NaN) of a fixed-width vector whose items
 * are the values (integers, floats, BIGINT, DATE). Returns false when the vector is not of that
 * kind (decimals, HUGEINT, booleans): the caller reads it with getItem.
 */
export function pushNumbers(v: DuckDBVector, rows: number, b: ColumnBuilder): boolean {
  const items = (v as unknown as VectorInternals).items;
  const bits = validBytes(v);
  if (bits === undefined) return false;
  if (isNumberItems(items) && items.length >= rows) {
    for (let i = 0; i < rows; i++) b.pushNumber(isValid(bits, i) ? items[i]! : Number.NaN);
    return true;
  }
  if (items instanceof BigInt64Array && items.length >= rows) {
    for (let i = 0; i < rows; i++) b.pushNumber(isValid(bits, i) ? Number(items[i]!) : Number.NaN);
    return true;
  }
  return false;
}

/**
 * Push `rows` strings of a VARCHAR vector. A row whose 16-byte string header equals the row
 * before's (same length and inline bytes, or same length and data pointer) is the same string:
 * it repeats the code without decoding (answers sorted by channel and region repeat names).
 * Returns false when the vector is not of that kind.
 */
export function pushTexts(v: DuckDBVector, rows: number, b: ColumnBuilder): boolean {
  const view = (v as unknown as VectorInternals).dataView;
  const bits = validBytes(v);
  if (bits === undefined || !(view instanceof DataView) || view.byteLength < rows * 16) return false;
  let prev = -1; // the previous row, when it was a valid string
  for (let i = 0; i < rows; i++) {
    if (!isValid(bits, i)) {
      b.pushText(null);
      prev = -1;
      continue;
    }
    const o = i * 16;
    if (prev >= 0 && sameHeader(view, o, o - 16)) b.repeatLast();
    else b.pushText(v.getItem(i) as string);
    prev = i;
  }
  return true;
}

const sameHeader = (d: DataView, a: number, b: number): boolean =>
  d.getUint32(a, true) === d.getUint32(b, true) && d.getUint32(a + 4, true) === d.getUint32(b + 4, true) && d.getUint32(a + 8, true) === d.getUint32(b + 8, true) && d.getUint32(a + 12, true) === d.getUint32(b + 12, true);
