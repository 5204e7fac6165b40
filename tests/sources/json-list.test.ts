import { describe, expect, it } from 'vitest';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import { forEachListItem } from '../../shared/sources/json-list.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';
import { ingest, TODAY, utf8 } from './helpers.ts';

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function items(text: string, size = 1 << 16) {
  const out: unknown[] = [];
  const list = await forEachListItem(chunked(utf8(text), size), (item, row) => out.push([row, item]));
  return { list, out };
}

const day = (d: string, extra: Record<string, unknown> = {}) => ({ date_start: d, date_stop: d, impressions: '10', account_currency: 'EUR', ...extra });

describe('streaming a JSON list', () => {
  it('gives the same items whatever the chunk size, with items, strings and escapes split across chunks', async () => {
    const doc = {
      data: [
        day('2026-03-02', { campaign_name: 'Kraków \u00e9t\u00e9 \ud83d\ude80 "quoted" back\\slash ]}{[', actions: [{ action_type: 'link_click', value: '3' }] }),
        day('2026-03-03', { campaign_name: 'Zo\u00eb\n\ttab', nested: { a: [1, [2, { b: '}' }]] } }),
      ],
      paging: { cursors: { before: 'QVFI', after: 'QVFJ' }, next: 'https://graph.facebook.com/v19.0/act_1/insights?after=QVFJ' },
    };
    // Written with \u escapes (as the API does) and with raw UTF-8, indented and not.
    const escaped = JSON.stringify(doc, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const text of [escaped, JSON.stringify(doc)])
      for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
        const { list, out } = await items(text, size);
        expect(list).toEqual({ list: 'data', items: 2, keys: ['data', 'paging'] });
        expect(out).toEqual(doc.data.map((d, i) => [i + 1, d]));
      }
  });

  it('reads a top-level array, data[] after other keys, and empty lists', async () => {
    expect(await items('[{"a":1}, {"b":"2"}]')).toEqual({ list: { list: 'array', items: 2, keys: ['0', '1'] }, out: [[1, { a: 1 }], [2, { b: '2' }]] });
    expect((await items('{"paging":{"next":"x"},"data":[{"a":1}]}')).list).toEqual({ list: 'data', items: 1, keys: ['paging', 'data'] });
    expect((await items('\ufeff {"data": [ ] }\n')).list).toEqual({ list: 'data', items: 0, keys: ['data'] });
    expect((await items('{"error": {"message": "expired"}}')).list).toEqual({ list: null, items: 0, keys: ['error'] });
    expect((await items('{"data": {"a": 1}}')).list.list).toBeNull();
  });

  it('names the line and column of what is wrong, and which item it is in', async () => {
    const fault = async (text: string, size = 5) => (await items(text, size).then(() => 'no error', (e: Error) => e.message)).replace(/^.*not valid JSON /, '');
    expect(await fault('{"data": [\n{"a": 1},\n{"a": 2,,}\n]}')).toMatch(/^at line 3, column 9 \(item 2 of data\[\]\): /);
    expect(await fault('{"data": [{"a": 1} {"a": 2}]}')).toBe("at line 1, column 20: expected ',' or ']' after item 1");
    expect(await fault('{"data": [{"a": 1}]} x')).toBe('at line 1, column 22: there is more after the end of the JSON document');
    expect(await fault('{"data": [{"a": [1}]}')).toMatch(/^at line 1, column 1[0-9] \(item 1 of data\[\]\): /);
    expect(await fault('{"data": [], "data": []}')).toMatch(/the key "data" appears twice/);
    expect(await fault('{"data": [1,]}')).toMatch(/\(item 2 of data\[\]\)/);
  });

  it('refuses a file cut short, wherever it stops', async () => {
    const text = JSON.stringify({ data: [day('2026-03-02'), day('2026-03-03')], paging: { next: 'x' } });
    for (let cut = 1; cut < text.length; cut++) await expect(items(text.slice(0, cut), 4), `cut at ${cut}`).rejects.toThrow(/not valid JSON at line 1, column \d+/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([...utf8('{"data": [{"a": "'), 0xc3, 0x28, ...utf8('"}]}')]);
    await expect(forEachListItem(chunked(bytes, 3), () => {})).rejects.toThrow('the JSON file is not UTF-8 text');
  });
});

describe('Meta insights JSON read in two passes', () => {
  it('takes a field that only the last item has into the header, and leaves it empty before', async () => {
    const data: Record<string, unknown>[] = Array.from({ length: 300 }, (_, i) => day(`2026-03-${String(2 + (i % 20)).padStart(2, '0')}`, { campaign_name: `C${Math.floor(i / 20)}` }));
    data[299] = { ...data[299]!, reach: '7', actions: [{ action_type: 'video_view', value: '5' }] };
    const { result, rows } = await ingest('late.json', utf8(JSON.stringify({ data })));
    expect(result).toMatchObject({ status: 'accepted', rows: 300 });
    expect(result.totals).toMatchObject({ impressions: 3000, reach: 7, video_views: 5 });
    expect(rows.filter((r) => r.reach === null)).toHaveLength(299);
    // A missing action on a day is 0 once any item has that action type.
    expect(rows.every((r) => r.video_views !== null)).toBe(true);
  });

  it('lists every bad item by its place in data[], and a cut-short file names where it stops; nothing is written', async () => {
    const data = [day('2026-03-02'), day('2026-03-03', { impressions: 'ten' }), day('2026-03-04', { date_stop: '2026-03-01' })];
    const bad = await ingest('bad.json', utf8(JSON.stringify({ data })));
    expect(bad.result.errors).toEqual([
      { row: 2, column: 'impressions', reason: '"ten" is not a number' },
      { row: 3, column: 'date_stop', reason: 'ends (2026-03-01) before it starts (2026-03-04)' },
    ]);
    expect(bad.curated).toEqual([]);
    const text = JSON.stringify({ data: [day('2026-03-02'), day('2026-03-03')] }, null, 1);
    const cut = await ingest('cut.json', utf8(text.slice(0, text.length - 20)));
    expect(cut.result).toMatchObject({ status: 'rejected', rows: 0 });
    expect(cut.result.errors).toEqual([{ row: 1, column: '(file)', reason: expect.stringMatching(/not valid JSON at line 1\d, column \d+ \(item 2 of data\[\]\): the file ends before the JSON document does/) }]);
    expect(cut.curated).toEqual([]);
  });

  it('rejects the file, changing nothing, when the object is replaced between the two passes', async () => {
    const { store, cleanup } = await tempStore();
    // The JavaScript reader's two passes (the fast path reads a local file once, into DuckDB).
    const mode = process.env.CAMPAIGN_INGEST;
    process.env.CAMPAIGN_INGEST = 'js';
    try {
      const key = 'raw/ads/uploads/insights.json';
      await store.put(key, JSON.stringify({ data: [day('2026-03-02'), day('2026-03-03')] }));
      let opened = 0;
      // The real store; only its second read of the raw object finds another upload in its place.
      const replacing = Object.assign(Object.create(store), {
        getStream: async (k: string) => {
          if (k === key && ++opened === 2) await store.put(key, JSON.stringify({ data: [day('2026-03-02', { impressions: '99' }), day('2026-03-03')] }));
          return store.getStream(k);
        },
      });
      const result = await ingestObject(replacing, key, { today: TODAY });
      expect(opened).toBe(2);
      expect(result).toMatchObject({ status: 'rejected', errors: [{ row: 1, column: '(file)', reason: 'the file changed while it was being read: upload it again' }] });
      expect(await keysUnder(store, 'curated/')).toEqual([]);
    } finally {
      if (mode === undefined) delete process.env.CAMPAIGN_INGEST;
      else process.env.CAMPAIGN_INGEST = mode;
      await cleanup();
    }
  });
});
