import { DuckDBInstance, DuckDBResultReader, type DuckDBConnection, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tablePrefix } from '../lake/layout.ts';
import { storageName, TABLES, type ColumnDef, type TableDef } from '../lake/tables.ts';
import type { ObjectInfo, ObjectStore } from '../storage/object-store.ts';
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
  /** Connections not running a query; a query that finds none opens another (execute). */
  private readonly idle: DuckDBConnection[];
  private readonly all: DuckDBConnection[];
  /** Queries started but not yet handed to DuckDB (connecting, preparing). */
  private readonly starting = new Set<Promise<void>>();
  private constructor(
    private readonly instance: DuckDBInstance,
    connection: DuckDBConnection,
    private readonly scratch: string,
  ) {
    this.idle = [connection];
    this.all = [connection];
  }

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
    // Every table's files are listed while DuckDB starts.
    const [instance, listed] = await Promise.all([
      DuckDBInstance.create(path.join(scratch, 'lake.duckdb')),
      Promise.all(TABLES.map(async (t) => (await store.list(tablePrefix(t))).filter((f) => f.key.endsWith('.parquet')))),
    ]);
    const connection = await instance.connect();
    const engine = new DuckDbEngine(instance, connection, scratch);
    const memory = opts.memoryLimit ?? process.env.CAMPAIGN_DUCKDB_MEMORY ?? '384MB';
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(memory)) throw new Error(`DuckDB memory limit "${memory}" is not a size such as 384MB or 2GB`);
    await connection.run(`SET memory_limit = '${memory}'`);
    await connection.run(`SET temp_directory = ${sqlString(path.join(scratch, 'spill'))}`);
    // Loading a table in order costs memory that the queries (all ordered) never use.
    await connection.run('SET preserve_insertion_order = false');
    // The lake's files are read once into the scratch tables (or, when large, by each query through
    // the views, footers cached below): DuckDB keeping their bytes too would only cost memory, and time to free on close.
    await connection.run('SET enable_external_file_cache = false');
    // The scratch database goes on close: writing it out first would be wasted.
    await connection.run('PRAGMA disable_checkpoint_on_shutdown');
    for (const macro of TRINO_COMPAT_MACROS) await connection.run(macro);
    const limit = opts.materializeBelowBytes ?? 64 * 1024 * 1024;
    const opened = new Map<string, { inMemory: boolean; source?: string }>();
    for (const [i, table] of TABLES.entries()) {
      // A versioned table's rows are loaded once, already resolved (below): its _versions stay a view.
      const { sql, inMemory, source } = tableSql(store, table, listed[i]!, limit, table.versioned ? 'view' : 'either');
      await connection.run(sql);
      opened.set(table.name, { inMemory, source });
    }
    // Where a table stays a view, each query reads its files again: keep their Parquet footers in memory.
    if ([...opened.values()].some((t) => !t.inMemory)) await connection.run('SET parquet_metadata_cache = true');
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

  /**
   * Run a query on a connection of its own and read its answer: a connection runs one query at a
   * time, so queries started together (a report's independent reads) each get one of the same
   * database and run side by side on DuckDB's threads. One after another reuse one connection.
   */
  private async execute<T>(sql: string, params: QueryParam[], read: (result: DuckDBMaterializedResult) => Promise<T>): Promise<T> {
    let dispatched!: () => void;
    const starting = new Promise<void>((resolve) => (dispatched = resolve));
    this.starting.add(starting);
    let c = this.idle.pop();
    try {
      if (!c) this.all.push((c = await this.instance.connect()));
      const prepared = await c.prepare(sql);
      try {
        prepared.bind(params);
        // DuckDB has the query from here on: it runs on DuckDB's threads whatever JavaScript does.
        const running = prepared.run();
        dispatched();
        return await read(await running);
      } finally {
        prepared.destroySync();
      }
    } finally {
      dispatched();
      this.starting.delete(starting);
      if (c) this.idle.push(c);
    }
  }

  /** Resolves once DuckDB has every query started so far: JavaScript that runs long after it no longer holds them back. */
  async running(): Promise<void> {
    await Promise.all(this.starting);
  }

  query(sql: string, params: QueryParam[] = []): Promise<ResultRow[]> {
    return this.execute(sql, params, async (result) => {
      const reader = new DuckDBResultReader(result);
      await reader.readAll();
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
    });
  }

  queryColumns(sql: string, params: QueryParam[] = []): Promise<ColumnarResult> {
    return this.execute(sql, params, (result) => readColumns(result, result.rowCount));
  }

  async close(): Promise<void> {
    for (const c of this.all) c.closeSync();
    this.instance.closeSync();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * A view (or in-memory table) over the table's Parquet files (`files`, as listed), named as on Glue
 * (the `_versions` table of an append-only table); an empty typed view when it has no files yet.
 */
function tableSql(store: ObjectStore, table: TableDef, files: ObjectInfo[], materializeBelowBytes: number, as: 'view' | 'either'): { sql: string; inMemory: boolean; source?: string } {
  const name = storageName(table);
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
