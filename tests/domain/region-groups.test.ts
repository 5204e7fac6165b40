import { describe, expect, it } from 'vitest';
import { buildDelivery } from '../../shared/analysis/delivery.ts';
import { choosePlatformKinds, EXPORT_METRICS } from '../../shared/analysis/delivery-kind.ts';
import { regionNames } from '../../shared/analysis/narrative.ts';
import { CampaignValidationError, parseCampaign } from '../../shared/domain/campaign.ts';

const base = { id: 'groups', name: 'Groups', timezone: 'Europe/London', start: '2026-10-05', end: '2026-11-01', currency: 'GBP' };
const groups = { 'Cambridgeshire including Peterborough': ['GB-CAM', 'GB-PTE'] };

describe('campaign region groups', () => {
  it('a group named in targeted or control is expanded to its codes; the name is kept for reports', () => {
    const c = parseCampaign({ ...base, regions: { groups, targeted: ['Cambridgeshire including Peterborough', 'GB-LIN'], control: ['GB-NFK'] } });
    expect(c.regions.targeted).toEqual(['GB-CAM', 'GB-PTE', 'GB-LIN']);
    expect(regionNames(c.regions.targeted, c.regions.groups)).toEqual(['Cambridgeshire including Peterborough', 'Lincolnshire']);
  });

  it('refuses an entry that is neither a code nor a declared group, and a group member that is also a control', () => {
    const bad = () => parseCampaign({ ...base, regions: { groups, targeted: ['Cambridgeshire incl. Peterborough'] } });
    expect(bad).toThrow(CampaignValidationError);
    expect(bad).toThrow(/regions.targeted.0: "Cambridgeshire incl. Peterborough" must be an ISO 3166-2 code .* or a group named in regions.groups/);
    expect(() => parseCampaign({ ...base, regions: { groups, targeted: ['Cambridgeshire including Peterborough'], control: ['GB-PTE'] } })).toThrow(/GB-PTE is also targeted/);
  });

  it('delivery in a region outside the campaign is counted and named, with how to declare a group', () => {
    const has = Object.fromEntries(EXPORT_METRICS.map((m) => [m, m === 'impressions'])) as Record<(typeof EXPORT_METRICS)[number], boolean>;
    const [meta] = choosePlatformKinds(
      [{ platform: 'meta', breakdown: 'region', granularity: 'day', periodStart: null, periodEnd: null, firstDay: base.start, lastDay: base.start, rowCount: 2, reach: null, has }],
      { start: base.start, end: base.end, lastDay: base.end },
    );
    const row = (region: string, impressions: number) => ({ day: base.start, region, currency: '', impressions, reach: null, clicks: null, link_clicks: null, spend_micros: null, results: null, video_views: null, engagements: null });
    const { delivery, notes } = buildDelivery('GBP', [{ choice: meta!, totals: [row('GB-CAM', 100), row('GB-PTE', 40)], reach: [] }], {}, ['GB-CAM', 'GB-LIN']);
    expect(delivery.impressions).toBe(140);
    expect(notes.join(' ')).toMatch(/outside the campaign's: Peterborough \(GB-PTE\).*regions.groups/);
  });
});
