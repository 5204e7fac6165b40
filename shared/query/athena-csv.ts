/**
 * Records of a CSV file Athena wrote as a query result: every value is double-quoted (a quote
 * inside doubled) and NULL is an empty field without quotes, so `""` (empty text) and `` (NULL)
 * stay apart: NULL becomes undefined.
 * @example parseAthenaCsv('"a","b"\n"1",\n') // [['a', 'b'], ['1', undefined]]
 */
export function parseAthenaCsv(text: string): (string | undefined)[][] {
  const records: (string | undefined)[][] = [];
  let record: (string | undefined)[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let value: string | undefined;
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
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = j === i ? undefined : text.slice(i, j);
      i = j;
    }
    record.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}
