import { parquetReadObjects } from 'hyparquet';
import { appendFileSync, writeFileSync } from 'node:fs';
import { ByteWriter, ParquetWriter, type Writer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { epochDay, fromEpochDay } from '../domain/dates.ts';
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
  private buffer: Row[] = [];
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
  }

  append(row: Row): void {
    this.buffer.push(row);
    this.rows += 1;
    if (this.buffer.length >= this.rowGroupSize) this.flush();
  }

  /**
   * Rows are kept as objects until a row group is full, then turned into columns one column at a
   * time: reading the same key from every row is far faster than every key from each row.
   */
  /** Rows appended but not yet written as a row group. */
  get pending(): number {
    return this.buffer.length;
  }

  flush(): void {
    const rows = this.buffer;
    if (rows.length === 0) return;
    this.buffer = [];
    void this.parquet.write({
      columnData: this.table.columns.map((c) => {
        // Min/max statistics where engines prune on them (dates, and the keys reports filter and join on); elsewhere they only cost time.
        const statistics = c.type === 'date' || STATISTICS.has(c.name);
        const data = columnValues(rows, c);
        if (statistics && c.type === 'string') this.ownStrings(data);
        // Dates as deltas: a series' days follow each other, so each costs a few bits, not a dictionary index
        // (period_start was 62% of a partner upload's bytes as a dictionary, 8% as deltas; bench/lake-reads.ts).
        return { name: c.name, data, statistics, ...(c.type === 'date' ? { encoding: 'DELTA_BINARY_PACKED' as const } : {}) };
      }),
      rowGroupSize: this.rowGroupSize,
    });
  }

  private readonly owned = new Map<string, string>();

  /**
   * The writer keeps each row group's min and max until the file is closed. A cell split from a
   * line of the source is a slice of the whole decoded chunk (megabytes): kept, it would keep the
   * chunk, and a file of many row groups would hold hundreds of them. So these columns' values are
   * swapped for copies of their own (one per distinct value: they are few).
   */
  private ownStrings(data: unknown[]): void {
    if (this.owned.size > 10_000) this.owned.clear();
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== 'string') continue;
      let own = this.owned.get(v);
      // A JSON round trip makes a new flat string, sharing nothing with the source text.
      if (own === undefined) this.owned.set((own = JSON.parse(JSON.stringify(v)) as string), own);
      data[i] = own;
    }
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

/** One column of a row group in the form the writer wants: epoch days for dates, bigint for INT64. */
function columnValues(rows: Row[], c: ColumnDef): unknown[] {
  const name = c.name;
  const out = new Array<unknown>(rows.length);
  // One loop per type, so each loop stays small and monomorphic.
  if (c.type === 'date') {
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![name];
      out[i] = v == null ? null : epochDay(v as string);
    }
  } else if (c.type === 'bigint') {
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![name];
      out[i] = v == null ? null : BigInt(v as number);
    }
  } else {
    for (let i = 0; i < rows.length; i++) out[i] = rows[i]![name] ?? null;
  }
  return out;
}

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
