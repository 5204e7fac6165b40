import { inferSchema, initParser, type Parser } from 'udsv';

/** Called once with the header cells (trimmed, BOM removed). */
export type OnHeader = (header: string[]) => void;
/** Called for every data record; row is the spreadsheet row number (header = row 1). */
export type OnRecord = (fields: string[], row: number) => void;

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/**
 * Parse a CSV byte stream record by record without holding the file in memory.
 * udsv (a fast incremental parser) does the splitting; quoted fields may hold commas and newlines.
 */
export async function parseCsvStream(
  chunks: AsyncIterable<Uint8Array | string>,
  onHeader: OnHeader,
  onRecord: OnRecord,
  opts: { delimiter?: string } = {},
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let parser: Parser | null = null;
  let row = 1;
  const onData = (fields: string[]): void => {
    row += 1;
    // Blank lines (a lone empty field) are not records.
    if (fields.length === 1 && fields[0] === '') return;
    onRecord(fields, row);
  };
  const feed = (text: string, final: boolean): void => {
    if (parser === null) {
      pending += text;
      const newline = pending.indexOf('\n');
      if (newline === -1 && !final && pending.length < 1 << 20) return;
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      if (pending.trim() === '') throw new CsvFormatError('the file is empty: it has no header row');
      const schema = inferSchema(pending, { col: opts.delimiter ?? null, encl: '"' });
      schema.trim = false;
      onHeader(schema.cols.map((c) => c.name.trim()));
      parser = initParser(schema);
      text = pending;
      pending = '';
    }
    parser.chunk<string[]>(text, parser.stringArrs, onData);
  };
  try {
    for await (const chunk of chunks) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false);
    }
    feed(decoder.decode(), true);
  } catch (e) {
    if (e instanceof TypeError && /encoded data was not valid/i.test(e.message))
      throw new CsvFormatError('the file is not UTF-8 text: in your spreadsheet use "Save as: CSV UTF-8"');
    throw e;
  }
  if (parser !== null) (parser as Parser).end();
}
