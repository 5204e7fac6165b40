import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { ALIASES_KEY } from '../../shared/geo/region-resolver.ts';
import { tablePrefix } from '../../shared/lake/layout.ts';
import { TABLES } from '../../shared/lake/tables.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { EXCHANGE_RATES_KEY } from '../../shared/pipeline/exchange-rates.ts';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { ADMIN_GROUP, PARTNER_ID_CLAIM } from '../../shared/portal/jwt-claims.ts';
import { exampleTemplate } from '../../shared/portal/template.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { scheduleCampaign } from '../../shared/scheduling/schedule-campaign.ts';
import { demoLake } from '../support/demo-lake.ts';
import { RecordingStore, type RecordedAccess } from '../support/recording-store.ts';
import { fileForm } from '../portal/support/portal-lake.ts';
import { flat, list, logicalId, statementsOf, synth, type Synthesised } from './support.ts';

// Each Lambda's use case runs on a realistic lake through a store that records every key it
// touches; the synthesised role of that Lambda must allow each access. A missing grant (such as
// GetObject on config/exchange-rates.json for the analyse role) fails here, not in production.

/** S3 actions one recorded access needs. HeadObject needs GetObject, and ListBucket to see a 404 rather than a 403. */
function needed(a: RecordedAccess): { action: string; object?: string }[] {
  switch (a.access) {
    case 'read':
      return [{ action: 's3:GetObject', object: a.key }];
    case 'exists':
      return [{ action: 's3:GetObject', object: a.key }, { action: 's3:ListBucket' }];
    case 'list':
      return [{ action: 's3:ListBucket' }];
    case 'write':
      return [{ action: 's3:PutObject', object: a.key }];
    case 'delete':
      return [{ action: 's3:DeleteObject', object: a.key }];
  }
}

let s: Synthesised;
let lakeArn: string;
beforeAll(() => {
  s = synth(true);
  lakeArn = `<${logicalId(s.stack.buckets.lake)}.Arn>`;
});

/** Accesses the role does not allow, as "action key" lines (empty when every access is granted). */
function denied(roleId: string, accesses: RecordedAccess[]): string[] {
  const allows = statementsOf(s.template, roleId)
    .filter((st) => st.Effect === 'Allow' && !st.Condition)
    .flatMap((st) => list(st.Action).flatMap((action) => list(st.Resource).map((r) => ({ action, resource: flat(r) }))));
  const covers = (resource: string, arn: string) => resource === arn || (resource.endsWith('*') && arn.startsWith(resource.slice(0, -1)));
  const missing = new Set<string>();
  for (const a of accesses)
    for (const n of needed(a)) {
      const arn = n.object === undefined ? lakeArn : `${lakeArn}/${n.object}`;
      if (!allows.some((g) => g.action === n.action && covers(g.resource, arn))) missing.add(`${n.action} ${n.object ?? '(bucket)'}`);
    }
  return [...missing].sort();
}

/** Athena reads a table's files with the caller's permissions: list the bucket and get each object. */
const athenaReads = (): RecordedAccess[] =>
  TABLES.flatMap((t) => [{ access: 'list' as const, key: tablePrefix(t) }, { access: 'read' as const, key: `${tablePrefix(t)}part.parquet` }]);

describe('Lambda roles cover every key their use case touches', () => {
  let lake: Awaited<ReturnType<typeof demoLake>>;
  beforeAll(async () => {
    lake = await demoLake();
    // What an NGO adds as the README says: exchange rates and region aliases.
    await lake.store.put(EXCHANGE_RATES_KEY, JSON.stringify({ 'EUR/GBP': 0.86 }));
    await lake.store.put(ALIASES_KEY, JSON.stringify({ Fenland: 'GB-CAM' }));
  }, 120_000);
  afterAll(() => lake.cleanup());

  it('ingest: a partner upload, an ad export, a re-upload and a rejected file', async () => {
    const store = new RecordingStore(lake.store);
    const partner = generateDemo().partnerUploads[0]!;
    const uploads = [
      ['raw/partners/fenland-helpline/2026-11-27/weekly.csv', readFileSync(new URL('../fixtures/sources/partner-weekly.csv', import.meta.url))],
      ['raw/ads/uploads/2026-11-27/meta.csv', readFileSync(new URL('../fixtures/sources/meta-daily-region.csv', import.meta.url))],
      [`raw/partners/${partner.partnerId}/2026-11-28/again.csv`, new TextEncoder().encode(partner.content)],
      ['raw/ads/uploads/2026-11-27/bad.csv', readFileSync(new URL('../fixtures/sources/meta-bad-rows.csv', import.meta.url))],
    ] as const;
    const statuses = [];
    for (const [key, bytes] of uploads) {
      await lake.store.put(key, bytes);
      statuses.push((await ingestObject(store, key, { today: '2026-11-28' })).status);
    }
    expect(statuses).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
    expect(store.accesses.some((a) => a.key === ALIASES_KEY)).toBe(true);
    expect(denied(logicalId(s.stack.ingest.function.role), store.accesses)).toEqual([]);
  }, 60_000);

  it('analyse: while running, after the end (with exchange rates) and at a follow-up, plus what Athena reads', async () => {
    const store = new RecordingStore(lake.store);
    const engine = await DuckDbEngine.open(lake.store);
    try {
      for (const run of [{ asOf: '2026-03-15' }, { asOf: lake.campaign.end, label: 'post-campaign' }, { asOf: '2026-06-29', label: '3 months' }])
        await analyseCampaign(store, engine, lake.campaign.id, run);
    } finally {
      await engine.close();
    }
    expect(store.accesses).toContainEqual({ access: 'read', key: EXCHANGE_RATES_KEY });
    expect(denied(logicalId(s.stack.analyse.function.role), [...store.accesses, ...athenaReads()])).toEqual([]);
  }, 60_000);

  it('schedule: reads the campaign definition that was written', async () => {
    const store = new RecordingStore(lake.store);
    const result = await scheduleCampaign(`campaigns/${lake.campaign.id}/campaign.json`, {
      store,
      scheduler: { sync: async () => ({ created: [], updated: [], deleted: [] }) },
    });
    expect(result.status).toBe('scheduled');
    expect(denied(logicalId(s.stack.schedules.function.role), store.accesses)).toEqual([]);
  });

  it('portal API: partner upload, upload list, own series, admin series', async () => {
    const { createAccount } = await import('../../shared/portal/accounts.ts');
    await createAccount(lake.store, 'Fenland Helpline', { regions: ['GB-CAM'] });
    const store = new RecordingStore(lake.store);
    let claims: Record<string, string> = {};
    const app = createPortalApp({ store, identityFromJwtClaims: () => claims, now: () => new Date('2026-11-27T12:00:00Z') });
    claims = { sub: 'a1', [PARTNER_ID_CLAIM]: 'fenland-helpline' };
    expect((await app.request('/api/uploads', { method: 'POST', body: fileForm('counts.csv', await exampleTemplate()) })).status).toBe(201);
    expect((await app.request('/api/uploads')).status).toBe(200);
    expect((await app.request('/api/partners/fenland-helpline/series?channel=helpline_calls')).status).toBe(200);
    claims = { sub: 'b2', 'cognito:groups': `[${ADMIN_GROUP}]` };
    expect((await app.request('/api/partners/fenland-helpline/series')).status).toBe(200);
    expect(store.accesses.length).toBeGreaterThan(5);
    expect(denied(logicalId(s.stack.portal.function.role), store.accesses)).toEqual([]);
  });

  it('the check itself fails on a missing grant', () => {
    expect(denied(logicalId(s.stack.schedules.function.role), [{ access: 'read', key: EXCHANGE_RATES_KEY }, { access: 'write', key: 'campaigns/x/campaign.json' }])).toEqual([
      `s3:GetObject ${EXCHANGE_RATES_KEY}`,
      's3:PutObject campaigns/x/campaign.json',
    ]);
  });
});
