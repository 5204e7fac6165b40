import { CsvFormatError } from '../sources/csv-stream.ts';
import { forEachListItem } from '../sources/json-list.ts';
import type { JsonItems } from '../sources/reader.ts';
import { READERS } from '../sources/registry.ts';

/**
 * Feed a JSON upload through the same header/record callbacks as CSV, using the first JSON reader
 * (or the forced one) that recognises the document's list, in two streaming passes so that memory
 * holds one item, never the file: the header is every field of every item (a field may first
 * appear on the last one), so the first pass checks the whole document and collects the fields,
 * and only then the second, over the object read again (`reopen`), hands over the records. A file
 * that is not valid JSON is refused in the first pass, before any record.
 */
export async function ingestJson(
  bytes: AsyncIterable<Uint8Array>,
  reopen: () => Promise<AsyncIterable<Uint8Array>>,
  format: string | undefined,
  onHeader: (header: string[], line: string, input: 'json') => boolean,
  onRecord: (fields: string[], row: number) => void,
): Promise<void> {
  const candidates = READERS.filter((r) => r.json && (!format || r.format === format)).map((reader) => new Fields(reader.json!));
  const list = await forEachListItem(bytes, (item) => {
    for (const c of candidates) c.see(item);
  });
  const found = list.list ? candidates.find((c) => c.fits && (c.marked || list.items === 0)) : undefined;
  if (!found) {
    const formats = READERS.map((r) => r.format).join(', ');
    throw new CsvFormatError(`unrecognised JSON file: found keys ${JSON.stringify(list.keys)}; known formats: ${formats}`);
  }
  const header = found.header;
  onHeader(header, '', 'json');
  await forEachListItem(await reopen(), (item, row) => {
    const cells = found.json.cells(item);
    if (!cells) throw new CsvFormatError(CHANGED);
    onRecord(header.map((h) => cells.get(h) ?? ''), row);
  });
}

export const CHANGED = 'the file changed while it was being read: upload it again';

/** One JSON reader's view of the first pass: whether every item fits, and the fields seen. */
class Fields {
  readonly header: string[] = [];
  private readonly seen = new Set<string>();
  fits = true;
  marked = false;

  constructor(readonly json: JsonItems) {}

  see(item: unknown): void {
    if (!this.fits) return;
    const cells = this.json.cells(item);
    if (!cells) {
      this.fits = false;
      return;
    }
    this.marked ||= this.json.marks(item);
    for (const key of cells.keys())
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.header.push(key);
      }
  }
}
