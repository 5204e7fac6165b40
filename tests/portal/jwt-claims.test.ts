import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalHandler } from '../../functions/portal/handler.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { ADMIN_GROUP, groupsOf, PARTNER_ID_CLAIM } from '../../shared/portal/jwt-claims.ts';
import { exampleTemplate, templateLocation } from '../../shared/portal/template.ts';
import { keysUnder } from '../support/temp-store.ts';
import { fileForm, portalLake } from './support/portal-lake.ts';

type Lake = Awaited<ReturnType<typeof portalLake>>;
type Claims = Record<string, string>;

const POOL = 'eu-west-2_AbCdEf123';
const CLIENT = '1example23456789abcdefghij';

/** ID-token claims as API Gateway's JWT authorizer passes them: every value a string, groups as "[a b]". */
function idTokenClaims(sub: string, extra: Claims): Claims {
  return {
    sub,
    iss: `https://cognito-idp.eu-west-2.amazonaws.com/${POOL}`,
    aud: CLIENT,
    token_use: 'id',
    'cognito:username': sub,
    email: `${sub.slice(0, 8)}@example.org`,
    email_verified: 'true',
    auth_time: '1764244800',
    iat: '1764244800',
    exp: '1764248400',
    ...extra,
  };
}
const partner = (id: string) => idTokenClaims('5f0c2a3e-1111-4a4a-9b9b-000000000001', { [PARTNER_ID_CLAIM]: id });
const admin = () => idTokenClaims('5f0c2a3e-2222-4a4a-9b9b-000000000002', { 'cognito:groups': `[${ADMIN_GROUP} readers]` });

/** An API Gateway HTTP API (payload 2.0) event, as the Lambda receives it behind the JWT authorizer. */
async function httpEvent(method: 'GET' | 'POST', target: string, opts: { claims?: Claims; form?: FormData; authorization?: string } = {}) {
  const [rawPath, rawQueryString = ''] = target.split('?') as [string, string?];
  const headers: Record<string, string> = {
    host: 'a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com',
    'user-agent': 'curl/8.5.0',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    authorization: opts.authorization ?? 'Bearer eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJ0ZXN0In0.c2ln',
  };
  let body: string | undefined;
  if (opts.form) {
    // Serialise the multipart body exactly as a client would, then base64 it as API Gateway does.
    const req = new Request('https://x/', { method: 'POST', body: opts.form });
    headers['content-type'] = req.headers.get('content-type')!;
    body = Buffer.from(await req.arrayBuffer()).toString('base64');
  }
  const routeKey = rawPath.startsWith('/api/') ? `${method} /api/{proxy+}` : `${method} ${rawPath}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
    requestContext: {
      accountId: '111111111111',
      apiId: 'a1b2c3d4e5',
      domainName: 'a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'Xyz0AbCdLPEEJmA=',
      routeKey,
      stage: '$default',
      time: '27/Nov/2026:12:00:00 +0000',
      timeEpoch: 1764244800000,
      ...(opts.claims ? { authorizer: { jwt: { claims: opts.claims, scopes: null } } } : {}),
    },
    ...(body === undefined ? { isBase64Encoded: false } : { body, isBase64Encoded: true }),
    ...(rawPath.startsWith('/api/') ? { pathParameters: { proxy: rawPath.slice('/api/'.length) } } : {}),
  };
}

describe('portal Lambda handler with Cognito JWT claims (API Gateway HTTP API events)', () => {
  let lake: Lake;
  let handle: ReturnType<typeof portalHandler>;
  const call = async (event: Awaited<ReturnType<typeof httpEvent>>) => {
    const res: APIGatewayProxyResult = await handle(event as unknown as LambdaEvent);
    return { ...res, json: () => JSON.parse(res.body) as Record<string, unknown> };
  };

  beforeAll(async () => {
    // Prepare: a lake with stored partner and admin accounts; the handler as Lambda runs it.
    lake = await portalLake();
    handle = portalHandler(lake.store);
  });
  afterAll(() => lake.cleanup());

  it('answers 401 when the request carries no authorizer claims, and stores nothing', async () => {
    expect((await call(await httpEvent('GET', '/api/uploads'))).statusCode).toBe(401);
    const post = await call(await httpEvent('POST', '/api/uploads', { form: fileForm('a.csv', await exampleTemplate()) }));
    expect(post.statusCode).toBe(401);
    expect(post.headers?.['www-authenticate']).toBe('Bearer');
    expect(await keysUnder(lake.store, 'raw/')).toEqual([]);
  });

  it('does not accept the local portal tokens in this mode (only verified claims count)', async () => {
    const res = await call(await httpEvent('GET', '/api/uploads', { authorization: `Bearer ${lake.tokens.fenland}` }));
    expect(res.statusCode).toBe(401);
  });

  it('accepts an upload (201) for the partner named by custom:partner_id, stored under that partner', async () => {
    const res = await call(await httpEvent('POST', '/api/uploads', { claims: partner('fenland-helpline'), form: fileForm('service-demand.csv', await exampleTemplate()) }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'accepted', rows: 6 });
    expect((await keysUnder(lake.store, 'raw/partners/fenland-helpline/')).length).toBe(1);
    expect(await keysUnder(lake.store, 'curated/service_demand_versions/')).toContain(`curated/service_demand_versions/year=2026/${res.json().uploadId}.parquet`);
    const list = await call(await httpEvent('GET', '/api/uploads', { claims: partner('fenland-helpline') }));
    expect(list.statusCode).toBe(200);
    expect((list.json().uploads as { partnerId: string }[]).map((u) => u.partnerId)).toEqual(['fenland-helpline']);
  });

  it("returns the partner's own series (200) and 403 for another partner's", async () => {
    const own = await call(await httpEvent('GET', '/api/partners/fenland-helpline/series?channel=helpline_calls', { claims: partner('fenland-helpline') }));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ partnerId: 'fenland-helpline', channel: 'helpline_calls' });
    const other = await call(await httpEvent('GET', '/api/partners/fenland-helpline/series', { claims: partner('lincs-support-line') }));
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatch(/own organisation/);
  });

  it('keeps a claimed partner to the regions of its stored account', async () => {
    const form = fileForm('mixed.csv', 'region,period_start,channel,count\nGB-LIN,2026-03-02,helpline_calls,9\nGB-CAM,2026-03-02,helpline_calls,4\n');
    const res = await call(await httpEvent('POST', '/api/uploads', { claims: partner('lincs-support-line'), form }));
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toMatch(/GB-CAM is not one of your regions/);
  });

  it('gives members of the campaigns-team group admin access: any series, but no uploads', async () => {
    const series = await call(await httpEvent('GET', '/api/partners/fenland-helpline/series', { claims: admin() }));
    expect(series.statusCode).toBe(200);
    expect((series.json().series as unknown[]).length).toBeGreaterThan(0);
    const upload = await call(await httpEvent('POST', '/api/uploads', { claims: admin(), form: fileForm('a.csv', await exampleTemplate()) }));
    expect(upload.statusCode).toBe(403);
  });

  it('answers 403 for a signed-in user not linked to a partner account', async () => {
    const before = await keysUnder(lake.store, 'raw/');
    for (const claims of [
      idTokenClaims('5f0c2a3e-3333-4a4a-9b9b-000000000003', {}), // no partner id, no group
      partner('no-such-partner'), // no stored account
      partner('comms-team'), // names an admin record: a partner id never grants admin
      partner('../config/x'), // not an account id
      idTokenClaims('5f0c2a3e-4444-4a4a-9b9b-000000000004', { 'cognito:groups': '[campaigns-team-readers]' }), // a different group
    ]) {
      const res = await call(await httpEvent('GET', '/api/partners/fenland-helpline/series', { claims }));
      expect(res.statusCode, JSON.stringify(claims)).toBe(403);
    }
    expect(await keysUnder(lake.store, 'raw/')).toEqual(before);
  });

  it('serves the public template and stylesheet without claims', async () => {
    const csv = await call(await httpEvent('GET', '/templates/service-demand.csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe(await exampleTemplate());
    expect((await call(await httpEvent('GET', '/assets/portal.css'))).statusCode).toBe(200);
  });
});

describe('identity modes of createPortalApp', () => {
  let lake: Lake;
  beforeAll(async () => {
    lake = await portalLake();
  });
  afterAll(() => lake.cleanup());
  const env = (claims: Claims) => ({ event: { requestContext: { authorizer: { jwt: { claims, scopes: null } } } } });

  it('the default (token) mode ignores JWT claims and still takes the portal token', async () => {
    const app = createPortalApp({ store: lake.store });
    expect((await app.request('/api/uploads', {}, env(partner('fenland-helpline')))).status).toBe(401);
    expect((await app.request('/api/uploads', { headers: { Authorization: `Bearer ${lake.tokens.fenland}` } })).status).toBe(200);
  });

  it('a resolver function can supply the claims instead of the Lambda event', async () => {
    const app = createPortalApp({ store: lake.store, identityFromJwtClaims: (c) => (c.req.header('x-test-sub') ? admin() : undefined) });
    expect((await app.request('/api/partners/fenland-helpline/series')).status).toBe(401);
    expect((await app.request('/api/partners/fenland-helpline/series', { headers: { 'x-test-sub': '1' } })).status).toBe(200);
  });
});

describe('claim parsing and the template location', () => {
  it('reads cognito:groups as API Gateway flattens it, as an array, or as a comma list', () => {
    expect(groupsOf({ 'cognito:groups': '[campaigns-team readers]' })).toEqual(['campaigns-team', 'readers']);
    expect(groupsOf({ 'cognito:groups': ['campaigns-team'] })).toEqual(['campaigns-team']);
    expect(groupsOf({ 'cognito:groups': 'a,campaigns-team' })).toEqual(['a', 'campaigns-team']);
    expect(groupsOf({})).toEqual([]);
  });

  it('reads the template from CAMPAIGN_TEMPLATES_DIR when set (a Lambda bundle), else from templates/', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'templates-'));
    try {
      await writeFile(path.join(dir, 'service-demand.csv'), 'x\n');
      expect(String(templateLocation({ CAMPAIGN_TEMPLATES_DIR: dir }))).toBe(path.join(dir, 'service-demand.csv'));
      expect(String(templateLocation({}))).toMatch(/\/templates\/service-demand\.csv$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
