/**
 * `campaign partner token|remove` against a Cognito pool, as requests: AWS cannot be reached from
 * here and cognito-local lacks AdminUserGlobalSignOut, so every call goes to aws-sdk-client-mock
 * and the sequence and shape of the requests is checked (the effect of the calls the emulator has
 * is tested in cognito-accounts.test.ts).
 */
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as partner } from '../../cli/commands/partner.ts';
import { InputError } from '../../cli/io.ts';
import { accountForToken, createAccount, linkCognitoUser, loadAccount } from '../../shared/portal/accounts.ts';
import { tempStore } from '../support/temp-store.ts';

const POOL = 'eu-west-2_Test1234';
const cognito = mockClient(CognitoIdentityProviderClient);
const user = (sub: string, email: string, partnerId?: string) => ({
  Username: sub,
  Attributes: [{ Name: 'email', Value: email }, ...(partnerId ? [{ Name: 'custom:partner_id', Value: partnerId }] : [])],
});

let t: Awaited<ReturnType<typeof tempStore>>;
let out = '';
beforeAll(async () => {
  t = await tempStore();
});
afterAll(() => t.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
  cognito.reset();
  out = '';
  delete process.env.COGNITO_USER_POOL_ID;
});
const capture = () =>
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
const calls = () => cognito.calls().map((c) => [c.args[0].constructor.name, c.args[0].input]);

describe('campaign partner token and remove on AWS (request shapes)', () => {
  it('token: pages the pool for the partner\'s users, sets a temporary password for each, and signs each out everywhere', async () => {
    const { token: old } = await createAccount(t.store, 'Fenland Helpline', { regions: ['GB-CAM'] });
    await linkCognitoUser(t.store, 'fenland-helpline', POOL, 'sub-ana');
    cognito
      .on(ListUsersCommand, { UserPoolId: POOL })
      .resolvesOnce({ Users: [user('sub-ana', 'ana@fenland.example', 'fenland-helpline'), user('sub-kim', 'kim@lincs.example', 'lincs-support-line')], PaginationToken: 'page-2' })
      .resolvesOnce({ Users: [user('sub-bo', 'bo@fenland.example', 'fenland-helpline')] });
    cognito.on(AdminSetUserPasswordCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    capture();
    // The pool recorded on the account is used without --user-pool.
    expect(await partner(['token', 'fenland-helpline', '--data', t.root, '--json'])).toBe(0);
    const printed = JSON.parse(out) as { token: string; cognito: { userPoolId: string; users: { username: string; email: string; temporaryPassword: string }[] } };
    expect(printed.cognito.userPoolId).toBe(POOL);
    expect(printed.cognito.users.map((u) => u.email)).toEqual(['ana@fenland.example', 'bo@fenland.example']);
    const [ana, bo] = printed.cognito.users.map((u) => u.temporaryPassword);
    expect(calls()).toEqual([
      ['ListUsersCommand', { UserPoolId: POOL }],
      ['ListUsersCommand', { UserPoolId: POOL, PaginationToken: 'page-2' }],
      ['AdminSetUserPasswordCommand', { UserPoolId: POOL, Username: 'sub-ana', Password: ana, Permanent: false }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'sub-ana' }],
      ['AdminSetUserPasswordCommand', { UserPoolId: POOL, Username: 'sub-bo', Password: bo, Permanent: false }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'sub-bo' }],
    ]);
    expect(ana).not.toBe(bo);
    expect(await accountForToken(t.store, old)).toBeUndefined();
    expect((await accountForToken(t.store, printed.token))?.id).toBe('fenland-helpline');
  });

  it('remove: disables each user and signs it out; never deletes one', async () => {
    await createAccount(t.store, 'Norfolk Helpline', { regions: ['GB-NFK'] });
    process.env.COGNITO_USER_POOL_ID = POOL;
    cognito.on(ListUsersCommand).resolves({ Users: [user('sub-nat', 'nat@norfolk.example', 'norfolk-helpline')] });
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    capture();
    expect(await partner(['remove', 'norfolk-helpline', '--data', t.root])).toBe(0);
    expect(out).toContain('Cognito sign-in nat@norfolk.example disabled and signed out (kept in the pool; it can be enabled again).');
    expect(calls()).toEqual([
      ['ListUsersCommand', { UserPoolId: POOL }],
      ['AdminDisableUserCommand', { UserPoolId: POOL, Username: 'sub-nat' }],
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: 'sub-nat' }],
    ]);
    expect(await loadAccount(t.store, 'norfolk-helpline')).toBeUndefined();
  });

  it('when Cognito refuses, says so and leaves the portal token as it was', async () => {
    const { token } = await createAccount(t.store, 'Kent Helpline', { regions: ['GB-KEN'] });
    cognito.on(ListUsersCommand).rejects(Object.assign(new Error('User: arn:aws:sts::1:assumed-role/x is not authorized to perform: cognito-idp:ListUsers'), { name: 'AccessDeniedException' }));
    capture();
    const failed = partner(['token', 'kent-helpline', '--data', t.root, '--user-pool', POOL]);
    await expect(failed).rejects.toThrow(InputError);
    await expect(failed).rejects.toThrow(/Cognito \(pool eu-west-2_Test1234\) refused: .*not authorized.*The portal account was not changed/);
    expect((await accountForToken(t.store, token))?.id).toBe('kent-helpline');
  });

  it('add --cognito records the user it made on the account, so that token and remove find it later', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'sub-lea', Attributes: [{ Name: 'sub', Value: 'sub-lea' }] } });
    capture();
    expect(await partner(['add', 'Leeds Line', '--regions', 'GB-LDS', '--cognito', 'lea@leeds.example', '--user-pool', POOL, '--data', t.root, '--json'])).toBe(0);
    expect(calls()[0]).toEqual(['AdminCreateUserCommand', expect.objectContaining({ UserPoolId: POOL, Username: 'lea@leeds.example' })]);
    expect((await loadAccount(t.store, 'leeds-line'))?.cognito).toEqual({ userPoolId: POOL, usernames: ['sub-lea'] });
  });

  it('a local lake (no pool anywhere) touches no Cognito', async () => {
    await createAccount(t.store, 'Suffolk Helpline', { regions: ['GB-SFK'] });
    capture();
    expect(await partner(['token', 'suffolk-helpline', '--data', t.root])).toBe(0);
    expect(await partner(['remove', 'suffolk-helpline', '--data', t.root])).toBe(0);
    expect(cognito.calls()).toHaveLength(0);
    expect(out).not.toContain('Cognito');
  });
});
