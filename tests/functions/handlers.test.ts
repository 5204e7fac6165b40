import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectCreated } from '../support/s3-events.ts';
import { tempStore, keysUnder } from '../support/temp-store.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
let ingest: typeof import('../../functions/ingest/handler.ts');
let analyse: typeof import('../../functions/analyse/handler.ts');

beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  // Handlers read their store from the environment, as they do in Lambda.
  process.env.CAMPAIGN_STORE = store.localRoot;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  delete process.env.IDEMPOTENCY_TABLE;
  ingest = await import('../../functions/ingest/handler.ts');
  analyse = await import('../../functions/analyse/handler.ts');
});
afterAll(async () => {
  delete process.env.CAMPAIGN_STORE;
  await cleanup();
});

describe('ingest handler', () => {
  it('decodes the event key and ingests the raw object into curated/', async () => {
    const key = 'raw/partners/fenland-helpline/2026-03-30/weekly counts=march.csv';
    await store.put(key, readFileSync(new URL('../fixtures/sources/partner-weekly.csv', import.meta.url)));
    const result = await ingest.handler(objectCreated(key), {} as never);
    expect(result).toMatchObject({ status: 'accepted', key, format: 'partner-csv', rows: 4 });
    expect(await keysUnder(store, 'curated/service_demand_versions/')).toEqual([`curated/service_demand_versions/year=2026/${(result as { uploadId: string }).uploadId}.parquet`]);
    // A redelivered event changes nothing.
    expect(await ingest.handler(objectCreated(key), {} as never)).toMatchObject({ status: 'accepted', duplicate: true });
  });

  it('returns a rejection (not a failure to retry) and writes quarantine/', async () => {
    const key = 'raw/ads/uploads/2026-03-30/bad export.csv';
    await store.put(key, readFileSync(new URL('../fixtures/sources/meta-bad-rows.csv', import.meta.url)));
    const result = await ingest.handler(objectCreated(key), {} as never);
    expect(result).toMatchObject({ status: 'rejected', errors: 3 });
    expect(await keysUnder(store, 'quarantine/')).toEqual(['quarantine/ads/uploads/2026-03-30/bad export.csv.rejection.json']);
  });

  it('ignores objects outside raw/ and refuses malformed events', async () => {
    expect(await ingest.handler(objectCreated('reports/x/report.json'), {} as never)).toMatchObject({ status: 'ignored' });
    await expect(ingest.handler({ detail: {} }, {} as never)).rejects.toThrow();
  });
});

describe('analyse handler', () => {
  it('analyses a registered campaign from a scheduled event', async () => {
    const campaign = parseCampaign({
      id: 'handler-test',
      name: 'Handler test',
      timezone: 'Europe/London',
      start: '2026-03-02',
      end: '2026-03-29',
      regions: { targeted: ['GB-CAM'] },
      currency: 'GBP',
      goals: [{ kind: 'total', metric: 'helpline_calls', target: 10 }],
    });
    await registerCampaign(store, campaign);
    const result = await analyse.handler({ campaignId: 'handler-test', asOf: '2026-04-05' });
    expect(result.keys.json).toBe('reports/handler-test/2026-04-05/report.json');
    const report = JSON.parse(new TextDecoder().decode(await store.get(result.keys.json)));
    expect(report.goals[0]).toMatchObject({ metric: 'helpline_calls', actual: 17, status: 'met' });
  });

  it('refuses an event without a valid campaign id', async () => {
    await expect(analyse.handler({ campaignId: 'Not A Slug' })).rejects.toThrow();
  });
});
