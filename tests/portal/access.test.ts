/**
 * Issue 11 item 4: access is granted, never inferred. The attack from the issue: a partner
 * account without regions uploads one zero-count row for another region, then reads that
 * region's report. Here every route to that is shut, and a control-region partner (granted on
 * its account) may read the report of the campaign its region is a control of.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as partner } from '../../cli/commands/partner.ts';
import { InputError } from '../../cli/io.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import { accountSchema, ACCOUNTS_PREFIX, createAccount } from '../../shared/portal/accounts.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { partnerData } from '../../shared/portal/series.ts';
import { CAMPAIGN_ID, fileForm, portalLake, REPORT_AS_OF, signInAs } from './support/portal-lake.ts';

const NOW = new Date('2026-11-27T12:00:00Z');
const REPORT = `/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.html`;
const ZERO_ROW_FOR_CAMBRIDGESHIRE = 'region,week_start,channel,count\nGB-CAM,2026-03-02,helpline_calls,0\n';

describe('access is granted, never inferred', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let app: ReturnType<typeof createPortalApp>;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const session = async (token: string) => (await signInAs(app, token)).cookie;

  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW });
  });
  afterAll(() => lake.cleanup());

  it('partner add refuses an account without --regions, and says how to make a national one', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await expect(partner(['add', 'Anywhere Helpline', '--data', lake.root])).rejects.toThrow(InputError);
    await expect(partner(['add', 'Anywhere Helpline', '--data', lake.root])).rejects.toThrow(/--regions .*--all-regions/);
    await expect(createAccount(lake.store, 'Anywhere Helpline')).rejects.toThrow(/needs its regions/);
    expect(await partner(['add', 'National Line', '--all-regions', '--data', lake.root, '--json'])).toBe(0);
    vi.restoreAllMocks();
  });

  it('the attack: an account without regions uploads a zero row for GB-CAM and still cannot read its report', async () => {
    // Prepare: an account record as the old default made it (no regions), signed in with its token.
    const { account, token } = await createAccount(lake.store, 'Old Style Line', { regions: ['GB-KEN'] });
    await lake.store.put(`${ACCOUNTS_PREFIX}${account.id}.json`, JSON.stringify(accountSchema.parse({ ...account, regions: [] })));
    // Act 1: the upload through the API is refused, nothing reaches the lake.
    const up = await app.request('/api/uploads', { method: 'POST', headers: bearer(token), body: fileForm('zero.csv', ZERO_ROW_FOR_CAMBRIDGESHIRE) });
    expect(up.status).toBe(422);
    expect(JSON.stringify(await up.json())).toMatch(/no regions/);
    expect((await partnerData(lake.store, account.id)).regions).toEqual([]);
    // Act 2: loading it as that partner through the CLI (raw/partners/<id>/) is refused by the ingest itself.
    const asPartner = await ingestFile(lake.store, 'zero.csv', new TextEncoder().encode(ZERO_ROW_FOR_CAMBRIDGESHIRE), { partnerId: account.id, today: '2026-11-27' });
    expect(asPartner.errors[0]!.reason).toMatch(/GB-CAM is not one of your regions \(your account has none yet/);
    // Act 3: even with the row in the lake (a bulk load by the team outside the partner's folder), the report is refused.
    await lake.store.put('raw/bulk/2026-11-27/zero.csv', new TextEncoder().encode(ZERO_ROW_FOR_CAMBRIDGESHIRE));
    const loaded = await ingestObject(lake.store, 'raw/bulk/2026-11-27/zero.csv', { partnerId: account.id, today: '2026-11-27' });
    expect(loaded.status).toBe('accepted');
    expect((await partnerData(lake.store, account.id)).regions).toEqual(['GB-CAM']);
    const cookie = await session(token);
    expect((await app.request(REPORT, { headers: { Cookie: cookie } })).status).toBe(403);
    expect(await (await app.request('/partner', { headers: { Cookie: cookie } })).text()).not.toContain(REPORT);
  });

  it('a partner of another region cannot upload for GB-CAM, and its report stays closed', async () => {
    const { token } = await createAccount(lake.store, 'Kent Line', { regions: ['GB-KEN'] });
    const up = await app.request('/api/uploads', { method: 'POST', headers: bearer(token), body: fileForm('zero.csv', ZERO_ROW_FOR_CAMBRIDGESHIRE) });
    expect(up.status).toBe(422);
    expect(JSON.stringify(await up.json())).toMatch(/GB-CAM is not one of your regions \(GB-KEN\)/);
    expect((await app.request(REPORT, { headers: { Cookie: await session(token) } })).status).toBe(403);
  });

  it('a partner in a control region may read the report of that campaign; a targeted one too', async () => {
    // Norfolk (GB-NFK) is one of the demo campaign's control regions.
    const norfolk = await session(lake.tokens.norfolk);
    expect((await app.request(REPORT, { headers: { Cookie: norfolk } })).status).toBe(200);
    expect(await (await app.request('/partner', { headers: { Cookie: norfolk } })).text()).toContain(REPORT);
    expect((await app.request(REPORT, { headers: { Cookie: await session(lake.tokens.fenland) } })).status).toBe(200);
  });
});
