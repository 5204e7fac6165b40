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
 * Two independent hashes of a row's key, computed over its fields without building the string:
 * `h1` (53 bits: FNV-1a and the top of a multiplicative variant) and `h2` (32 bits, mixed again).
 * Together (85 bits) they are a key's identity: five million keys collide with odds of ~1e-13.
 */
export function keyHashes(cols: string[], row: Row, out: { h1: number; h2: number }): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < cols.length; i++) {
    const v = row[cols[i]!];
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
  out.h1 = (a >>> 0) * 0x200000 + ((b >>> 11) & 0x1fffff);
  out.h2 = Math.imul(b ^ (a >>> 7), 0x27d4eb2d) >>> 0;
}
