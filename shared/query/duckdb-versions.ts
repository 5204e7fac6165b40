import type { DuckDBConnection } from '@duckdb/node-api';
import { periodColumn } from '../lake/version-key.ts';
import { storageName, type TableDef } from '../lake/tables.ts';
import { loadView } from './sql-files.ts';
import { quoteIdent, sqlString } from './sql-quote.ts';


/**
 * The rows users see of an append-only table (its view in queries/views/: the newest live upload
 * per period key), resolved once into a scratch Parquet file; returns the SQL that reads them.
 *
 * The view's window over every row version is most of its cost, and most rows have no other
 * version: a key can only be held twice where two (file, upload) pairs share the key's first
 * column (partner or platform), the partition and an overlapping span of periods. Inside one file
 * an upload holds a key once (ingest refuses a file with a key twice; compaction keeps one copy of
 * each key and upload). So the live rows are copied once with the file they came from; when no two
 * pairs overlap, they are the answer; otherwise the view's rule runs over the rows of the files that
 * overlap, and the rest are kept as they are: the same rows as the view over every file.
 */
export async function resolveVersions(connection: DuckDBConnection, table: TableDef, source: string, scratch: string): Promise<string> {
  const name = table.name;
  const view = loadView(name);
  const columns = (await connection.runAndReadAll(`DESCRIBE ${view}`)).getRows().map((r) => quoteIdent(String(r[0])));
  const live = `upload_id IN (SELECT upload_id FROM live_uploads WHERE dataset = ${sqlString(name)})`;
  const copied = `${scratch}/${name}.live.parquet`;
  await connection.run(`COPY (SELECT ${columns.join(', ')}, file_index FROM ${source} WHERE ${live}) TO ${sqlString(copied)} (FORMAT parquet)`);
  const rows = `read_parquet(${sqlString(copied)})`;
  const owner = quoteIdent(table.versioned!.key[0]!);
  const period = quoteIdent(periodColumn(table));
  const part = quoteIdent(table.partitionKey.name);
  // One row per (file, upload, owner, partition) with its span of periods; a period left empty overlaps anything.
  const overlapping = await connection.runAndReadAll(`
    WITH spans AS (
      SELECT file_index, upload_id, ${owner} AS owner, ${part} AS part, min(${period}) AS first, max(${period}) AS last, count(${period}) = count(*) AS dated
      FROM ${rows}
      GROUP BY file_index, upload_id, ${owner}, ${part}
    )
    SELECT a.file_index FROM spans a WHERE NOT a.dated
    UNION
    SELECT a.file_index
    FROM spans a JOIN spans b
      ON a.owner IS NOT DISTINCT FROM b.owner AND a.part IS NOT DISTINCT FROM b.part
     AND (a.file_index <> b.file_index OR a.upload_id IS DISTINCT FROM b.upload_id)
     AND a.first <= b.last AND b.first <= a.last`);
  const files = overlapping.getRows().map((r) => Number(r[0]));
  if (files.length === 0) return `SELECT ${columns.join(', ')} FROM ${rows}`;
  // The view's rule over the overlapping files' rows: its FROM names the versions table, found first in this schema.
  const schema = 'overlapping_versions';
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await connection.run(`CREATE OR REPLACE VIEW ${schema}.${storageName(table)} AS SELECT * FROM ${rows} WHERE file_index IN (${files.join(', ')})`);
  const resolved = `${scratch}/${name}.parquet`;
  await connection.run(`SET search_path = '${schema},main'`);
  try {
    await connection.run(`COPY (
      SELECT ${columns.join(', ')} FROM ${rows} WHERE file_index NOT IN (${files.join(', ')})
      UNION ALL
      SELECT ${columns.join(', ')} FROM (${view})
    ) TO ${sqlString(resolved)} (FORMAT parquet)`);
  } finally {
    await connection.run(`SET search_path = 'main'`);
  }
  return `SELECT * FROM read_parquet(${sqlString(resolved)})`;
}
