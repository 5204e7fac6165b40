import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { personalDataErrors } from '../../shared/sources/personal-data.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

const header = ['partner', 'region', 'location', 'period_start', 'period', 'channel', 'count'];
const cols = { location: 2, date: 3, count: 6 };
const row = (location: string, extra: Partial<Record<number, string>> = {}) => {
  const r = ['fen', 'GB-CAM', location, '2026-03-02', 'week', 'helpline_calls', '14'];
  for (const [i, v] of Object.entries(extra)) r[Number(i)] = v!;
  return r;
};

describe('personal data found by value', () => {
  it.each([
    ['jo.bloggs@example.org', 'an e-mail address'],
    ['call 07700 900123', 'a phone number'],
    ['+44 1945 123456', 'a phone number'],
    ['AB 12 34 56 C', 'a National Insurance number'],
    ['Wisbech PE13 1AB', 'a postcode'],
    ['born 12/04/1990', 'a date'],
  ])('rejects %s in location, naming row and column', (value, what) => {
    const errors = personalDataErrors(row(value), header, 7, cols);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 7, column: 'location' });
    expect(errors[0]!.reason).toContain(what);
    // The value itself is not repeated into error logs.
    expect(errors[0]!.reason).not.toContain(value);
  });

  it('rejects long free text in location', () => {
    const note = 'Woman in her thirties, came with two children, said her employer kept her passport and';
    expect(personalDataErrors(row(note), header, 3, cols)[0]).toMatchObject({ row: 3, column: 'location', reason: expect.stringContaining('free text') });
  });

  it('accepts ordinary site names, region codes, dates in the date column and counts', () => {
    for (const loc of ['Wisbech drop-in', 'St Ives & Ramsey hub', 'Boston (Lincs) helpline', ''])
      expect(personalDataErrors(row(loc), header, 2, cols)).toEqual([]);
    expect(personalDataErrors(row('Hub', { 6: '1234567890' }), header, 2, cols)).toEqual([]);
  });

  it('checks every column, not only location', () => {
    const errors = personalDataErrors(row('Hub', { 5: 'jo@example.org' }), header, 4, cols);
    expect(errors[0]).toMatchObject({ row: 4, column: 'channel' });
  });

  it('rejects the whole upload through the partner reader and keeps the raw file', async () => {
    const t = await tempStore();
    try {
      const csv = `${header.join(',')}\nfen,GB-CAM,Wisbech drop-in,2026-03-02,week,helpline_calls,14\nfen,GB-CAM,jo@example.org,2026-03-09,week,helpline_calls,3\n`;
      const result = await ingestFile(t.store, 'counts.csv', new TextEncoder().encode(csv), { partnerId: 'fen' });
      expect(result.status).toBe('rejected');
      expect(result.errors).toContainEqual(expect.objectContaining({ row: 3, column: 'location', reason: expect.stringContaining('e-mail') }));
      expect(await keysUnder(t.store, 'curated/service_demand/')).toEqual([]);
      expect((await keysUnder(t.store, 'raw/')).length).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
