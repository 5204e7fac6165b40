/** Accounts: list, new token (the old one and its sessions stop working), remove (data kept); CLI and portal. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as partner } from '../../cli/commands/partner.ts';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { accountForToken, loadAccount } from '../../shared/portal/accounts.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { keysUnder } from '../support/temp-store.ts';
import { fileForm, portalLake, signInAs } from './support/portal-lake.ts';

const ORIGIN = 'http://localhost';
const NOW = new Date('2026-11-27T12:00:00Z');

describe('accounts', () => {
  let lake: Awaited<ReturnType<typeof portalLake>>;
  let app: ReturnType<typeof createPortalApp>;
  let out = '';

  const signIn = (token: string) => signInAs(app, token);
  const cli = async (...args: string[]) => {
    out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    try {
      return await partner([...args, '--data', lake.root]);
    } finally {
      spy.mockRestore();
    }
  };

  beforeAll(async () => {
    lake = await portalLake();
    app = createPortalApp({ store: lake.store, now: () => NOW, signInAttempts: { limit: 100, windowMs: 60_000 } });
  });
  afterAll(() => lake.cleanup());

  it('campaign partner list shows every account with its role and regions', async () => {
    expect(await cli('list', '--json')).toBe(0);
    const list = JSON.parse(out) as { id: string; role: string; regions: string[] }[];
    expect(list.map((a) => a.id)).toEqual(['comms-team', 'fenland-helpline', 'kent-helpline', 'lincs-support-line', 'norfolk-helpline']);
    expect(list.find((a) => a.id === 'lincs-support-line')).toMatchObject({ role: 'partner', regions: ['GB-LIN'] });
    expect(out).not.toMatch(/tokenSha256|cgp_/);
    expect(await cli('list')).toBe(0);
    expect(out).toMatch(/^lincs-support-line\s+partner\s+GB-LIN\s+Lincs Support Line$/m);
  });

  it('partner token ID issues a new token: the old one and its browser session stop working, the series stays', async () => {
    const old = lake.tokens.lincs;
    const { cookie } = await signIn(old);
    const up = await app.request('/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${old}` }, body: fileForm('w.csv', 'region,week_start,channel,count\nGB-LIN,2026-03-02,helpline_calls,7\n') });
    expect(up.status).toBe(201);
    expect(await cli('token', 'lincs-support-line', '--json')).toBe(0);
    const fresh = (JSON.parse(out) as { token: string }).token;
    expect(fresh).not.toBe(old);
    expect(await accountForToken(lake.store, old)).toBeUndefined();
    expect((await accountForToken(lake.store, fresh))?.id).toBe('lincs-support-line');
    expect((await app.request('/api/uploads', { headers: { Authorization: `Bearer ${old}` } })).status).toBe(401);
    expect((await app.request('/partner', { headers: { Cookie: cookie } })).status).toBe(401);
    // Same account id, so the same series: the week sent with the old token is still theirs.
    const series = await app.request('/api/partners/lincs-support-line/series', { headers: { Authorization: `Bearer ${fresh}` } });
    expect(JSON.stringify(await series.json())).toContain('"count":7');
    lake.tokens.lincs = fresh;
  });

  it('partner remove ID: no more sign-in, the counts stay in the lake; unknown ids are a plain error', async () => {
    const before = await keysUnder(lake.store, 'curated/');
    const counts = async () => (await readCurrentRows(lake.store, SERVICE_DEMAND)).filter((r) => r.partner_id === 'lincs-support-line').length;
    expect(await counts()).toBe(1);
    expect(await cli('remove', 'lincs-support-line')).toBe(0);
    expect(out).toContain('can no longer sign in');
    expect(await loadAccount(lake.store, 'lincs-support-line')).toBeUndefined();
    expect((await app.request('/api/uploads', { headers: { Authorization: `Bearer ${lake.tokens.lincs}` } })).status).toBe(401);
    expect(await keysUnder(lake.store, 'curated/')).toEqual(before);
    expect(await counts()).toBe(1);
    await expect(cli('remove', 'no-such-partner')).rejects.toThrow(/no account "no-such-partner"/);
    await expect(cli('token', 'no-such-partner')).rejects.toThrow(/no account/);
  });

  it('admins do the same in the portal: add, new token, remove; partners cannot', async () => {
    const { cookie, csrf } = await signIn(lake.tokens.admin);
    const post = (path: string, fields: Record<string, string>) =>
      app.request(path, { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
    const list = await app.request('/admin/accounts', { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('data-account="kent-helpline"');
    expect((await post('/admin/accounts', { name: 'No Regions Line' })).status).toBe(422);
    const added = await post('/admin/accounts', { name: 'Suffolk Helpline', regions: 'gb-sfk', week_start: 'sunday', language: 'lt' });
    expect(added.status).toBe(200);
    const token = /data-testid="token">([^<]+)</.exec(await added.text())![1]!;
    expect(await accountForToken(lake.store, token)).toMatchObject({ regions: ['GB-SFK'], weekStart: 'sunday', language: 'lt' });
    const again = await post('/admin/accounts/suffolk-helpline/token', {});
    const second = /data-testid="token">([^<]+)</.exec(await again.text())![1]!;
    expect(await accountForToken(lake.store, token)).toBeUndefined();
    expect((await accountForToken(lake.store, second))?.id).toBe('suffolk-helpline');
    expect((await post('/admin/accounts/suffolk-helpline/remove', {})).status).toBe(200);
    expect(await loadAccount(lake.store, 'suffolk-helpline')).toBeUndefined();
    // Without the CSRF token, and as a partner: refused.
    expect((await app.request('/admin/accounts/kent-helpline/remove', { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams({}) })).status).toBe(403);
    const kent = await signIn(lake.tokens.kent);
    expect((await app.request('/admin/accounts', { headers: { Cookie: kent.cookie } })).status).toBe(403);
    expect((await app.request('/admin/accounts/kent-helpline/token', { method: 'POST', headers: { Origin: ORIGIN, Cookie: kent.cookie }, body: new URLSearchParams({ _csrf: kent.csrf }) })).status).toBe(403);
    expect(await loadAccount(lake.store, 'kent-helpline')).toBeDefined();
  });
});
