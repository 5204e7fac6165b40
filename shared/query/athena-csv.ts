/**
 * Records of a CSV file Athena wrote as a query result: every value is double-quoted (a quote
 * inside doubled) and NULL is an empty field without quotes, so `""` (empty text) and `` (NULL)
 * stay apart: NULL becomes undefined.
 * @example parseAthenaCsv('"a","b"\n"1",\n') // [['a', 'b'], ['1', undefined]]
 */
export function parseAthenaCsv(text: string): (string | undefined)[][] {
  const records: (string | undefined)[][] = [];
  let record: (string | undefined)[] = [];
  eachAthenaCsvValue(text, (value) => record.push(value), () => {
    records.push(record);
    record = [];
  });
  return records;
}

/**
 * Walk the values of Athena result CSV text, calling `value` for each field and `end` after each
 * record, without building arrays per record (the columnar reader fills its columns from it).
 */
export function eachAthenaCsvValue(text: string, value: (v: string | undefined, column: number) => void, end: () => void): void {
  let i = 0;
  let column = 0;
  const n = text.length;
  if (n === 0) return;
  for (;;) {
    let v: string | undefined;
    if (text[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('Athena result CSV: unterminated quoted field');
        out += text.slice(i, q);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      v = out;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      v = j === i ? undefined : text.slice(i, j);
      i = j;
    }
    value(v, column++);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    end();
    column = 0;
    if (i >= n) return;
  }
}

/**
 * Splits a CSV stream into whole records as text arrives: returns the part of `carry + chunk` that
 * ends on a record boundary (a newline outside quotes; Athena doubles quotes inside values, so an
 * even count of quotes before a newline means it is outside) and keeps the rest for the next chunk.
 */
export class CsvRecordSplitter {
  private carry = '';
  private quotes = 0; // quotes counted in `carry` so far (its parity is what matters)

  push(chunk: string): string {
    const text = this.carry + chunk;
    let parity = this.quotes & 1;
    let boundary = -1;
    for (let i = this.carry.length; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) parity ^= 1;
      else if (ch === 10 && parity === 0) boundary = i + 1;
    }
    if (boundary < 0) {
      this.carry = text;
      this.quotes = parity;
      return '';
    }
    this.carry = text.slice(boundary);
    let q = 0;
    for (let i = 0; i < this.carry.length; i++) if (this.carry.charCodeAt(i) === 34) q ^= 1;
    this.quotes = q;
    return text.slice(0, boundary);
  }

  /** Whatever is left at the end of the stream (a last record without a newline). */
  end(): string {
    const rest = this.carry;
    this.carry = '';
    return rest;
  }
}
