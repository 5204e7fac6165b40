/**
 * The portal's pages on AWS: sign-in through Cognito's managed login (authorization code + PKCE)
 * against cognito-local, a Cognito emulator, on 127.0.0.1: its real /oauth2/authorize login form,
 * /oauth2/token code exchange (which checks the PKCE verifier) and JWKS-signed ID tokens. The
 * partner and admin users are made by shared/portal/cognito-accounts.ts (what `campaign partner
 * add --cognito` calls).
 */
import {
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalHandler } from '../../functions/portal/handler.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { createCognitoUser } from '../../shared/portal/cognito-accounts.ts';
import { ADMIN_GROUP } from '../../shared/portal/jwt-claims.ts';
import { verifyIdToken, type CognitoLoginConfig } from '../../shared/portal/oidc.ts';
import { exampleTemplate } from '../../shared/portal/template.ts';
import { startCognitoLocal, type RunningCognito } from '../support/cognito-local.ts';
import { keysUnder } from '../support/temp-store.ts';
import { portalLake } from './support/portal-lake.ts';

const PORTAL = 'https://portal.example.org';
const PASSWORD = 'Correct-Horse-Battery-9';
let cognito: RunningCognito;
let client: CognitoIdentityProviderClient;
let cfg: CognitoLoginConfig;
let lake: Awaited<ReturnType<typeof portalLake>>;
let app: ReturnType<typeof createPortalApp>;

/** Cookie header value from a response's Set-Cookie headers. */
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

beforeAll(async () => {
  cognito = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'portal',
      UsernameAttributes: ['email'],
      Schema: [
        { Name: 'partner_id', AttributeDataType: 'String', Mutable: true },
        { Name: 'regions', AttributeDataType: 'String', Mutable: true },
      ],
    }),
  );
  const poolId = pool.UserPool!.Id!;
  const appClient = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'portal',
      CallbackURLs: [`${PORTAL}/auth/callback`],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: ADMIN_GROUP }));
  cfg = { loginUrl: cognito.endpoint, clientId: appClient.UserPoolClient!.ClientId!, issuer: `${cognito.endpoint}/${poolId}`, redirectUri: `${PORTAL}/auth/callback` };

  lake = await portalLake();
  const users = [
    { email: 'ana@fenland.example', partnerId: 'fenland-helpline', regions: ['GB-CAM'] },
    { email: 'comms@ngo.example', admin: true },
    { email: 'nobody@elsewhere.example', partnerId: 'no-such-partner' },
  ];
  for (const u of users) {
    await createCognitoUser(client, poolId, { ...u, temporaryPassword: 'Temporary-Pass-1' });
    // The first sign-in would ask for a new password; set it as the user would have.
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: u.email, Password: PASSWORD, Permanent: true }));
  }
  app = createPortalApp({ store: lake.store, cognitoLogin: cfg, identityFromJwtClaims: true });
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await lake?.cleanup();
  await cognito?.stop();
});

/** What a browser does: portal -> managed login form -> credentials -> back to the portal's callback. */
async function managedLogin(email: string) {
  const start = await app.request(`${PORTAL}/auth/login`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const oauthCookie = cookiesOf(start);
  const form = await fetch(authorize);
  expect(form.status).toBe(200);
  expect(await form.text()).toMatch(/name="password"/);
  const submitted = await fetch(new URL('/oauth2/authorize', cognito.endpoint), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), username: email, password: PASSWORD }),
  });
  expect(submitted.status).toBe(302);
  const back = new URL(submitted.headers.get('location')!);
  return { authorize, oauthCookie, back, start };
}

async function callback(back: URL, cookie: string) {
  return app.request(`${PORTAL}${back.pathname}${back.search}`, { headers: { Cookie: cookie } });
}

describe('managed login (authorization code + PKCE) on cognito-local', () => {
  it('sends a signed-out browser to the managed login with a PKCE S256 challenge and a state bound to a Lax cookie', async () => {
    const page = await app.request(`${PORTAL}/partner`);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/login');
    const { authorize, start } = await managedLogin('ana@fenland.example');
    expect(authorize.origin + authorize.pathname).toBe(`${cognito.endpoint}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: cfg.clientId, redirect_uri: cfg.redirectUri, code_challenge_method: 'S256' });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('portal_oauth='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/auth\//);
  });

  it('a partner signs in and sees their page; the session cookie is Secure, HttpOnly and Strict', async () => {
    const { back, oauthCookie } = await managedLogin('ana@fenland.example');
    const res = await callback(back, oauthCookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/http-equiv="refresh" content="0;url=\/partner"/);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('portal_session='))!;
    for (const attribute of [/HttpOnly/, /Secure/, /SameSite=Strict/]) expect(session).toMatch(attribute);
    const page = await app.request(`${PORTAL}/partner`, { headers: { Cookie: session.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Fenland Helpline');
  });

  it('a campaigns-team member signs in to the admin page', async () => {
    const { back, oauthCookie } = await managedLogin('comms@ngo.example');
    const res = await callback(back, oauthCookie);
    expect(res.status).toBe(200);
    const admin = await app.request(`${PORTAL}/admin`, { headers: { Cookie: cookiesOf(res).split('; ').find((c) => c.startsWith('portal_session='))! } });
    expect(admin.status).toBe(200);
  });

  it('refuses a callback whose state does not match the browser cookie, a replayed code, and another login\'s verifier', async () => {
    const first = await managedLogin('ana@fenland.example');
    const tampered = new URL(first.back);
    tampered.searchParams.set('state', 'x'.repeat(43));
    expect((await callback(tampered, first.oauthCookie)).status).toBe(400);
    // Another login's cookie holds a different PKCE verifier: Cognito refuses the exchange.
    const second = await managedLogin('ana@fenland.example');
    const otherVerifier = `portal_oauth=${first.back.searchParams.get('state')}.${decodeURIComponent(second.oauthCookie.split('=')[1]!).split('.')[1]}`;
    const mixed = await callback(first.back, otherVerifier);
    expect(mixed.status).toBe(401);
    expect(mixed.headers.getSetCookie().some((c) => c.startsWith('portal_session='))).toBe(false);
    // The code was consumed by the refused exchange: it cannot be used again either.
    expect((await callback(first.back, first.oauthCookie)).status).toBe(401);
  });

  it('a signed-in user not linked to a partner account gets 403 and no session', async () => {
    const { back, oauthCookie } = await managedLogin('nobody@elsewhere.example');
    const res = await callback(back, oauthCookie);
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('portal_session='))).toBe(false);
  });
});

describe('the /api JWT path with tokens from the emulator', () => {
  async function idToken(email: string): Promise<string> {
    const auth = await client.send(new InitiateAuthCommand({ ClientId: cfg.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    return auth.AuthenticationResult!.IdToken!;
  }

  it('verifies a real ID token (RS256 by the pool JWKS, issuer, audience) and its claims carry the partner id, regions and groups', async () => {
    const partner = await verifyIdToken(cfg, await idToken('ana@fenland.example'));
    expect(partner).toMatchObject({ 'custom:partner_id': 'fenland-helpline', 'custom:regions': 'GB-CAM', token_use: 'id', aud: cfg.clientId });
    const admin = await verifyIdToken(cfg, await idToken('comms@ngo.example'));
    expect(admin['cognito:groups']).toEqual([ADMIN_GROUP]);
    await expect(verifyIdToken({ ...cfg, clientId: 'another-client' }, await idToken('ana@fenland.example'))).rejects.toThrow();
    await expect(verifyIdToken({ ...cfg, issuer: `${cognito.endpoint}/eu-west-2_Other` }, await idToken('ana@fenland.example'))).rejects.toThrow();
    const token = await idToken('ana@fenland.example');
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(342)}`;
    await expect(verifyIdToken(cfg, forged)).rejects.toThrow();
  });

  it('the portal Lambda accepts an upload from an API Gateway v2 event carrying those verified claims', async () => {
    const claims = await verifyIdToken(cfg, await idToken('ana@fenland.example'));
    // API Gateway passes every claim as a string, groups flattened to "[a b]".
    const asGateway = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
    const form = new FormData();
    form.append('file', new File([await exampleTemplate()], 'service-demand.csv', { type: 'text/csv' }));
    const request = new Request(`${PORTAL}/api/uploads`, { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer()).toString('base64');
    const event = {
      version: '2.0',
      routeKey: 'POST /api/{proxy+}',
      rawPath: '/api/uploads',
      rawQueryString: '',
      headers: { host: 'portal.example.org', 'content-type': request.headers.get('content-type')!, 'x-forwarded-proto': 'https', authorization: 'Bearer <id token>' },
      requestContext: {
        accountId: '111111111111',
        apiId: 'a1b2c3d4e5',
        domainName: 'portal.example.org',
        http: { method: 'POST', path: '/api/uploads', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
        requestId: 'Xyz0AbCdLPEEJmA=',
        routeKey: 'POST /api/{proxy+}',
        stage: '$default',
        time: '27/Nov/2026:12:00:00 +0000',
        timeEpoch: 1764244800000,
        authorizer: { jwt: { claims: asGateway, scopes: null } },
      },
      pathParameters: { proxy: 'uploads' },
      body,
      isBase64Encoded: true,
    };
    const res: APIGatewayProxyResult = await portalHandler(lake.store, cfg)(event as unknown as LambdaEvent);
    expect(res.statusCode).toBe(201);
    expect((await keysUnder(lake.store, 'raw/partners/fenland-helpline/')).length).toBeGreaterThan(0);
  });
});

describe('the pages through the portal Lambda ($default route, API Gateway v2 events)', () => {
  const pageEvent = (path: string, cookie?: string) => {
    const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
    return {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString,
      ...(cookie ? { cookies: cookie.split('; ') } : {}),
      headers: { host: 'portal.example.org', 'x-forwarded-proto': 'https', 'user-agent': 'Mozilla/5.0', accept: 'text/html' },
      requestContext: {
        accountId: '111111111111',
        apiId: 'a1b2c3d4e5',
        domainName: 'portal.example.org',
        http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
        requestId: 'Pg1AbCdLPEEJmA=',
        routeKey: '$default',
        stage: '$default',
        time: '27/Nov/2026:12:00:00 +0000',
        timeEpoch: 1764244800000,
      },
      isBase64Encoded: false,
    } as unknown as LambdaEvent;
  };

  it('redirects a signed-out browser to the managed login, then serves the partner page with the session cookie', async () => {
    const handle = portalHandler(lake.store, cfg);
    const signedOut: APIGatewayProxyResult = await handle(pageEvent('/partner'));
    expect(signedOut.statusCode).toBe(302);
    expect(signedOut.headers?.location).toBe('/auth/login');
    const login = (await handle(pageEvent('/auth/login'))) as APIGatewayProxyResult & { cookies?: string[] };
    expect(login.statusCode).toBe(302);
    expect(login.headers?.location).toMatch(new RegExp(`^${cognito.endpoint}/oauth2/authorize\\?`));
    expect(login.cookies?.[0]).toMatch(/^portal_oauth=.*Secure/);

    const { back, oauthCookie } = await managedLogin('ana@fenland.example');
    const signedIn = (await handle(pageEvent(`${back.pathname}${back.search}`, oauthCookie))) as APIGatewayProxyResult & { cookies?: string[] };
    expect(signedIn.statusCode).toBe(200);
    const session = signedIn.cookies!.find((c) => c.startsWith('portal_session='))!.split(';')[0]!;
    const page: APIGatewayProxyResult = await handle(pageEvent('/partner', session));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Fenland Helpline');
  });
});
