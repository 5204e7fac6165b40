/**
 * AthenaEngine.queryColumns: the columnar answer the analysis reads (aws-sdk-client-mock, as the
 * other Athena tests). Pages and the streamed result file go into the same columns.
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type ColumnInfo } from '@aws-sdk/client-athena';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CsvRecordSplitter, parseAthenaCsv } from '../../shared/query/athena-csv.ts';
import { AthenaEngine } from '../../shared/query/athena-engine.ts';
import { numbers, textAt, texts, type ColumnarResult } from '../../shared/query/columns.ts';

const strings = (r: ColumnarResult, name: string) => Array.from(texts(r, name).codes, (_, i) => textAt(texts(r, name), i));

const client = new AthenaClient({ region: 'eu-west-2' });
const athena = mockClient(client);
const s3Client = new S3Client({ region: 'eu-west-2' });
const s3 = mockClient(s3Client);
const col = (Name: string, Type: string): ColumnInfo => ({ Name, Label: Name, Type });
const row = (...values: (string | undefined)[]) => ({ Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) });
const engine = () => new AthenaEngine({ workGroup: 'wg', database: 'db', client, s3: s3Client, sleep: async () => {}, now: () => 0 });
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

beforeEach(() => {
  athena.reset();
  s3.reset();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'qe-1' });
});

describe('AthenaEngine.queryColumns', () => {
  it('pages through GetQueryResults into typed columns: numbers, dates as epoch days, NULL as NaN or null', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const meta = { ColumnInfo: [col('region', 'varchar'), col('day', 'date'), col('calls', 'bigint'), col('ok', 'boolean')] };
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({ ResultSet: { ResultSetMetadata: meta, Rows: [row('region', 'day', 'calls', 'ok'), row('GB-CAM', '2026-03-02', '11', 'true')] }, NextToken: 't2' })
      .resolvesOnce({ ResultSet: { ResultSetMetadata: meta, Rows: [row(undefined, '2026-03-09', undefined, 'false')] } });
    const r = await engine().queryColumns('SELECT ...');
    expect(r.length).toBe(2);
    expect(strings(r, 'region')).toEqual(['GB-CAM', null]);
    expect([...numbers(r, 'day')]).toEqual([day('2026-03-02'), day('2026-03-09')]);
    expect(numbers(r, 'calls')[0]).toBe(11);
    expect(Number.isNaN(numbers(r, 'calls')[1])).toBe(true);
    expect([...numbers(r, 'ok')]).toEqual([1, 0]);
    expect(() => numbers(r, 'region')).toThrow(/no numeric column "region"/);
  });

  it('streams a long answer from the result CSV, chunks cut anywhere (inside quotes, between CR and LF), into the same columns', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' }, ResultConfiguration: { OutputLocation: 's3://b/r/qe-1.csv' } } });
    const columns = [col('note', 'varchar'), col('n', 'integer'), col('d', 'date')];
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: columns }, Rows: [row('note', 'n', 'd')] }, NextToken: 'more' });
    const lines = ['"note","n","d"', ...Array.from({ length: 1500 }, (_, i) => `"r${i}","${i}","2026-01-0${(i % 9) + 1}"`), '"a ""q"", b\nsecond line",,', '"","7","2026-02-01"'];
    const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 37) yield bytes.subarray(i, i + 37);
    };
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'r/qe-1.csv' }).resolves({ Body: chunks() as never });
    const r = await engine().queryColumns('SELECT ...');
    expect(r.length).toBe(1502);
    expect(strings(r, 'note')[1499]).toBe('r1499');
    expect(numbers(r, 'n')[1499]).toBe(1499);
    expect(numbers(r, 'd')[3]).toBe(day('2026-01-04'));
    expect(strings(r, 'note')[1500]).toBe('a "q", b\nsecond line');
    expect(Number.isNaN(numbers(r, 'n')[1500])).toBe(true);
    expect(strings(r, 'note')[1501]).toBe('');
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(1);
  });
});

describe('CsvRecordSplitter', () => {
  it('gives back only whole records, whatever the chunk size, and the same records as parsing the whole text', () => {
    const text = '"a","b ""x""\n, y"\n,"2"\r\n"last","z"';
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const split = new CsvRecordSplitter();
      let out = '';
      for (let i = 0; i < text.length; i += size) {
        const part = split.push(text.slice(i, i + size));
        if (part) expect(part.endsWith('\n')).toBe(true);
        out += part;
      }
      out += split.end();
      expect(parseAthenaCsv(out)).toEqual(parseAthenaCsv(text));
    }
  });
});
