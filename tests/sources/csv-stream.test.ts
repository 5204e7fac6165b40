import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsvStream, splitRecord } from '../../shared/sources/csv-stream.ts';

async function parse(chunks: string[] | Uint8Array[]) {
  const records: [number, string[]][] = [];
  let header: string[] = [];
  async function* gen() {
    yield* chunks;
  }
  await parseCsvStream(gen(), (h) => (header = h), (f, row) => records.push([row, f]));
  return { header, records };
}

describe('CSV stream parser', () => {
  it('handles BOM, CRLF, quoted delimiters, doubled quotes, newlines in quotes, chunk splits and no final newline', async () => {
    const text = '\ufeffa,"b, c",d\r\n1,"x\r\ny ""q""",3\r\n\r\n4,5,6\r\n7,,-';
    const bytes = new TextEncoder().encode(text);
    // Split inside the multi-byte BOM and inside the quoted field.
    const { header, records } = await parse([bytes.slice(0, 2), bytes.slice(2, 25), bytes.slice(25)]);
    expect(header).toEqual(['a', 'b, c', 'd']);
    expect(records).toEqual([
      [2, ['1', 'x\ny "q"', '3']],
      [5, ['4', '5', '6']],
      [6, ['7', '', '-']],
    ]);
  });

  it('reads the same records however the stream is cut into chunks, a line over three chunks included', async () => {
    const text = 'a,b,c\r\n10,"x\ny",12\r\n\r\n13,14,15\n16,"a ""b"" c",18\n19,20,21';
    const whole = await parse([text]);
    expect(whole.records).toHaveLength(4);
    for (let i = 1; i < text.length; i++)
      for (let j = i + 1; j < text.length; j++) {
        const cut = await parse([text.slice(0, i), text.slice(i, j), text.slice(j)]);
        expect(cut, `cut at ${i} and ${j}`).toEqual(whole);
      }
  });

  it('keeps a row that is cut short as a short row instead of merging it with the next', async () => {
    const { records } = await parse(['a,b,c\n1,2,3\n4,5\n6,7,8\n']);
    expect(records.map(([, f]) => f.length)).toEqual([3, 2, 3]);
  });

  it('detects semicolon and tab delimiters from the header', async () => {
    expect((await parse(['a;b\n1;2\n'])).records[0]![1]).toEqual(['1', '2']);
    expect((await parse(['a\tb\n1\t2\n'])).records[0]![1]).toEqual(['1', '2']);
  });

  it('names an unclosed quote and an empty file', async () => {
    await expect(parse(['a,b\n"1,2\n'])).rejects.toThrow(/quoted field opened on row 2 is never closed/);
    await expect(parse([''])).rejects.toThrow(CsvFormatError);
  });

  it('refuses text that is not UTF-8 with advice', async () => {
    await expect(parse([new Uint8Array([0x61, 0x0a, 0xe9, 0x0a])])).rejects.toThrow(/not UTF-8.*CSV UTF-8/);
  });

  it('splits records with quotes like a spreadsheet', () => {
    expect(splitRecord('"a","",b,"c,d"', ',')).toEqual(['a', '', 'b', 'c,d']);
  });
});
