import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  type ColumnInfo,
  type GetQueryResultsCommandOutput,
  type QueryExecution,
  type Row,
} from '@aws-sdk/client-athena';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseAthenaCsv } from './athena-csv.ts';
import { MAX_PARAMETER_CHARS, type QueryEngine, type QueryParam, type ResultRow } from './query-engine.ts';

/** Options for {@link AthenaEngine}. */
export interface AthenaEngineOptions {
  workGroup: string;
  database: string;
  /** Data catalog; Athena's default is AwsDataCatalog (Glue). */
  catalog?: string;
  client?: AthenaClient;
  /** Reads a result file when an answer is longer than one page. Default: a client in `region`. */
  s3?: S3Client;
  region?: string;
  /** First wait before polling the query state. Default 250 ms; doubles on every poll. */
  pollIntervalMs?: number;
  /** Ceiling of the poll interval. Default 5 s. */
  maxPollIntervalMs?: number;
  /** Give up (and stop the query) after this long. Default 5 minutes. */
  timeoutMs?: number;
  /** Runs of one query, the first included, when Athena says a failure is retryable or throttles. Default 4. */
  maxAttempts?: number;
  /** Wait before the first rerun; doubles each time. Default 1 s. */
  retryBaseMs?: number;
  /** Injected in tests so polling takes no real time. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests together with sleep. Default Date.now. */
  now?: () => number;
}

/** A query Athena ran and failed; `retryable` is Athena's own verdict (AthenaError.Retryable). */
export class AthenaQueryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'AthenaQueryError';
  }
}

/** Most rows GetQueryResults returns in one call. */
const PAGE = 1000;

/**
 * QueryEngine on Amazon Athena. SQL (Trino dialect, positional `?`) is sent unchanged; parameters
 * go as ExecutionParameters. A failure Athena marks retryable (or a throttled start) is rerun
 * with exponential backoff. An answer that fits one page comes from GetQueryResults; a longer one
 * is read in one request from the result file Athena wrote to S3, instead of 1,000 rows a call.
 *
 * @example
 * const engine = new AthenaEngine({ workGroup: 'campaign-analytics', database: 'campaign_lake' });
 * const rows = await engine.query(loadQuery('demand_history'), ['helpline_calls', '', '']);
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena' as const;
  private readonly client: AthenaClient;
  private s3Client: S3Client | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: AthenaEngineOptions) {
    this.client = opts.client ?? new AthenaClient({ region: opts.region });
    this.s3Client = opts.s3;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = opts.now ?? Date.now;
  }

  async query(sql: string, params: QueryParam[] = []): Promise<ResultRow[]> {
    const parameters = params.length > 0 ? params.map(toExecutionParameter) : undefined;
    const attempts = this.opts.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.start(sql, parameters);
        const execution = await this.waitForSuccess(id);
        return await this.fetchRows(id, execution);
      } catch (e) {
        const retryable = (e instanceof AthenaQueryError && e.retryable) || e instanceof TooManyRequestsException;
        if (!retryable || attempt >= attempts) throw e;
        await this.sleep((this.opts.retryBaseMs ?? 1000) * 2 ** (attempt - 1));
      }
    }
  }

  private async start(sql: string, parameters: string[] | undefined): Promise<string> {
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Database: this.opts.database, Catalog: this.opts.catalog },
        WorkGroup: this.opts.workGroup,
        // Athena rejects an empty list, so omit it when there is nothing to bind.
        ExecutionParameters: parameters,
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new Error('Athena StartQueryExecution returned no QueryExecutionId');
    return id;
  }

  private async waitForSuccess(id: string): Promise<QueryExecution> {
    const timeoutMs = this.opts.timeoutMs ?? 5 * 60_000;
    const maxInterval = this.opts.maxPollIntervalMs ?? 5_000;
    let interval = this.opts.pollIntervalMs ?? 250;
    const start = this.now();
    for (;;) {
      await this.sleep(Math.min(interval, Math.max(0, start + timeoutMs - this.now())));
      const { QueryExecution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return QueryExecution!;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = QueryExecution?.Status?.StateChangeReason ?? 'no reason given';
        const retryable = QueryExecution?.Status?.AthenaError?.Retryable === true;
        throw new AthenaQueryError(`Athena query ${id} ${state}: ${reason}${retryable ? ' (retryable)' : ''}`, retryable);
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

  private async fetchRows(id: string, execution: QueryExecution): Promise<ResultRow[]> {
    const first = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: PAGE }));
    const columns = first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
    let pageRows = first.ResultSet?.Rows ?? [];
    // For SELECT, the first row of the first page repeats the column names.
    if (pageRows[0] && isHeader(pageRows[0], columns)) pageRows = pageRows.slice(1);
    const rows = pageRows.map((row) => toResultRow(row.Data?.map((d) => d.VarCharValue) ?? [], columns));
    if (!first.NextToken) return rows;
    const location = execution.ResultConfiguration?.OutputLocation;
    if (location?.endsWith('.csv')) return this.rowsFromResultFile(location, columns);
    // DDL and other statements write no CSV: page through the rest.
    let token: string | undefined = first.NextToken;
    while (token) {
      const page: GetQueryResultsCommandOutput = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: PAGE }));
      for (const row of page.ResultSet?.Rows ?? []) rows.push(toResultRow(row.Data?.map((d) => d.VarCharValue) ?? [], columns));
      token = page.NextToken;
    }
    return rows;
  }

  /** The whole answer from Athena's result CSV (header row first; NULL is an unquoted empty field). */
  private async rowsFromResultFile(location: string, columns: ColumnInfo[]): Promise<ResultRow[]> {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
    if (!m) throw new Error(`Athena result location is not an S3 URL: ${location}`);
    this.s3Client ??= new S3Client({ region: this.opts.region });
    const object = await this.s3Client.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
    const text = await object.Body!.transformToString('utf8');
    const [, ...records] = parseAthenaCsv(text);
    return records.map((values) => toResultRow(values, columns));
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

function toResultRow(values: (string | undefined)[], columns: ColumnInfo[]): ResultRow {
  const out: ResultRow = {};
  columns.forEach((column, i) => {
    out[column.Name ?? `_col${i}`] = convert(values[i], column.Type);
  });
  return out;
}

const INTEGER_TYPES = new Set(['bigint', 'integer', 'int', 'smallint', 'tinyint']);
const FLOAT_TYPES = new Set(['double', 'real', 'float']);

/**
 * Athena returns every value as text; give it back the type the column has. Integers and
 * decimals become numbers only when a double holds them exactly (at most 15 significant digits,
 * or a safe integer); otherwise their exact text is returned, never a rounded number.
 */
export function convert(text: string | undefined, type: string | undefined): string | number | boolean | null {
  if (text === undefined) return null;
  const base = (type ?? 'varchar').toLowerCase().replace(/\(.*$/, '');
  // Empty is no number (only text can be empty): never let it read as 0.
  if (text === '' && (INTEGER_TYPES.has(base) || FLOAT_TYPES.has(base) || base === 'decimal')) return null;
  if (INTEGER_TYPES.has(base)) return Number.isSafeInteger(Number(text)) ? Number(text) : text;
  if (base === 'decimal') return significantDigits(text) <= 15 ? Number(text) : text;
  if (FLOAT_TYPES.has(base)) return Number(text);
  if (base === 'boolean') return text === 'true';
  // date arrives as YYYY-MM-DD already; varchar, timestamp and the rest stay as text.
  return text;
}

function significantDigits(decimal: string): number {
  return decimal.replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '').length;
}
