import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampaign, type Campaign } from '../../shared/domain/campaign.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { campaignKey } from '../../shared/lake/layout.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { campaignOverlaps, registeredCampaigns } from '../../shared/pipeline/registered-campaigns.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

const demo = generateDemo().campaign;
const variant = (id: string, start: string, end: string, targeted: string[], control: string[] = []): Campaign =>
  parseCampaign({ ...demo, id, start, end, baseline: undefined, followUps: undefined, goals: [], regions: { targeted, control } });

describe('campaignOverlaps', () => {
  const mine = variant('mine', '2026-03-02', '2026-03-29', ['GB-CAM'], ['GB-NFK', 'GB-SFK']);
  it("lists other campaigns' targeted regions among this campaign's targeted and control regions, earliest first", () => {
    const registered = [
      mine,
      variant('later', '2026-06-01', '2026-06-30', ['GB-SFK', 'GB-CAM']),
      variant('earlier', '2025-12-01', '2025-12-14', ['GB-NFK', 'GB-LIN']),
      // Controls of another campaign saw no campaign: not an overlap.
      variant('only-control', '2025-10-01', '2025-10-31', ['GB-LIN'], ['GB-CAM']),
    ];
    expect(campaignOverlaps(mine, registered)).toEqual([
      { id: 'earlier', start: '2025-12-01', end: '2025-12-14', region: 'GB-NFK' },
      { id: 'later', start: '2026-06-01', end: '2026-06-30', region: 'GB-CAM' },
      { id: 'later', start: '2026-06-01', end: '2026-06-30', region: 'GB-SFK' },
    ]);
  });
  it('never lists the campaign itself', () => {
    expect(campaignOverlaps(mine, [mine])).toEqual([]);
  });
});

describe('registeredCampaigns (the registry read from the store, not through Athena)', () => {
  let store: LocalFolderStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await tempStore());
  });
  afterEach(() => cleanup());

  it('reads every registered campaign back, earliest start first', async () => {
    await registerCampaign(store, variant('b-later', '2026-06-01', '2026-06-30', ['GB-CAM']));
    await registerCampaign(store, variant('a-earlier', '2025-12-01', '2025-12-14', ['GB-NFK']));
    const all = await registeredCampaigns(store);
    expect(all.map((c) => [c.id, c.start, c.regions.targeted])).toEqual([
      ['a-earlier', '2025-12-01', ['GB-NFK']],
      ['b-later', '2026-06-01', ['GB-CAM']],
    ]);
  });

  it('names the key of a definition that no longer parses', async () => {
    await registerCampaign(store, variant('fine', '2026-06-01', '2026-06-30', ['GB-CAM']));
    await store.put(campaignKey('broken'), '{ "id": "broken", ');
    await expect(registeredCampaigns(store)).rejects.toThrow(/campaigns\/broken\/campaign\.json: the registered campaign is not valid JSON/);
  });
});
