/**
 * Called with the header cells (trimmed, BOM removed) and the raw line. Return false when the
 * line is not the header but a title line before it (Google reports start with two): the next
 * line is then offered as the header, with its own delimiter detection.
 */
export type OnHeader = (header: string[], line: string) => unknown;
/** Called for every data record; row is the spreadsheet row number where it starts (header = row 1). */
export type OnRecord = (fields: string[], row: number) => void;

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/**
 * Parse a CSV byte stream record by record without holding the file in memory.
 *
 * Hand-written on purpose: udsv (the fastest package measured) assumes every row has the
 * header's cell count and silently merges a row that is cut short into the next one, and an
 * honest "row 5 has 8 cells" error matters more here. Lines without quotes take a fast path
 * (String.split); quoted fields may hold delimiters, doubled quotes and newlines.
 */
export async function parseCsvStream(
  chunks: AsyncIterable<Uint8Array | string>,
  onHeader: OnHeader,
  onRecord: OnRecord,
  opts: { delimiter?: string } = {},
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let delimiter = opts.delimiter;
  let header: string[] | null = null;
  let carry = '';
  let line = 0; // physical lines consumed
  let record = ''; // a record spanning several lines (open quote)
  let recordStart = 0;
  let quotes = 0;
  let offered = false; // any line offered as a header yet

  const emit = (text: string, startLine: number): void => {
    if (header === null) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text === '' && offered) return; // blank line after a title line
      offered = true;
      const d = opts.delimiter ?? detectDelimiter(text);
      const cells = splitRecord(text, d).map((h) => h.trim());
      if (onHeader(cells, text) === false) return;
      delimiter = d;
      header = cells;
      return;
    }
    if (text === '') return; // blank line
    onRecord(splitRecord(text, delimiter!), startLine);
  };

  const consumeLine = (raw: string): void => {
    line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (quotes % 2 === 0 && record === '') {
      const q = countQuotes(text);
      if (q % 2 === 0) return emit(text, line);
      record = text;
      recordStart = line;
      quotes = q;
      return;
    }
    // Inside a quoted field: the newline belongs to the field.
    record += `\n${text}`;
    if (record.length > MAX_RECORD_CHARS)
      throw new CsvFormatError(`row ${recordStart} opens a quoted field that runs on for more than ${MAX_RECORD_MB} MB: a quote (") is probably missing its closing quote`);
    quotes += countQuotes(text);
    if (quotes % 2 === 0) {
      const done = record;
      record = '';
      quotes = 0;
      emit(done, recordStart);
    }
  };

  const feed = (text: string): void => {
    let start = 0;
    let nl = text.indexOf('\n');
    // Only the line cut by the chunk's start is joined to what came before: joining the whole
    // chunk would copy every chunk once more.
    if (carry !== '' && nl !== -1) {
      consumeLine(carry + text.slice(0, nl));
      carry = '';
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    for (; nl !== -1; nl = text.indexOf('\n', start)) {
      consumeLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry += text.slice(start);
    // Without this a file with no line breaks would be held and re-scanned whole, growing without bound.
    if (carry.length > MAX_RECORD_CHARS)
      throw new CsvFormatError(`row ${line + 1} is longer than ${MAX_RECORD_MB} MB without a line break: this is not a table of rows (or its line breaks were lost)`);
  };

  try {
    for await (const chunk of chunks) feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    feed(decoder.decode());
  } catch (e) {
    if (e instanceof TypeError && /encoded data was not valid/i.test(e.message))
      throw new CsvFormatError('the file is not UTF-8 text: in your spreadsheet use "Save as: CSV UTF-8"');
    throw e;
  }
  if (carry !== '') consumeLine(carry); // no final newline
  if (record !== '') throw new CsvFormatError(`a quoted field opened on row ${recordStart} is never closed`);
  if (!offered) throw new CsvFormatError('the file is empty: it has no header row');
}

/** No real row is this long; a longer one means a broken file, rejected before it costs gigabytes. */
const MAX_RECORD_MB = 1;
const MAX_RECORD_CHARS = MAX_RECORD_MB * 1024 * 1024;

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n += 1;
  return n;
}

/** The delimiter used most in the header line, outside quotes: comma, semicolon or tab. */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Split one complete record into cells. */
export function splitRecord(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          value += text.slice(j);
          j = text.length;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      const next = text.indexOf(delimiter, j);
      cells.push(value + (next === -1 ? text.slice(j) : text.slice(j, next)));
      if (next === -1) return cells;
      i = next + delimiter.length;
    } else {
      const next = text.indexOf(delimiter, i);
      if (next === -1) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, next));
      i = next + delimiter.length;
    }
  }
}
