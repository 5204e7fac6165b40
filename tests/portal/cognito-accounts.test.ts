/**
 * Accounts on AWS: a new token or a removal reaches the account's Cognito users, against
 * cognito-local on 127.0.0.1 (the user pools API: users, passwords, USER_PASSWORD_AUTH sign-in,
 * enabled flag). Where the emulator falls short it is said: it has no AdminUserGlobalSignOut (that
 * one call is answered by a recording middleware on the client here; its request shape is checked
 * with the rest of the sequence under aws-sdk-client-mock in cognito-requests.test.ts); it answers
 * any password of a user who must change theirs with the new-password challenge (real Cognito
 * checks it), so the old password is shown dead after the user has set a new one; and it does not
 * refuse a disabled user's sign-in, so the disabled flag is read back (the portal refuses them
 * anyway: their account is gone).
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredential, removeAccess } from '../../shared/portal/account-access.ts';
import { accountForToken, linkCognitoUser, loadAccount } from '../../shared/portal/accounts.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import type { CognitoPool } from '../../shared/portal/cognito-access.ts';
import { createCognitoUser } from '../../shared/portal/cognito-accounts.ts';
import { ADMIN_GROUP } from '../../shared/portal/jwt-claims.ts';
import { startCognitoLocal, type RunningCognito } from '../support/cognito-local.ts';
import { keysUnder } from '../support/temp-store.ts';
import { portalLake, signInAs } from './support/portal-lake.ts';

const PASSWORD = 'Correct-Horse-Battery-9';
let cognito: RunningCognito;
let client: CognitoIdentityProviderClient;
let pool: CognitoPool;
let clientId: string;
let lake: Awaited<ReturnType<typeof portalLake>>;
/** AdminUserGlobalSignOut calls, answered here because cognito-local lacks the API. */
const signedOut: string[] = [];

beforeAll(async () => {
  cognito = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'AdminUserGlobalSignOutCommand') return next(args);
      signedOut.push((args.input as { Username: string }).Username);
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', name: 'globalSignOutStandIn' },
  );
  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'portal',
      UsernameAttributes: ['email'],
      Schema: [
        { Name: 'partner_id', AttributeDataType: 'String', Mutable: true },
        { Name: 'regions', AttributeDataType: 'String', Mutable: true },
      ],
    }),
  );
  pool = { client, userPoolId: created.UserPool!.Id! };
  clientId = (await client.send(new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'portal', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient!.ClientId!;
  await client.send(new CreateGroupCommand({ UserPoolId: pool.userPoolId, GroupName: ADMIN_GROUP }));
  lake = await portalLake();
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await lake?.cleanup();
  await cognito?.stop();
});

/** A user as `partner add --cognito` makes it (recorded on the account), who has set their own password. */
async function signInUser(email: string, partnerId: string, regions: string[], link = true) {
  const { username } = await createCognitoUser(client, pool.userPoolId, { email, partnerId, regions, temporaryPassword: 'Temporary-Pass-1' });
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
  if (link) await linkCognitoUser(lake.store, partnerId, pool.userPoolId, username);
  return username;
}

/** The first sign-in with a temporary password: answer the challenge with a password of one's own. */
async function setOwnPassword(username: string, temporary: string, own: string): Promise<string> {
  const r = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: temporary } }));
  expect(r.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const done = await client.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: r.Session!, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: own } }),
  );
  return done.AuthenticationResult?.IdToken ? 'signed-in' : 'nothing';
}

/** USER_PASSWORD_AUTH: tokens, a challenge, or the error's name. */
async function signIn(username: string, password: string): Promise<string> {
  try {
    const r = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
    return r.ChallengeName ?? (r.AuthenticationResult?.IdToken ? 'signed-in' : 'nothing');
  } catch (e) {
    return (e as Error).name;
  }
}

describe('partner token and remove with Cognito', () => {
  it('a new credential: every Cognito user of the account gets a new temporary password, the old password and token stop working', async () => {
    const recorded = await signInUser('ana@fenland.example', 'fenland-helpline', ['GB-CAM']);
    // A colleague's user made in the console: not recorded, found by its custom:partner_id.
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.userPoolId,
        Username: 'bo@fenland.example',
        TemporaryPassword: 'Temporary-Pass-1',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'bo@fenland.example' }, { Name: 'custom:partner_id', Value: 'fenland-helpline' }],
      }),
    );
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: 'bo@fenland.example', Password: PASSWORD, Permanent: true }));
    const other = await signInUser('kim@lincs.example', 'lincs-support-line', ['GB-LIN']);
    expect(await signIn(recorded, PASSWORD)).toBe('signed-in');

    const r = await newCredential(lake.store, 'fenland-helpline', { cognito: pool });
    expect(r.cognito!.users.map((u) => u.email)).toEqual(['ana@fenland.example', 'bo@fenland.example']);
    for (const u of r.cognito!.users) {
      expect(u.temporaryPassword).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[!#%+=?@]).{24}$/);
      expect((await client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: u.username }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
      // The temporary password leads to a password of their own; the old one no longer signs in.
      expect(await setOwnPassword(u.username, u.temporaryPassword!, 'Their-Own-New-Pass-7')).toBe('signed-in');
      expect(await signIn(u.username, PASSWORD)).toBe('InvalidPasswordException');
      expect(await signIn(u.username, 'Their-Own-New-Pass-7')).toBe('signed-in');
    }
    expect(signedOut).toEqual(r.cognito!.users.map((u) => u.username));
    // The portal token changed with it; another partner's user is untouched.
    expect(await accountForToken(lake.store, lake.tokens.fenland)).toBeUndefined();
    expect((await accountForToken(lake.store, r.token))?.id).toBe('fenland-helpline');
    expect(await signIn(other, PASSWORD)).toBe('signed-in');
  });

  it('remove: the Cognito users are disabled and signed out, kept in the pool; the account goes, its data stays', async () => {
    const username = await signInUser('nat@norfolk.example', 'norfolk-helpline', ['GB-NFK']);
    signedOut.length = 0;
    const before = await keysUnder(lake.store, 'raw/');
    const r = await removeAccess(lake.store, 'norfolk-helpline', { cognito: pool });
    expect(r.cognito).toEqual({ userPoolId: pool.userPoolId, users: [{ username, email: 'nat@norfolk.example' }] });
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
    expect(user.Enabled).toBe(false);
    expect(signedOut).toEqual([username]);
    expect(await loadAccount(lake.store, 'norfolk-helpline')).toBeUndefined();
    expect((await keysUnder(lake.store, 'config/partners-removed/')).some((k) => k.includes('norfolk-helpline'))).toBe(true);
    expect(await keysUnder(lake.store, 'raw/')).toEqual(before);
  });

  it('admins do the same in the portal on AWS: the page shows each new temporary password once', async () => {
    const username = await signInUser('kai@kent.example', 'kent-helpline', ['GB-KEN']);
    const app = createPortalApp({ store: lake.store, cognitoPool: pool });
    const { cookie, csrf } = await signInAs(app, lake.tokens.admin);
    const post = (path: string) => app.request(path, { method: 'POST', headers: { Origin: 'http://localhost', Cookie: cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    const page = await (await post('/admin/accounts/kent-helpline/token')).text();
    const temporary = /data-testid="temporary-password">([^<]+)</.exec(page)![1]!;
    expect(page).toContain('kai@kent.example: <code');
    expect(await setOwnPassword(username, temporary.replace(/&amp;/g, '&'), 'Kent-Own-Pass-12')).toBe('signed-in');
    expect(await signIn(username, PASSWORD)).toBe('InvalidPasswordException');

    const removed = await (await post('/admin/accounts/kent-helpline/remove')).text();
    expect(removed).toContain('Its Cognito sign-in (kai@kent.example) is disabled and signed out.');
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }))).Enabled).toBe(false);
  });
});
