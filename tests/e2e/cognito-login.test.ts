/**
 * The managed login in real Chromium: the portal on http://127.0.0.1, cognito-local's login form on
 * http://localhost (another site, as Cognito's domain is), so the browser applies its cross-site
 * cookie rules: the Lax cookie that carries the PKCE verifier must come back on the callback, and
 * the Strict session cookie must be sent on the page after it.
 */
import {
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoUser } from '../../shared/portal/cognito-accounts.ts';
import type { CognitoLoginConfig } from '../../shared/portal/oidc.ts';
import { startCognitoLocal, type RunningCognito } from '../support/cognito-local.ts';
import { portalLake } from '../portal/support/portal-lake.ts';
import { launchChromium, servePortal } from './support/browser.ts';

const PASSWORD = 'Correct-Horse-Battery-9';
let cognito: RunningCognito;
let lake: Awaited<ReturnType<typeof portalLake>>;
let server: Awaited<ReturnType<typeof servePortal>>;
let browser: Browser;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const pool = await client.send(
    new CreateUserPoolCommand({ PoolName: 'portal', UsernameAttributes: ['email'], Schema: [{ Name: 'partner_id', AttributeDataType: 'String', Mutable: true }] }),
  );
  const poolId = pool.UserPool!.Id!;
  lake = await portalLake();
  // The redirect URI names the portal's port, known once it listens: the config is filled in then.
  const cfg = { loginUrl: cognito.endpoint.replace('127.0.0.1', 'localhost'), issuer: `${cognito.endpoint}/${poolId}` } as CognitoLoginConfig;
  server = await servePortal({ store: lake.store, cognitoLogin: cfg });
  const appClient = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'portal',
      CallbackURLs: [`${server.url}/auth/callback`],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      AllowedOAuthFlowsUserPoolClient: true,
    }),
  );
  Object.assign(cfg, { clientId: appClient.UserPoolClient!.ClientId!, redirectUri: `${server.url}/auth/callback` });
  await createCognitoUser(client, poolId, { email: 'ana@fenland.example', partnerId: 'fenland-helpline', temporaryPassword: 'Temporary-Pass-1' });
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ana@fenland.example', Password: PASSWORD, Permanent: true }));
  client.destroy();
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await lake?.cleanup();
  await cognito?.stop();
});

describe('managed login in Chromium', () => {
  it('a partner opens their page, signs in on the login site, and lands on their page signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/partner`);
    // Sent to the login site (another origin), with the PKCE challenge.
    expect(page.url()).toMatch(/^http:\/\/localhost:\d+\/oauth2\/authorize\?.*code_challenge_method=S256/);
    await page.locator('input[name="username"]').fill('ana@fenland.example');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/partner`), page.keyboard.press('Enter')]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Fenland Helpline');
    const cookies = await context.cookies(server.url);
    expect(cookies.find((c) => c.name === 'portal_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'portal_oauth')).toBeUndefined();
    await context.close();
  });
});
