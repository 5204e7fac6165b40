import { describe, expect, it } from 'vitest';
import { sniffSource } from '../../shared/sources/sniff.ts';
import { utf16le, utf8 } from './helpers.ts';

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
async function readAll(chunks: AsyncIterable<Uint8Array | string>): Promise<string> {
  let out = '';
  const d = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const c of chunks) out += typeof c === 'string' ? c : d.decode(c, { stream: true });
  return out + d.decode();
}

describe('sniffing an upload', () => {
  it('decodes UTF-16LE with a BOM across odd chunk splits', async () => {
    const s = await sniffSource(chunked(utf16le('Location report\r\nA\tB\r\nÉ\t1\r\n'), 3));
    expect(s.kind === 'text' && s.encoding).toBe('utf-16le');
    if (s.kind === 'text') expect(await readAll(s.chunks)).toBe('Location report\r\nA\tB\r\nÉ\t1\r\n');
  });

  it('recognises UTF-16LE without a BOM from its zero bytes', async () => {
    const bytes = utf16le('a,b\n').slice(2);
    const s = await sniffSource(chunked(bytes, 100));
    expect(s.kind === 'text' && s.encoding).toBe('utf-16le');
  });

  it('passes UTF-8 through untouched and reads JSON whole', async () => {
    const csv = await sniffSource(chunked(utf8('\ufeffa,b\n1,2\n'), 2));
    expect(csv.kind === 'text' && csv.encoding).toBe('utf-8');
    if (csv.kind === 'text') expect(await readAll(csv.chunks)).toBe('\ufeffa,b\n1,2\n');
    const json = await sniffSource(chunked(utf8('\ufeff \n {"data": []}'), 4));
    expect(json).toEqual({ kind: 'json', text: ' \n {"data": []}' });
  });
});
