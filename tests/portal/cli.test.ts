import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as partner } from '../../cli/commands/partner.ts';
import { InputError } from '../../cli/io.ts';
import { accountForToken, loadAccount } from '../../shared/portal/accounts.ts';
import { tempStore } from '../support/temp-store.ts';

describe('campaign partner add', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  let out = '';
  beforeAll(async () => {
    t = await tempStore();
  });
  afterAll(() => t.cleanup());
  afterEach(() => {
    vi.restoreAllMocks();
    out = '';
  });
  const capture = () =>
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });

  it('prints { id, token } once with --json and stores only a hash', async () => {
    capture();
    expect(await partner(['add', 'Fenland Helpline', '--regions', 'gb-cam,GB-LIN', '--data', t.root, '--json'])).toBe(0);
    const printed = JSON.parse(out) as { id: string; token: string };
    expect(Object.keys(printed)).toEqual(['id', 'token']);
    expect(printed.id).toBe('fenland-helpline');
    expect(printed.token).toMatch(/^cgp_fenland-helpline_/);
    const stored = await loadAccount(t.store, 'fenland-helpline');
    expect(stored).toMatchObject({ role: 'partner', regions: ['GB-CAM', 'GB-LIN'] });
    expect(JSON.stringify(stored)).not.toContain(printed.token);
    expect((await accountForToken(t.store, printed.token))?.id).toBe('fenland-helpline');
    expect(await accountForToken(t.store, printed.token.slice(0, -1) + (printed.token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
  });

  it('makes an admin account with --admin', async () => {
    capture();
    expect(await partner(['add', '--admin', 'Comms Team', '--data', t.root, '--json'])).toBe(0);
    expect((await loadAccount(t.store, 'comms-team'))?.role).toBe('admin');
  });

  it('refuses a taken id, a bad region and a missing name with a plain message', async () => {
    capture();
    await expect(partner(['add', 'Fenland helpline', '--regions', 'GB-CAM', '--data', t.root])).rejects.toThrow(/already exists/);
    await expect(partner(['add', 'X Org', '--regions', 'Cambridgeshire', '--data', t.root])).rejects.toThrow(InputError);
    await expect(partner(['add', '--data', t.root])).rejects.toThrow(/Usage/);
    await expect(partner(['add', 'Y Org', '--regions', 'GB-CAM', '--language', 'xx', '--data', t.root])).rejects.toThrow(/speaks en, lt, it/);
    expect(await partner(['add', 'Sunday Line', '--regions', 'KE-30', '--week-start', 'Sunday', '--language', 'it', '--data', t.root])).toBe(0);
    expect(await loadAccount(t.store, 'sunday-line')).toMatchObject({ weekStart: 'sunday', language: 'it', regions: ['KE-30'] });
  });
});
