import { DuckDBMaterializedResult, DuckDBTypeId, type DuckDBDataChunk, type DuckDBResult } from '@duckdb/node-api';
import { ColumnBuilder, type ColumnarResult, type ColumnKind } from './columns.ts';
import { pushNumbers, pushTexts } from './duckdb-vector-read.ts';

const NUMBER_TYPES = new Set([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL, DuckDBTypeId.BOOLEAN,
]);

/** Types whose vector items are the values themselves (not decimals' scaled integers, not HUGEINT's pairs). */
const PLAIN_ITEMS = new Set([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DATE,
]);

function kindOf(id: DuckDBTypeId): ColumnKind {
  if (id === DuckDBTypeId.DATE) return 'date';
  return NUMBER_TYPES.has(id) ? 'number' : 'text';
}

/** One value as a number: bigint and decimals converted, booleans as 0/1, NULL as NaN. */
function asNumber(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number(String(v));
}

/**
 * Rows up to which a materialized result's chunks are taken in place (getChunk). Those chunks stay
 * in DuckDB's memory until the result is collected, where fetching frees each as it is read: at
 * 1,000 regions x 5 years (a 3.65 million-row answer) taking them in place raised peak RSS from
 * about 870 to 1,280 MB (bench/analysis-child.ts, 2026-12-02 21:2x UTC).
 */
const IN_PLACE_MAX_ROWS = 500_000;

/**
 * A result's chunks in order. A small materialized result hands each over at once (getChunk);
 * fetching waits for a round trip through Node's thread pool per chunk of 2,048 rows.
 */
async function* chunksOf(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  if (result instanceof DuckDBMaterializedResult && result.rowCount <= IN_PLACE_MAX_ROWS) {
    for (let i = 0, n = result.chunkCount; i < n; i++) {
      const chunk = result.getChunk(i);
      if (chunk.rowCount > 0) yield chunk;
    }
    return;
  }
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
}

/**
 * Read a DuckDB result chunk by chunk into columns: each column vector is read in one loop, so no
 * row object is ever made. Dates come as their day numbers (DuckDB stores days since 1970-01-01).
 */
export async function readColumns(result: DuckDBResult, rowCount?: number): Promise<ColumnarResult> {
  const names = result.deduplicatedColumnNames();
  const ids = names.map((_, i) => result.columnTypeId(i));
  const kinds = ids.map(kindOf);
  const plain = ids.map((id) => PLAIN_ITEMS.has(id));
  const varchar = ids.map((id) => id === DuckDBTypeId.VARCHAR);
  // A materialized result knows its length: columns are allocated once, never grown or copied.
  const builders = kinds.map((k) => new ColumnBuilder(k, Math.max(1, rowCount ?? 1024)));
  for await (const chunk of chunksOf(result)) {
    const rows = chunk.rowCount;
    for (let c = 0; c < names.length; c++) {
      const v = chunk.getColumnVector(c);
      const b = builders[c]!;
      // Straight from the vector's memory where its layout is known; getItem otherwise.
      if (plain[c] && pushNumbers(v, rows, b)) continue;
      if (varchar[c] && pushTexts(v, rows, b)) continue;
      if (kinds[c] === 'text') for (let i = 0; i < rows; i++) { const x = v.getItem(i); b.pushText(x === null ? null : String(x)); }
      else if (kinds[c] === 'date') for (let i = 0; i < rows; i++) { const x = v.getItem(i) as { days: number } | null; b.pushNumber(x === null ? Number.NaN : x.days); }
      else for (let i = 0; i < rows; i++) b.pushNumber(asNumber(v.getItem(i)));
    }
  }
  const columns: ColumnarResult['columns'] = {};
  names.forEach((n, i) => (columns[n] = builders[i]!.finish()));
  return { length: builders[0]?.length ?? 0, names, columns };
}
