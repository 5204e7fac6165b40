import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-athena';
import { MAX_PARAMETER_CHARS, type QueryEngine, type QueryParam, type ResultRow } from './query-engine.ts';

/** Options for {@link AthenaEngine}. */
export interface AthenaEngineOptions {
  workGroup: string;
  database: string;
  /** Data catalog; Athena's default is AwsDataCatalog (Glue). */
  catalog?: string;
  client?: AthenaClient;
  region?: string;
  /** First wait before polling the query state. Default 250 ms; doubles on every poll. */
  pollIntervalMs?: number;
  /** Ceiling of the poll interval. Default 5 s. */
  maxPollIntervalMs?: number;
  /** Give up (and stop the query) after this long. Default 5 minutes. */
  timeoutMs?: number;
  /** Injected in tests so polling takes no real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests together with sleep. Default Date.now. */
  now?: () => number;
}

const NUMBER_TYPES = new Set(['bigint', 'integer', 'int', 'smallint', 'tinyint', 'double', 'real', 'float', 'decimal']);

/**
 * QueryEngine on Amazon Athena. SQL (Trino dialect, positional `?`) is sent unchanged; parameters
 * go as ExecutionParameters.
 *
 * @example
 * const engine = new AthenaEngine({ workGroup: 'campaign-analytics', database: 'campaign_lake' });
 * const rows = await engine.query(loadQuery('demand_history'), ['helpline_calls', '', '']);
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena' as const;
  private readonly client: AthenaClient;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: AthenaEngineOptions) {
    this.client = opts.client ?? new AthenaClient({ region: opts.region });
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = opts.now ?? Date.now;
  }

  async query(sql: string, params: QueryParam[] = []): Promise<ResultRow[]> {
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Database: this.opts.database, Catalog: this.opts.catalog },
        WorkGroup: this.opts.workGroup,
        // Athena rejects an empty list, so omit it when there is nothing to bind.
        ExecutionParameters: params.length > 0 ? params.map(toExecutionParameter) : undefined,
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new Error('Athena StartQueryExecution returned no QueryExecutionId');
    await this.waitForSuccess(id);
    return this.fetchRows(id);
  }

  private async waitForSuccess(id: string): Promise<void> {
    const timeoutMs = this.opts.timeoutMs ?? 5 * 60_000;
    const maxInterval = this.opts.maxPollIntervalMs ?? 5_000;
    let interval = this.opts.pollIntervalMs ?? 250;
    const start = this.now();
    for (;;) {
      await this.sleep(Math.min(interval, Math.max(0, start + timeoutMs - this.now())));
      const { QueryExecution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = QueryExecution?.Status?.StateChangeReason ?? 'no reason given';
        throw new Error(`Athena query ${id} ${state}: ${reason}`);
      }
      const elapsed = this.now() - start;
      if (elapsed >= timeoutMs) {
        // Stop it, or it keeps running (and billing) after we have given up on it.
        const stopped = await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).then(
          () => 'stopped it',
          (e: unknown) => `could not stop it: ${(e as Error).message}`,
        );
        throw new Error(`Athena query ${id} timed out after ${elapsed} ms (still ${state ?? 'unknown'}); ${stopped}`);
      }
      interval = Math.min(interval * 2, maxInterval);
    }
  }

  private async fetchRows(id: string): Promise<ResultRow[]> {
    const rows: ResultRow[] = [];
    let columns: ColumnInfo[] | undefined;
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }),
      );
      columns ??= page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      let pageRows = page.ResultSet?.Rows ?? [];
      // For SELECT, the first row of the first page repeats the column names.
      if (first && pageRows[0] && isHeader(pageRows[0], columns)) pageRows = pageRows.slice(1);
      first = false;
      for (const row of pageRows) rows.push(toResultRow(row, columns));
      token = page.NextToken;
    } while (token);
    return rows;
  }

  /** Nothing to release: the SDK client holds no connection that needs closing per query. */
  async close(): Promise<void> {}
}

/**
 * Athena substitutes execution parameters into the SQL text literally, so a string must arrive
 * as a quoted SQL literal (with `'` doubled) and a number as its plain text.
 */
export function toExecutionParameter(value: QueryParam): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Query parameter must be a finite number, got ${value}`);
    return String(value);
  }
  const text = `'${value.replace(/'/g, "''")}'`;
  // Athena refuses it anyway; say which value and why before a query is started.
  if (text.length > MAX_PARAMETER_CHARS)
    throw new Error(`Query parameter is ${text.length} characters as sent; Athena accepts at most ${MAX_PARAMETER_CHARS} (pass long lists through a table): ${text.slice(0, 60)}...`);
  return text;
}

/** DDL and SHOW results have no header row, so check rather than always drop the first row. */
function isHeader(row: Row, columns: ColumnInfo[]): boolean {
  const data = row.Data ?? [];
  return (
    data.length === columns.length &&
    data.every((d, i) => d.VarCharValue === columns[i]?.Name || d.VarCharValue === columns[i]?.Label)
  );
}

function toResultRow(row: Row, columns: ColumnInfo[]): ResultRow {
  const out: ResultRow = {};
  columns.forEach((column, i) => {
    out[column.Name ?? `_col${i}`] = convert(row.Data?.[i]?.VarCharValue, column.Type);
  });
  return out;
}

/** Athena returns every value as text; give it back the type the column has. */
function convert(text: string | undefined, type: string | undefined): string | number | boolean | null {
  if (text === undefined) return null;
  const base = (type ?? 'varchar').toLowerCase().replace(/\(.*$/, '');
  if (NUMBER_TYPES.has(base)) return Number(text);
  if (base === 'boolean') return text === 'true';
  // date arrives as YYYY-MM-DD already; varchar, timestamp and the rest stay as text.
  return text;
}
