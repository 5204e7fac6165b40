import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { EXCHANGE_RATES_KEY } from '../../shared/pipeline/exchange-rates.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

const gbp = readFileSync(new URL('../fixtures/sources/meta-daily-region.csv', import.meta.url), 'utf8');
// The same delivery exported from an ad account in euros (another campaign name, same regions).
const eur = gbp.replace('Amount spent (GBP)', 'Amount spent (EUR)').replaceAll('Fenland awareness', 'Fenland awareness EU');

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  await registerCampaign(store, parseCampaign({
    id: 'two-currencies', name: 'Two currencies', timezone: 'Europe/London', start: '2026-03-02', end: '2026-03-03',
    regions: { targeted: ['GB-CAM', 'GB-LIN'] }, adCampaigns: [{ platform: 'meta', namePattern: 'Fenland awareness*' }], currency: 'GBP',
    goals: [{ kind: 'rate', metric: 'cpm', target: 6 }, { kind: 'total', metric: 'impressions', target: 1000 }],
  }));
  await ingestFile(store, 'gbp.csv', new TextEncoder().encode(gbp), { today: '2026-11-27' });
  await ingestFile(store, 'eur.csv', new TextEncoder().encode(eur), { today: '2026-11-27' });
});
afterAll(() => cleanup());

async function report() {
  const engine = await DuckDbEngine.open(store);
  try {
    return (await analyseCampaign(store, engine, 'two-currencies', { asOf: '2026-03-10' })).report;
  } finally {
    await engine.close();
  }
}

describe('spend in another currency', () => {
  it('is never added as it is: without a rate, spend and CPM are left out and the caveat says how to fix it', async () => {
    const r = await report();
    expect(r.delivery.impressions).toBe(2 * 4550);
    expect(r.delivery).toMatchObject({ spend: null, cpm: null, cpc: null, currency: 'GBP' });
    expect(r.caveats[0]).toMatch(/exported in EUR.*no exchange rate.*config\/exchange-rates.json/);
    expect(r.goals.find((g) => g.metric === 'cpm')).toMatchObject({ actual: null, status: 'insufficient_data' });
    expect(r.goals.find((g) => g.metric === 'impressions')).toMatchObject({ actual: 9100, status: 'met' });
  });

  it('is converted at the rate in config/exchange-rates.json', async () => {
    await store.put(EXCHANGE_RATES_KEY, JSON.stringify({ 'EUR/GBP': 0.86 }));
    const r = await report();
    expect(r.delivery.spend).toBeCloseTo(22.9 + 22.9 * 0.86, 9);
    expect(r.delivery.cpm).toBeCloseTo((1000 * (22.9 + 22.9 * 0.86)) / 9100, 9);
    expect(r.goals.find((g) => g.metric === 'cpm')!.actual).toBeCloseTo(r.delivery.cpm!, 9);
    expect(r.caveats[0]).toMatch(/converted to GBP at 0\.8600 GBP per EUR/);
  });

  it('refuses a malformed rate file by name', async () => {
    await store.put(EXCHANGE_RATES_KEY, JSON.stringify({ EURGBP: 'high' }));
    await expect(report()).rejects.toThrow(/exchange-rates.json: "EURGBP"/);
  });
});
