import { parquetReadObjects } from 'hyparquet';
import { appendFileSync, writeFileSync } from 'node:fs';
import { ByteWriter, ParquetWriter, type Writer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { fromEpochDay } from '../domain/dates.ts';
import { columnBuffer, type ColumnBuffer } from './column-buffer.ts';
import type { ColumnDef, Row, TableDef } from './tables.ts';

const PHYSICAL: Record<ColumnDef['type'], Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  date: { type: 'INT32', converted_type: 'DATE' },
  bigint: { type: 'INT64' },
  int: { type: 'INT32' },
  double: { type: 'DOUBLE' },
};

/** Parquet schema of a table (partition column excluded: it lives in the key). */
export function parquetSchema(table: TableDef): SchemaElement[] {
  return [
    { name: 'root', num_children: table.columns.length },
    ...table.columns.map((c) => ({ name: c.name, ...PHYSICAL[c.type], repetition_type: c.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const) })),
  ];
}

/** Rows per row group unless a writer asks otherwise. */
export const ROW_GROUP = 25_000;
const STATISTICS = new Set(['region_code', 'channel', 'partner_id', 'campaign', 'campaign_id', 'platform', 'campaign_name']);

/**
 * Writes one Parquet file row by row, flushing a row group every 25,000 rows (or `rowGroupSize`) so that
 * memory stays bounded however large the source file is. The finished file is kept in memory
 * (compressed) until the caller decides to commit it, or, given a local `file`, written there
 * as it grows (1 MB at a time), so that memory stays flat however many rows the file holds.
 */
export class ParquetFileBuilder {
  private readonly writer: ByteWriter;
  private readonly parquet: ParquetWriter;
  /** The rows waiting for their row group, one buffer per column (column-buffer.ts). */
  private readonly columns: ColumnBuffer[];
  private waiting = 0;
  rows = 0;

  private readonly rowGroupSize: number;
  readonly file?: string;

  constructor(
    private readonly table: TableDef,
    options: { rowGroupSize?: number; file?: string } = {},
  ) {
    this.rowGroupSize = options.rowGroupSize ?? ROW_GROUP;
    this.file = options.file;
    this.writer = this.file ? appendingWriter(this.file) : new ByteWriter();
    this.parquet = new ParquetWriter({ writer: this.writer, schema: parquetSchema(table), createdBy: 'geo-campaign-analytics' });
    this.columns = table.columns.map((c) => columnBuffer(c.type));
  }

  /**
   * A row's cells go straight into their columns' buffers (numbers and dictionary codes in typed
   * arrays), so the row object dies young: kept whole until its row group is written, every row
   * and its cells outlived the young generation and piled up as old garbage (0.8 GB per million
   * Meta rows), which let the heap's peak wander with the file's length.
   */
  append(row: Row): void {
    const cols = this.table.columns;
    const at = this.waiting;
    for (let i = 0; i < cols.length; i++) this.columns[i]!.set(at, row[cols[i]!.name]);
    this.rows += 1;
    if (++this.waiting >= this.rowGroupSize) this.flush();
  }

  /** Rows appended but not yet written as a row group. */
  get pending(): number {
    return this.waiting;
  }

  flush(): void {
    const n = this.waiting;
    if (n === 0) return;
    this.waiting = 0;
    // Buffers of a full group are kept for the next; an early flush (a partition that is done,
    // or gone quiet) gives them back, so idle partitions hold nothing.
    const keep = n >= this.rowGroupSize;
    void this.parquet.write({
      columnData: this.table.columns.map((c, i) => {
        // Min/max statistics where engines prune on them (dates, and the keys reports filter and join on); elsewhere they only cost time.
        const statistics = c.type === 'date' || STATISTICS.has(c.name);
        const data = this.columns[i]!.take(n, keep);
        // Dates as deltas: a series' days follow each other, so each costs a few bits, not a dictionary index
        // (period_start was 62% of a partner upload's bytes as a dictionary, 8% as deltas; bench/lake-reads.ts).
        return { name: c.name, data, statistics, ...(c.type === 'date' ? { encoding: 'DELTA_BINARY_PACKED' as const } : {}) };
      }),
      rowGroupSize: this.rowGroupSize,
    });
  }

  /** Close the file and return its bytes. */
  finish(): Uint8Array {
    this.close();
    return new Uint8Array(this.writer.getBuffer());
  }

  /** Write the last row group and the footer (to the local file, for a builder given one). */
  close(): void {
    this.flush();
    void this.parquet.finish();
  }
}

/**
 * A writer that appends each row group to a local file as soon as it is encoded and then drops its
 * buffer: a builder waiting for rows of its partition holds 64 KB, not its last row group.
 */
function appendingWriter(file: string): ByteWriter {
  const writer: ByteWriter & Pick<Writer, 'flush'> = new ByteWriter(IDLE_BUFFER);
  writeFileSync(file, '');
  const write = () => {
    if (writer.index > 0) appendFileSync(file, new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  writer.flush = () => {
    write();
    if (writer.buffer.byteLength > IDLE_BUFFER) {
      writer.buffer = new ArrayBuffer(IDLE_BUFFER);
      writer.view = new DataView(writer.buffer);
    }
  };
  writer.finish = write;
  writer.getBuffer = () => {
    throw new Error('the Parquet file is on disk: read it from there');
  };
  return writer;
}
const IDLE_BUFFER = 1 << 16;

/** Write rows into one Parquet file. */
export function writeParquet(table: TableDef, rows: Iterable<Row>, rowGroupSize = ROW_GROUP): Uint8Array {
  const builder = new ParquetFileBuilder(table, { rowGroupSize });
  for (const row of rows) builder.append(row);
  return builder.finish();
}

/** Read a Parquet file written by this module back into rows (dates as YYYY-MM-DD, integers as numbers). */
export async function readParquet(table: TableDef, bytes: Uint8Array): Promise<Row[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const objects = (await parquetReadObjects({ file: buffer, utf8: true })) as Record<string, unknown>[];
  return objects.map((o) => {
    const row: Row = {};
    for (const c of table.columns) {
      const v = o[c.name];
      if (v === null || v === undefined) row[c.name] = null;
      else if (c.type === 'date') row[c.name] = v instanceof Date ? v.toISOString().slice(0, 10) : fromEpochDay(Number(v));
      else if (typeof v === 'bigint') row[c.name] = Number(v);
      else row[c.name] = v as string | number;
    }
    return row;
  });
}
