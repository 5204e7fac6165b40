import { describe, expect, it } from 'vitest';
import { buildDelivery, type DeliveryRow } from '../../shared/analysis/delivery.ts';
import { choosePlatformKinds, EXPORT_METRICS, type DeliveryKind } from '../../shared/analysis/delivery-kind.ts';

const W = { start: '2026-10-05', end: '2026-11-01', lastDay: '2026-11-01' };
const has = (...ms: string[]) => Object.fromEntries(EXPORT_METRICS.map((m) => [m, ms.includes(m)])) as DeliveryKind['has'];
const kind = (o: Partial<DeliveryKind>): DeliveryKind => ({
  platform: 'meta', breakdown: 'region', granularity: 'day', periodStart: null, periodEnd: null, firstDay: W.start, lastDay: W.end, rowCount: 1, reach: null,
  has: has('impressions', 'reach', 'link_clicks', 'spend'), ...o,
});
const row = (o: Partial<DeliveryRow>): DeliveryRow => ({
  day: W.start, region: 'GB-CAM', currency: 'GBP', impressions: 1000, reach: null, clicks: null, link_clicks: 10, spend_micros: 5_000_000, results: null, video_views: null, engagements: null, ...o,
});

describe('choosing rows per platform', () => {
  it('each platform independently: region before demographic, daily before period; period only when it covers the campaign', () => {
    const kinds = [
      kind({ breakdown: 'age,gender', reach: 900 }),
      kind({ breakdown: 'region', reach: 5000 }),
      kind({ breakdown: 'region', granularity: 'period', periodStart: W.start, periodEnd: W.end, reach: 3000 }),
      kind({ platform: 'google', granularity: 'period', periodStart: '2026-10-01', periodEnd: '2026-11-30', has: has('impressions', 'spend') }),
      kind({ platform: 'tiktok', granularity: 'period', periodStart: '2026-10-10', periodEnd: W.end }),
    ];
    const [google, meta, tiktok] = choosePlatformKinds(kinds, W);
    expect(meta!.totals).toBe(kinds[1]);
    expect(meta!.reach).toEqual({ kind: kinds[2], measure: 'period' });
    expect(meta!.kinds.find((k) => k.kind === kinds[0])).toMatchObject({ use: 'not_used', reason: expect.stringMatching(/not added on top/) });
    expect(google!.totals).toBe(kinds[3]);
    expect(google!.reach).toBeUndefined();
    expect(tiktok!.totals).toBeUndefined();
    expect(tiktok!.kinds[0]!.reason).toMatch(/covers 10 October to 1 November 2026; needed 5 October to 1 November 2026/);
  });

  it('labels a sum of daily reach an upper bound when no whole-period export exists', () => {
    const [meta] = choosePlatformKinds([kind({ reach: 5000 })], W);
    expect(meta!.reach!.measure).toBe('daily_sum_upper_bound');
  });
});

describe('combining platforms', () => {
  it('reach across platforms is shown per platform; the combined figure is an upper bound', () => {
    const metaKind = kind({ granularity: 'period', periodStart: W.start, periodEnd: W.end, reach: 3000 });
    const tiktokKind = kind({ platform: 'tiktok', granularity: 'period', periodStart: W.start, periodEnd: W.end, reach: 2000, has: has('impressions', 'reach', 'spend') });
    const [meta, tiktok] = choosePlatformKinds([metaKind, tiktokKind], W);
    const { delivery, notes } = buildDelivery('GBP', [
      { choice: meta!, totals: [row({ day: W.start })], reach: [] },
      { choice: tiktok!, totals: [row({ day: W.start, link_clicks: null, spend_micros: 2_000_000 })], reach: [] },
    ], {});
    expect(delivery.platforms!.map((p) => p.reach.value)).toEqual([3000, 2000]);
    expect(delivery.reach).toEqual({ value: 5000, kind: 'platforms_sum_upper_bound', platforms: ['meta', 'tiktok'] });
    expect(notes.join(' ')).toMatch(/upper bound: people may have seen the ads on more than one platform/);
    // CTR and CPC only from Meta, which has both parts; CPM from both.
    expect(delivery.ctr).toBeCloseTo(1, 12);
    expect(delivery.cpc).toBeCloseTo(0.5, 12);
    expect(delivery.cpm).toBeCloseTo((1000 * 7) / 2000, 12);
    expect(delivery.link_clicks).toBe(10);
    expect(delivery.platforms![1]!.link_clicks).toBeNull();
  });
});

describe('an export coarser than the campaign\'s regions', () => {
  it('is matched by ad campaign and counted in the totals, with a note that regional delivery is not available', () => {
    const [meta] = choosePlatformKinds([kind({})], W);
    const { delivery, notes } = buildDelivery('GBP', [{ choice: meta!, totals: [row({ region: 'GB-ENG' }), row({ region: 'GB-SCT' })], reach: [] }], {}, ['GB-CAM', 'GB-LIN']);
    expect(delivery.impressions).toBe(2000);
    expect(delivery.byRegion).toEqual([]);
    expect(delivery.platforms![0]!.regional).toBe(false);
    expect(notes.join(' ')).toMatch(/Regional delivery is not available from Meta: its region breakdown reports only England, Scotland, coarser than the campaign's regions/);
  });
});
