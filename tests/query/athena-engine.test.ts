/**
 * AthenaEngine. AWS cannot be reached from here, so the requests it sends and its handling of
 * Athena's answers are checked with the SDK's own mocking tool, aws-sdk-client-mock, on a client
 * instance. Polling uses an injected sleep and clock, so no test waits in real time.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type GetQueryExecutionOutput,
  type GetQueryResultsOutput,
  type QueryExecutionState,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { TooManyRequestsException } from '@aws-sdk/client-athena';
import { AthenaEngine, convert, toExecutionParameter } from '../../shared/query/athena-engine.ts';
import { parseAthenaCsv } from '../../shared/query/athena-csv.ts';

const client = new AthenaClient({ region: 'eu-west-2' });
const athena = mockClient(client);

/** A fake clock that sleep() advances, recording every wait. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function engine(extra: Partial<ConstructorParameters<typeof AthenaEngine>[0]> = {}) {
  const time = fakeTime();
  const e = new AthenaEngine({
    workGroup: 'campaign-analytics',
    database: 'campaign_lake',
    catalog: 'AwsDataCatalog',
    client,
    sleep: time.sleep,
    now: time.now,
    ...extra,
  });
  return { engine: e, time };
}

const col = (Name: string, Type: string): ColumnInfo => ({ Name, Label: Name, Type });
const row = (...values: (string | undefined)[]) => ({ Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) });
const state = (State: QueryExecutionState, StateChangeReason?: string): GetQueryExecutionOutput => ({
  QueryExecution: { Status: { State, StateChangeReason } },
});

beforeEach(() => {
  athena.reset();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'qe-123' });
});

describe('AthenaEngine.query', () => {
  it('starts the query with context, workgroup and quoted parameters, and converts values by column type', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolvesOnce(state('QUEUED')).resolvesOnce(state('RUNNING')).resolves(state('SUCCEEDED'));
    const columns = [
      col('region_code', 'varchar'),
      col('day', 'date'),
      col('impressions', 'bigint'),
      col('clicks', 'integer'),
      col('small', 'smallint'),
      col('tiny', 'tinyint'),
      col('ctr', 'double'),
      col('ratio', 'real'),
      col('spend', 'decimal(12,2)'),
      col('is_target', 'boolean'),
      col('note', 'varchar'),
    ];
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columns },
        Rows: [
          row(...columns.map((c) => c.Name)),
          row('GB-LIN', '2026-03-05', '9007199254740991', '42', '-3', '7', '0.0125', '1.5', '1234.50', 'true', undefined),
          row('LT-VL', '2026-03-06', '0', '0', '0', '0', '0.0', '0', '0.00', 'false', "it's"),
        ],
      },
    });
    const sql = "SELECT * FROM ad_delivery WHERE region_code = ? AND day >= CAST(? AS DATE) AND clicks > ? LIMIT ?";
    const { engine: e } = engine();

    // Act
    const rows = await e.query(sql, ["O'Brien's Fen", '2026-03-01', 2.5, 100]);

    // Assess
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).toEqual({
      QueryString: sql,
      QueryExecutionContext: { Database: 'campaign_lake', Catalog: 'AwsDataCatalog' },
      WorkGroup: 'campaign-analytics',
      ExecutionParameters: ["'O''Brien''s Fen'", "'2026-03-01'", '2.5', '100'],
    });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(athena.commandCalls(GetQueryResultsCommand)[0]!.args[0].input).toMatchObject({ QueryExecutionId: 'qe-123' });
    expect(rows).toEqual([
      {
        region_code: 'GB-LIN',
        day: '2026-03-05',
        impressions: 9007199254740991,
        clicks: 42,
        small: -3,
        tiny: 7,
        ctr: 0.0125,
        ratio: 1.5,
        spend: 1234.5,
        is_target: true,
        note: null,
      },
      { region_code: 'LT-VL', day: '2026-03-06', impressions: 0, clicks: 0, small: 0, tiny: 0, ctr: 0, ratio: 0, spend: 0, is_target: false, note: "it's" },
    ]);
  });

  it('omits ExecutionParameters when there are none and leaves the catalog to Athena when not given', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: [col('n', 'bigint')] }, Rows: [row('n'), row('3')] },
    });
    const { engine: e } = engine({ catalog: undefined });
    expect(await e.query('SELECT count(*) AS n FROM campaigns')).toEqual([{ n: 3 }]);
    const input = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(input.ExecutionParameters).toBeUndefined();
    expect(input.QueryExecutionContext).toEqual({ Database: 'campaign_lake', Catalog: undefined });
  });

  it('surfaces the StateChangeReason and the query id when the query fails', async () => {
    athena.on(GetQueryExecutionCommand).resolvesOnce(state('RUNNING')).resolves(
      state('FAILED', "COLUMN_NOT_FOUND: line 1:8: Column 'reach' cannot be resolved"),
    );
    const { engine: e } = engine();
    await expect(e.query('SELECT reach FROM ad_delivery')).rejects.toThrow(
      "Athena query qe-123 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'reach' cannot be resolved",
    );
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('reports a cancelled query as an error too', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('CANCELLED', 'Query cancelled by user'));
    const { engine: e } = engine();
    await expect(e.query('SELECT 1')).rejects.toThrow(/qe-123 CANCELLED: Query cancelled by user/);
  });

  it('stops the query and names it and the elapsed time when it times out', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const { engine: e, time } = engine({ pollIntervalMs: 1_000, maxPollIntervalMs: 4_000, timeoutMs: 10_000 });
    await expect(e.query('SELECT * FROM huge')).rejects.toThrow(/Athena query qe-123 timed out after 10000 ms .*stopped it/);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'qe-123' },
    ]);
    // 1 + 2 + 4 + 3 (the rest of the budget, not a whole 4 s interval)
    expect(time.sleeps).toEqual([1_000, 2_000, 4_000, 3_000]);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('backs off exponentially up to the ceiling', async () => {
    let polls = athena.on(GetQueryExecutionCommand);
    for (let i = 0; i < 6; i++) polls = polls.resolvesOnce(state('RUNNING'));
    polls.resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    const { engine: e, time } = engine({ pollIntervalMs: 100, maxPollIntervalMs: 1_000 });
    expect(await e.query('SELECT 1 WHERE false')).toEqual([]);
    expect(time.sleeps).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('pages through GetQueryResults with NextToken when Athena names no result file, dropping only the first page header', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    const meta = { ColumnInfo: [col('week', 'date'), col('calls', 'bigint')] };
    const page = (rows: ReturnType<typeof row>[], NextToken?: string): GetQueryResultsOutput => ({
      ResultSet: { ResultSetMetadata: meta, Rows: rows },
      NextToken,
    });
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce(page([row('week', 'calls'), row('2026-03-02', '11'), row('2026-03-09', '12')], 'tok-2'))
      .resolvesOnce(page([row('2026-03-16', '13')], 'tok-3'))
      .resolvesOnce(page([row('2026-03-23', '14'), row('2026-03-30', undefined)]));
    const { engine: e } = engine();
    expect(await e.query('SELECT week, calls FROM demand')).toEqual([
      { week: '2026-03-02', calls: 11 },
      { week: '2026-03-09', calls: 12 },
      { week: '2026-03-16', calls: 13 },
      { week: '2026-03-23', calls: 14 },
      { week: '2026-03-30', calls: null },
    ]);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'qe-123', NextToken: undefined, MaxResults: 1000 },
      { QueryExecutionId: 'qe-123', NextToken: 'tok-2', MaxResults: 1000 },
      { QueryExecutionId: 'qe-123', NextToken: 'tok-3', MaxResults: 1000 },
    ]);
  });

  it('drops a header only on the first page, even if a later page starts with the same words', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    const meta = { ColumnInfo: [col('kind', 'varchar')] };
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({ ResultSet: { ResultSetMetadata: meta, Rows: [row('kind'), row('reach')] }, NextToken: 't2' })
      .resolvesOnce({ ResultSet: { ResultSetMetadata: meta, Rows: [row('kind'), row('spend')] } });
    const { engine: e } = engine();
    expect(await e.query('SELECT kind FROM delivery_kinds')).toEqual([{ kind: 'reach' }, { kind: 'kind' }, { kind: 'spend' }]);
  });

  it('keeps the first row when it is data, as in DDL and SHOW results, which have no header', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: [col('partition', 'string')] }, Rows: [row('month=2026-03')] },
    });
    const { engine: e } = engine();
    expect(await e.query('SHOW PARTITIONS ad_delivery')).toEqual([{ partition: 'month=2026-03' }]);
  });

  it('has the athena name and a close that does nothing', async () => {
    const { engine: e } = engine();
    expect(e.name).toBe('athena');
    await expect(e.close()).resolves.toBeUndefined();
    expect(athena.calls()).toHaveLength(0);
  });
});

describe('toExecutionParameter', () => {
  it('quotes strings as SQL literals and passes numbers as they are', () => {
    expect(toExecutionParameter('GB-LIN')).toBe("'GB-LIN'");
    expect(toExecutionParameter("'; DROP TABLE x; --")).toBe("'''; DROP TABLE x; --'");
    expect(toExecutionParameter('')).toBe("''");
    expect(toExecutionParameter(-12)).toBe('-12');
    expect(toExecutionParameter(0.25)).toBe('0.25');
    expect(() => toExecutionParameter(Number.NaN)).toThrow(/finite/);
  });
});

describe('AthenaEngine: retries, long answers and exact numbers (aws-sdk-client-mock)', () => {
  const s3Client = new S3Client({ region: 'eu-west-2' });
  const s3 = mockClient(s3Client);
  beforeEach(() => s3.reset());
  const failed = (retryable: boolean): GetQueryExecutionOutput => ({
    QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'Query exhausted resources', AthenaError: { ErrorCategory: 2, Retryable: retryable } } },
  });
  const oneRow = { ResultSet: { ResultSetMetadata: { ColumnInfo: [col('n', 'bigint')] }, Rows: [row('n'), row('7')] } };

  it('reruns a query Athena marks retryable, with exponential backoff, and then succeeds', async () => {
    athena.on(StartQueryExecutionCommand).resolvesOnce({ QueryExecutionId: 'qe-1' }).resolvesOnce({ QueryExecutionId: 'qe-2' }).resolves({ QueryExecutionId: 'qe-3' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'qe-1' }).resolves(failed(true));
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'qe-2' }).resolves(failed(true));
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'qe-3' }).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves(oneRow);
    const { engine: e, time } = engine({ retryBaseMs: 1000 });
    expect(await e.query('SELECT 7 AS n')).toEqual([{ n: 7 }]);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
    // poll, backoff 1 s, poll, backoff 2 s, poll
    expect(time.sleeps).toEqual([250, 1000, 250, 2000, 250]);
  });

  it('does not rerun a failure Athena says is not retryable, and gives up after maxAttempts on one that is', async () => {
    athena.on(GetQueryExecutionCommand).resolves(failed(false));
    await expect(engine().engine.query('SELECT x')).rejects.toThrow(/FAILED: Query exhausted resources$/);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
    athena.reset();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'qe-9' });
    athena.on(GetQueryExecutionCommand).resolves(failed(true));
    await expect(engine({ maxAttempts: 3 }).engine.query('SELECT x')).rejects.toThrow(/\(retryable\)/);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
  });

  it('retries a throttled start (TooManyRequestsException)', async () => {
    athena
      .on(StartQueryExecutionCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ QueryExecutionId: 'qe-4' });
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves(oneRow);
    expect(await engine().engine.query('SELECT 7 AS n')).toEqual([{ n: 7 }]);
  });

  it('reads an answer longer than one page from the result CSV in S3 in one request, keeping NULL apart from empty text', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'SUCCEEDED' }, ResultConfiguration: { OutputLocation: 's3://results-bucket/athena/qe-123.csv' } },
    });
    const columns = [col('region', 'varchar'), col('calls', 'bigint'), col('spend', 'decimal(38,6)'), col('note', 'varchar')];
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [row('region', 'calls', 'spend', 'note'), row('GB-CAM', '1', '1.5', 'x')] }, NextToken: 'more' });
    const lines = ['"region","calls","spend","note"', ...Array.from({ length: 2500 }, (_, i) => `"GB-${i}","${i}","${i}.25",${i % 2 ? '""' : ''}`), '"Say ""hi"", then, go","","123456789012345678.123456","a\nb"'];
    s3.on(GetObjectCommand, { Bucket: 'results-bucket', Key: 'athena/qe-123.csv' }).resolves({ Body: { transformToString: async () => lines.join('\n') + '\n' } as never });
    const rows = await engine({ s3: s3Client }).engine.query('SELECT ...');
    expect(rows).toHaveLength(2501);
    expect(rows[0]).toEqual({ region: 'GB-0', calls: 0, spend: 0.25, note: null });
    expect(rows[1]).toEqual({ region: 'GB-1', calls: 1, spend: 1.25, note: '' });
    expect(rows[2500]).toEqual({ region: 'Say "hi", then, go', calls: null, spend: '123456789012345678.123456', note: 'a\nb' });
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(1);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('turns DECIMAL and BIGINT into numbers only when a double holds them exactly; otherwise keeps the exact text', () => {
    expect(convert('1234.56', 'decimal(12,2)')).toBe(1234.56);
    expect(convert('999999999999999', 'decimal(15,0)')).toBe(999999999999999);
    expect(convert('12345678901234567.89', 'decimal(38,2)')).toBe('12345678901234567.89');
    expect(convert('-0.000000000000000001', 'decimal(38,18)')).toBe(-1e-18);
    expect(convert('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(convert('9007199254740991', 'bigint')).toBe(9007199254740991);
  });

  it('parses Athena CSV: quoted values, doubled quotes, NULL as an unquoted empty field, CRLF', () => {
    expect(parseAthenaCsv('"a","b","c"\r\n"1",,""\r\n')).toEqual([['a', 'b', 'c'], ['1', undefined, '']]);
    expect(parseAthenaCsv('')).toEqual([]);
    expect(() => parseAthenaCsv('"a')).toThrow(/unterminated/);
  });
});
