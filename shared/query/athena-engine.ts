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
import { CsvRecordSplitter, eachAthenaCsvValue, parseAthenaCsv } from './athena-csv.ts';
import { epochDay } from '../domain/dates.ts';
import { ColumnBuilder, type ColumnarResult, type ColumnKind } from './columns.ts';
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
    return this.run(sql, params, (id, execution) => this.fetchRows(id, execution));
  }

  /**
   * The answer column by column: pages (or the result file, streamed and parsed as it arrives)
   * go straight into the columns, never into an object per row.
   */
  async queryColumns(sql: string, params: QueryParam[] = []): Promise<ColumnarResult> {
    return this.run(sql, params, (id, execution) => this.fetchColumns(id, execution));
  }

  private async run<T>(sql: string, params: QueryParam[], fetch: (id: string, execution: QueryExecution) => Promise<T>): Promise<T> {
    const parameters = params.length > 0 ? params.map(toExecutionParameter) : undefined;
    const attempts = this.opts.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.start(sql, parameters);
        const execution = await this.waitForSuccess(id);
        return await fetch(id, execution);
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

  private async fetchColumns(id: string, execution: QueryExecution): Promise<ColumnarResult> {
    const first = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: PAGE }));
    const columns = first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
    const out = new ColumnsFromText(columns);
    let pageRows = first.ResultSet?.Rows ?? [];
    if (pageRows[0] && isHeader(pageRows[0], columns)) pageRows = pageRows.slice(1);
    const location = execution.ResultConfiguration?.OutputLocation;
    if (first.NextToken && location?.endsWith('.csv')) return this.columnsFromResultFile(location, out);
    for (const row of pageRows) out.pushRecord(row.Data?.map((d) => d.VarCharValue) ?? []);
    let token = first.NextToken;
    while (token) {
      const page: GetQueryResultsCommandOutput = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: PAGE }));
      for (const row of page.ResultSet?.Rows ?? []) out.pushRecord(row.Data?.map((d) => d.VarCharValue) ?? []);
      token = page.NextToken;
    }
    return out.finish();
  }

  /** The result CSV read as a stream: whole records are parsed into the columns as chunks arrive. */
  private async columnsFromResultFile(location: string, out: ColumnsFromText): Promise<ColumnarResult> {
    const object = await this.resultFile(location);
    const body = object.Body as unknown as AsyncIterable<Uint8Array> | undefined;
    if (!body) throw new Error(`Athena result file ${location} has no body`);
    const decoder = new TextDecoder('utf8');
    const split = new CsvRecordSplitter();
    let header = true;
    const parse = (text: string) =>
      eachAthenaCsvValue(text, (v, c) => !header && out.pushValue(v, c), () => (header ? (header = false) : out.endRecord()));
    for await (const chunk of body) parse(split.push(decoder.decode(chunk, { stream: true })));
    parse(split.push(decoder.decode()));
    parse(split.end());
    return out.finish();
  }

  /** The whole answer from Athena's result CSV (header row first; NULL is an unquoted empty field). */
  private async rowsFromResultFile(location: string, columns: ColumnInfo[]): Promise<ResultRow[]> {
    const object = await this.resultFile(location);
    const text = await object.Body!.transformToString('utf8');
    const [, ...records] = parseAthenaCsv(text);
    return records.map((values) => toResultRow(values, columns));
  }

  /** GET of a query's result CSV from its S3 output location. */
  private async resultFile(location: string) {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
    if (!m) throw new Error(`Athena result location is not an S3 URL: ${location}`);
    this.s3Client ??= new S3Client({ region: this.opts.region });
    return this.s3Client.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
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

/** What a column of Athena's text answer becomes: numbers, epoch days for dates, or text. */
function columnKind(type: string | undefined): ColumnKind {
  const base = (type ?? 'varchar').toLowerCase().replace(/\(.*$/, '');
  if (base === 'date') return 'date';
  if (INTEGER_TYPES.has(base) || FLOAT_TYPES.has(base) || base === 'decimal' || base === 'boolean') return 'number';
  return 'text';
}

/** Fills columns from Athena's text values, one value at a time. */
class ColumnsFromText {
  private readonly builders: ColumnBuilder[];
  private readonly names: string[];
  private seen = 0;

  constructor(columns: ColumnInfo[]) {
    this.names = columns.map((c, i) => c.Name ?? `_col${i}`);
    this.builders = columns.map((c) => new ColumnBuilder(columnKind(c.Type)));
  }

  pushValue(text: string | undefined, column: number): void {
    const b = this.builders[column];
    if (!b) return;
    this.seen = Math.max(this.seen, column + 1);
    if (b.kind === 'text') b.pushText(text ?? null);
    else if (text === undefined || text === '') b.pushNumber(Number.NaN);
    else if (b.kind === 'date') b.pushNumber(epochDay(text.slice(0, 10)));
    else b.pushNumber(text === 'true' ? 1 : text === 'false' ? 0 : Number(text));
  }

  /** A record with fewer values than columns gets NULL in the rest. */
  endRecord(): void {
    for (let c = this.seen; c < this.builders.length; c++) this.pushValue(undefined, c);
    this.seen = 0;
  }

  pushRecord(values: (string | undefined)[]): void {
    values.forEach((v, c) => this.pushValue(v, c));
    this.endRecord();
  }

  finish(): ColumnarResult {
    const columns: ColumnarResult['columns'] = {};
    this.names.forEach((n, i) => (columns[n] = this.builders[i]!.finish()));
    return { length: this.builders[0]?.length ?? 0, names: this.names, columns };
  }
}
