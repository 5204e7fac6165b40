import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpilledKeySet } from '../../shared/lake/spilled-keys.ts';
import { AD_DELIVERY, SERVICE_DEMAND, type Row } from '../../shared/lake/tables.ts';

const count = (partner: string, location: string | null, week: string, days = 7) => ({
  partner_id: partner, region_code: 'GB-CAM', location, channel: 'helpline_calls', period_start: week, period_days: days, count: 1,
});
const dir = mkdtempSync(path.join(tmpdir(), 'spilled-keys-'));
let files = 0;
const keySet = (table = SERVICE_DEMAND) => new SpilledKeySet(table, path.join(dir, `${++files}.keys`));
const rowsOf = (rows: Row[]) => async (onRow: (row: Row) => void) => rows.forEach(onRow);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SpilledKeySet', () => {
  it('finds a key again by value, whatever the other columns hold', async () => {
    const keys = keySet();
    keys.add(count('a', 'Wisbech', '2026-03-02'), 2);
    keys.add({ ...count('a', 'Wisbech', '2026-03-02'), count: 9 }, 5);
    keys.add(count('a', 'Wisbech', '2026-03-02'), 8);
    // Every key field matters, and null is not the empty string or the text "null".
    const others = [count('b', 'Wisbech', '2026-03-02'), count('a', 'March', '2026-03-02'), count('a', null, '2026-03-02'), count('a', '', '2026-03-02'), count('a', 'null', '2026-03-02'), count('a', 'Wisbech', '2026-03-02', 1)];
    others.forEach((o, i) => keys.add(o, 10 + i));
    // Each repeat names the row the key was first on.
    expect(keys.repeats()).toEqual([{ row: 5, earlier: 2 }, { row: 8, earlier: 2 }]);
    // Field boundaries count: "ab" + "c" is not "a" + "bc".
    const ads = keySet(AD_DELIVERY);
    ads.add({ platform: 'meta', campaign_name: 'ab', ad_set_name: 'c', date_start: '2026-03-01', date_end: '2026-03-01' }, 2);
    ads.add({ platform: 'meta', campaign_name: 'a', ad_set_name: 'bc', date_start: '2026-03-01', date_end: '2026-03-01' }, 3);
    expect(ads.repeats()).toEqual([]);
  });

  it('holds 300,000 distinct keys on disk without a false repeat, and finds stored ones once each', async () => {
    const keys = keySet();
    const key = (i: number) => count(`p${i % 97}`, `site ${i % 1013}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, 1 + (i % 3001));
    for (let i = 0; i < 300_000; i++) keys.add(key(i), i + 2);
    expect(keys.size).toBe(300_000);
    expect(keys.repeats()).toEqual([]);
    // Stored rows: two of the set's keys (one of them twice) and one key it does not have.
    const stored = [key(5), key(299_999), key(5), count('zz', 'nowhere', '2026-01-01')];
    expect(await keys.countIn(rowsOf(stored), 'period_start')).toEqual({ count: 2, periods: [key(5).period_start, key(299_999).period_start].sort() });
  });
});
