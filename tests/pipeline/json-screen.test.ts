import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JsonScreen } from '../../shared/pipeline/fast-ingest/json-screen.ts';
import { META_JSON_FIELDS } from '../../shared/sources/meta-insights-json.ts';

/** The screen's verdict on text fed in chunks of `size` bytes: every pattern must be found wherever the chunks cut it. */
function screen(text: string | Buffer, size: number) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const s = new JsonScreen(META_JSON_FIELDS);
  for (let i = 0; i < bytes.length; i += size) s.feed(bytes.subarray(i, i + size));
  return s.finish();
}
const item = (more: string) => `{"data": [{"date_start": "2026-03-02", "region" :  "Nairobi", "ctr": 1.5, "x": [true, false, null]${more}}], "paging": {}}`;
const sizes = [1, 2, 3, 5, 7, 64, 1 << 20];

describe('JSON screen (fast path)', () => {
  it('lets a plain response through at any chunk size, with its hash', () => {
    const text = item(', "campaign_name": "Financial \\"info\\" \\/ é \\u00e9", "spend": null, "note": "Infinite nanny"');
    for (const size of sizes) expect(screen(text, size)).toEqual({ sha256: createHash('sha256').update(text).digest('hex') });
  });
  const unsafe: [string, string][] = [
    ['NaN', ', "cpm": NaN'],
    ['-Infinity', ', "cpm": -Infinity'],
    ['inf in an array', ', "y": [1, inf]'],
    ['a number in a read field', ', "impressions": 500'],
    ['an object in a read field', ', "country" :\n {"a": 1}'],
    ['true in a read field', ', "age":true'],
    ['a flattened action key', ', "actions:link_click": "1"'],
    ['an escaped key', ', "c\\u0061mpaign_name": "x"'],
    ['an escaped line feed', ', "campaign_name": "x\\n"'],
    ['an escaped NUL', ', "campaign_name": "\\u0000"'],
  ];
  for (const [name, more] of unsafe)
    it(`finds ${name} wherever the chunks cut it`, () => {
      for (const size of sizes) expect(screen(item(more), size).unsafe, `chunks of ${size}`).toBeDefined();
    });
  it('finds invalid UTF-8, also cut by a chunk', () => {
    const bytes = Buffer.from(item(', "campaign_name": "é"'));
    const at = bytes.indexOf(0xc3);
    bytes[at + 1] = 0x41; // a lead byte without its continuation
    for (const size of sizes) expect(screen(bytes, size).unsafe).toBeDefined();
  });
});
