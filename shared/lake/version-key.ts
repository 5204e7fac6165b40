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
