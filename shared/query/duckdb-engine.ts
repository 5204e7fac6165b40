import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tablePrefix } from '../lake/layout.ts';
import { storageName, TABLES, type ColumnDef, type TableDef } from '../lake/tables.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { ColumnarResult } from './columns.ts';
import { readColumns } from './duckdb-columns.ts';
import type { QueryEngine, QueryParam, ResultRow } from './query-engine.ts';
import { resolveVersions } from './duckdb-versions.ts';
import { loadView } from './sql-files.ts';
import { sqlString } from './sql-quote.ts';
import { TRINO_COMPAT_MACROS } from './trino-compat.ts';

const SQL_TYPE: Record<ColumnDef['type'], string> = { string: 'VARCHAR', date: 'DATE', bigint: 'BIGINT', int: 'INTEGER', double: 'DOUBLE' };
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * The local engine: embedded DuckDB over the curated Parquet in a local-folder store. Each
 * curated table is a view over its hive-partitioned files, so a filter on the partition column
 * reads only the matching files, as partition projection does on Athena.
 */
export class DuckDbEngine implements QueryEngine {
  readonly name = 'duckdb' as const;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly scratch: string,
  ) {}

  /**
   * Open an engine over a store's curated tables. The store must be a local folder.
   * A table whose Parquet totals at most `materializeBelowBytes` (default 64 MB) is loaded into
   * memory once: a report runs several queries, and reopening thousands of small partner files
   * for each costs more than the queries. Larger tables stay views that prune by partition.
   * Either way an engine sees the lake as it was when opened: open one per command or run.
   * Memory is bounded (`memoryLimit`, default 384 MB, or CAMPAIGN_DUCKDB_MEMORY): the loaded
   * tables live in a scratch database file that DuckDB pages to and from, the resolved rows of the
   * append-only tables in a scratch Parquet file (duckdb-versions.ts), and sorts spill beside them,
   * so a national lake does not have to fit in RAM; the scratch folder goes on close.
   */
  static async open(store: ObjectStore, opts: { materializeBelowBytes?: number; memoryLimit?: string } = {}): Promise<DuckDbEngine> {
    if (!store.localRoot) throw new Error(`DuckDB reads local folders only; ${store.location} is remote: use CAMPAIGN_ENGINE=athena`);
    const scratch = mkdtempSync(path.join(tmpdir(), 'campaign-duckdb-'));
    const instance = await DuckDBInstance.create(path.join(scratch, 'lake.duckdb'));
    const connection = await instance.connect();
    const engine = new DuckDbEngine(instance, connection, scratch);
    const memory = opts.memoryLimit ?? process.env.CAMPAIGN_DUCKDB_MEMORY ?? '384MB';
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(memory)) throw new Error(`DuckDB memory limit "${memory}" is not a size such as 384MB or 2GB`);
    await connection.run(`SET memory_limit = '${memory}'`);
    await connection.run(`SET temp_directory = ${sqlString(path.join(scratch, 'spill'))}`);
    // Loading a table in order costs memory that the queries (all ordered) never use.
    await connection.run('SET preserve_insertion_order = false');
    // DuckDB's own copy of the Parquet files' blocks (on by default) kept about 190 MB of a national
    // lake resident beside the OS page cache; local files read again cost no measurable time.
    await connection.run('SET enable_external_file_cache = false');
    // Reports run several queries over the same files: keep their Parquet footers in memory.
    await connection.run('SET parquet_metadata_cache = true');
    for (const macro of TRINO_COMPAT_MACROS) await connection.run(macro);
    const limit = opts.materializeBelowBytes ?? 64 * 1024 * 1024;
    const opened = new Map<string, { inMemory: boolean; source?: string }>();
    for (const table of TABLES) {
      // A versioned table's rows are loaded once, already resolved (below): its _versions stay a view.
      const { sql, inMemory, source } = await tableSql(store, table, limit, table.versioned ? 'view' : 'either');
      await connection.run(sql);
      opened.set(table.name, { inMemory, source });
    }
    // The tables users query: newest live upload per period key (queries/views/, as on Athena).
    // Resolved once into a scratch file when their files were small enough to load.
    const uploadsInMemory = opened.get('upload_events')!.inMemory;
    await connection.run(`CREATE OR REPLACE ${uploadsInMemory ? 'TABLE' : 'VIEW'} live_uploads AS ${loadView('live_uploads')}`);
    for (const table of TABLES) {
      if (!table.versioned) continue;
      const { inMemory, source } = opened.get(table.name)!;
      const sql = inMemory && uploadsInMemory && source ? await resolveVersions(connection, table, source, scratch) : loadView(table.name);
      await connection.run(`CREATE OR REPLACE VIEW ${table.name} AS ${sql}`);
    }
    return engine;
  }

  async query(sql: string, params: QueryParam[] = []): Promise<ResultRow[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    const types = reader.columnTypes().map(String);
    const names = reader.columnNames();
    return reader.getRowObjectsJson().map((raw) => {
      const row: ResultRow = {};
      names.forEach((name, i) => {
        const v = raw[name];
        row[name] = v === null || v === undefined ? null : NUMERIC.test(types[i]!) ? Number(v) : (v as string | boolean);
      });
      return row;
    });
  }

  async queryColumns(sql: string, params: QueryParam[] = []): Promise<ColumnarResult> {
    const result = await this.connection.run(sql, params);
    return readColumns(result, result.rowCount);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * A view (or in-memory table) over the table's Parquet files, named as on Glue (the `_versions`
 * table of an append-only table); an empty typed view when it has no files yet.
 */
async function tableSql(store: ObjectStore, table: TableDef, materializeBelowBytes: number, as: 'view' | 'either'): Promise<{ sql: string; inMemory: boolean; source?: string }> {
  const name = storageName(table);
  const files = (await store.list(tablePrefix(table))).filter((f) => f.key.endsWith('.parquet'));
  const part = table.partitionKey.name;
  if (files.length === 0) {
    const cols = [...table.columns.map((c) => `CAST(NULL AS ${SQL_TYPE[c.type]}) AS "${c.name}"`), `CAST(NULL AS VARCHAR) AS "${part}"`];
    return { sql: `CREATE OR REPLACE VIEW ${name} AS SELECT ${cols.join(', ')} WHERE false`, inMemory: true };
  }
  const glob = path.join(store.localRoot!, tablePrefix(table), '*', '*.parquet');
  const source = `read_parquet(${sqlString(glob)}, hive_partitioning = true, hive_types = {'${part}': VARCHAR})`;
  const inMemory = files.reduce((sum, f) => sum + f.size, 0) <= materializeBelowBytes;
  return { sql: `CREATE OR REPLACE ${inMemory && as === 'either' ? 'TABLE' : 'VIEW'} ${name} AS SELECT * FROM ${source}`, inMemory, source };
}
