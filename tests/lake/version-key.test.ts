import { describe, expect, it } from 'vitest';
import { AD_DELIVERY, SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { VersionKeySet } from '../../shared/lake/version-key.ts';

const count = (partner: string, location: string | null, week: string, days = 7) => ({
  partner_id: partner, region_code: 'GB-CAM', location, channel: 'helpline_calls', period_start: week, period_days: days, count: 1,
});

describe('VersionKeySet', () => {
  it('finds a key again by value, whatever the other columns hold', () => {
    const keys = new VersionKeySet(SERVICE_DEMAND);
    expect(keys.add(count('a', 'Wisbech', '2026-03-02'), 2)).toBeUndefined();
    expect(keys.add({ ...count('a', 'Wisbech', '2026-03-02'), count: 9 }, 5)).toBe(2);
    // Every key field matters, and null is not the empty string or the text "null".
    for (const other of [count('b', 'Wisbech', '2026-03-02'), count('a', 'March', '2026-03-02'), count('a', null, '2026-03-02'), count('a', '', '2026-03-02'), count('a', 'null', '2026-03-02'), count('a', 'Wisbech', '2026-03-02', 1)])
      expect(keys.find(other)).toBeUndefined();
    // Field boundaries count: "ab" + "c" is not "a" + "bc".
    const ads = new VersionKeySet(AD_DELIVERY);
    ads.add({ platform: 'meta', campaign_name: 'ab', ad_set_name: 'c', date_start: '2026-03-01', date_end: '2026-03-01' }, 2);
    expect(ads.find({ platform: 'meta', campaign_name: 'a', ad_set_name: 'bc', date_start: '2026-03-01', date_end: '2026-03-01' })).toBeUndefined();
  });

  it('holds 300,000 distinct keys without a false duplicate', () => {
    const keys = new VersionKeySet(SERVICE_DEMAND);
    let duplicates = 0;
    for (let i = 0; i < 300_000; i++) if (keys.add(count(`p${i % 97}`, `site ${i % 1013}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, 1 + (i % 3001)), i + 2) !== undefined) duplicates++;
    expect(duplicates).toBe(0);
    expect(keys.size).toBe(300_000);
    expect(keys.find(count('p5', 'site 5', '2026-01-06', 6))).toBe(7);
  });
});
