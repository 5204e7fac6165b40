import { afterEach, describe, expect, it } from 'vitest';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { DISCLOSURE_KEY, loadDisclosureRules } from '../../shared/pipeline/disclosure-rules.ts';
import { tempStore } from '../support/temp-store.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

const campaign = (disclosure?: unknown) =>
  parseCampaign({ id: 'c', name: 'C', timezone: 'Europe/London', start: '2026-03-02', end: '2026-03-29', regions: { targeted: ['GB-CAM'] }, currency: 'GBP', ...(disclosure ? { disclosure } : {}) });

describe('disclosure setting', () => {
  it('defaults to hiding 1 to 4, exact counts, 3 partners', async () => {
    const t = await tempStore();
    cleanup = t.cleanup;
    expect(await loadDisclosureRules(t.store, campaign())).toEqual({ threshold: 5, roundTo: 1, minPartners: 3, preset: 'default' });
  });

  it('takes the project default from config/disclosure.json, and the campaign file over it', async () => {
    const t = await tempStore();
    cleanup = t.cleanup;
    await t.store.put(DISCLOSURE_KEY, JSON.stringify({ preset: 'nhs-digital' }));
    expect(await loadDisclosureRules(t.store, campaign())).toMatchObject({ threshold: 8, roundTo: 5, preset: 'nhs-digital' });
    expect(await loadDisclosureRules(t.store, campaign({ preset: 'default', minPartners: 4 }))).toEqual({ threshold: 5, roundTo: 1, minPartners: 4, preset: 'default' });
  });

  it('rejects a bad setting with the field path', async () => {
    expect(() => campaign({ threshold: 1 })).toThrow(/disclosure\.threshold/);
    expect(() => campaign({ preset: 'lax' })).toThrow(/disclosure\.preset/);
    const t = await tempStore();
    cleanup = t.cleanup;
    await t.store.put(DISCLOSURE_KEY, JSON.stringify({ roundTo: 'five' }));
    await expect(loadDisclosureRules(t.store, campaign())).rejects.toThrow(/config\/disclosure.json: roundTo/);
  });
});
