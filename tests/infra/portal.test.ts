import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES_DIR } from '../../infra/constructs/node-function.ts';
import { logicalId, resourcesFor, statementsOf, synth, type Synthesised } from './support.ts';

let s: Synthesised;
let lake: string;
let pool: string;
let client: string;
const resources = (type: string) => Object.entries<any>(s.template.findResources(type));
const routes = () => new Map(resources('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]));

beforeAll(() => {
  // Prepare: the whole stack, synthesised with stub code (the template is otherwise identical).
  s = synth(true);
  lake = `<${logicalId(s.stack.buckets.lake)}.Arn>`;
  pool = logicalId(s.stack.portal.userPool);
  client = logicalId(s.stack.portal.client);
});

describe('portal user pool', () => {
  it('has no self sign-up, a strong password policy, optional TOTP MFA and enforced threat protection', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: { MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    const policy = s.template.toJSON().Resources[pool].Properties.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('carries partner_id and regions string attributes that the app client can read but users cannot write', () => {
    const schema = s.template.toJSON().Resources[pool].Properties.Schema as { Name: string; AttributeDataType?: string }[];
    expect(schema).toContainEqual(expect.objectContaining({ Name: 'partner_id', AttributeDataType: 'String' }));
    expect(schema).toContainEqual(expect.objectContaining({ Name: 'regions', AttributeDataType: 'String' }));
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: pool },
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      ReadAttributes: Match.arrayWith(['custom:partner_id', 'custom:regions']),
    });
    const props = s.template.toJSON().Resources[client].Properties;
    expect(props.WriteAttributes).toEqual(['email']);
  });

  it('has a managed login: a domain, and a public client with only the authorization-code flow, back to <API>/auth/callback', () => {
    const api = logicalId(s.stack.portal.api);
    const endpoint = { 'Fn::GetAtt': [api, 'ApiEndpoint'] };
    const props = s.template.toJSON().Resources[client].Properties;
    expect(props).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [endpoint, '/auth/callback']] }],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: { Ref: pool },
      ManagedLoginVersion: 2,
      Domain: { 'Fn::Join': ['', ['campaign-analytics-', { Ref: 'AWS::AccountId' }]] },
    });
    s.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UserPoolId: { Ref: pool }, ClientId: { Ref: client }, UseCognitoProvidedValues: true });
    const env = s.template.toJSON().Resources[logicalId(s.stack.portal.function.fn)].Properties.Environment.Variables;
    expect(env).toMatchObject({ COGNITO_CLIENT_ID: { Ref: client }, PORTAL_URL: endpoint });
    expect(env.COGNITO_ISSUER).toEqual({ 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: pool }]] });
    expect(JSON.stringify(env.COGNITO_LOGIN_URL)).toContain('.amazoncognito.com');
    expect(env.COGNITO_USER_POOL_ID).toEqual({ Ref: pool });
  });

  it('lets the portal reset, disable and sign out users of its own pool only (admins\' new token and remove)', () => {
    const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === logicalId(s.stack.portal.function.role)),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const cognito = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect([cognito[0]!.Action].flat().sort()).toEqual(['cognito-idp:AdminDisableUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers']);
    expect(cognito[0]!.Resource).toEqual({ 'Fn::GetAtt': [pool, 'Arn'] });
  });

  it('has the campaigns-team group (the portal admin role)', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'campaigns-team', UserPoolId: { Ref: pool } });
  });
});

describe('portal HTTP API', () => {
  it('checks /api routes with a JWT authorizer whose issuer is the user pool and audience the app client', () => {
    const authorizers = resources('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: client }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: pool }]] },
      },
    });
    for (const key of ['GET /api/{proxy+}', 'POST /api/{proxy+}'])
      expect(routes().get(key), key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('sends every other request ($default: pages, template, stylesheet) to the portal, which signs browsers in itself', () => {
    const r = routes();
    expect([...r.keys()].sort()).toEqual(['$default', 'GET /api/{proxy+}', 'POST /api/{proxy+}']);
    expect(r.get('$default')!.AuthorizationType).toBe('NONE');
  });

  it('routes every request to the portal function with payload format 2.0', () => {
    const fn = logicalId(s.stack.portal.function.fn);
    const integrations = resources('AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(1);
    expect(integrations[0]![1].Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fn, 'Arn'] } });
  });

  it('logs every request of the $default stage as JSON and throttles it', () => {
    const logGroup = logicalId(s.stack.portal.accessLogs);
    const stages = resources('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const stage = stages[0]![1].Properties;
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logGroup, 'Arn'] } },
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
    });
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', route: '$context.routeKey', ip: '$context.identity.sourceIp' });
    expect(JSON.stringify(format)).not.toMatch(/authorization|header/i);
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeLessThanOrEqual(100);
    s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });
});

describe('portal function', () => {
  const role = () => logicalId(s.stack.portal.function.role);

  it('is a Node 20 arm64 Lambda on the lake, with the bundled templates/ folder', () => {
    const fn = s.template.toJSON().Resources[logicalId(s.stack.portal.function.fn)].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    expect(fn.Timeout).toBeLessThanOrEqual(30);
    expect(fn.Environment.Variables).toMatchObject({
      CAMPAIGN_STORE: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(s.stack.buckets.lake) }, '/']] },
      CAMPAIGN_TEMPLATES_DIR: BUNDLED_TEMPLATES_DIR,
      POWERTOOLS_SERVICE_NAME: 'campaign-portal',
    });
  });

  it('reads and writes only the partner (raw and rejected), quarantine, curated, portal and account prefixes, deletes nothing; reads campaigns, reports and the aliases', () => {
    const t = s.template;
    expect(resourcesFor(t, role(), 's3:GetObject')).toEqual(
      [
        `${lake}/campaigns/*`,
        `${lake}/config/partners/*`,
        `${lake}/config/region-aliases.json`,
        `${lake}/curated/*`,
        `${lake}/portal/*`,
        `${lake}/quarantine/*`,
        `${lake}/raw/partners/*`,
        `${lake}/rejected/partners/*`,
        `${lake}/reports/*`,
      ].sort(),
    );
    expect(resourcesFor(t, role(), 's3:PutObject')).toEqual(
      [`${lake}/config/partners/*`, `${lake}/curated/*`, `${lake}/portal/*`, `${lake}/quarantine/*`, `${lake}/raw/partners/*`, `${lake}/rejected/partners/*`].sort(),
    );
    // The lake is append-only: uploads, withdrawals and corrections never delete anything.
    expect(resourcesFor(t, role(), 's3:DeleteObject')).toEqual([]);
    expect(resourcesFor(t, role(), 's3:ListBucket')).toEqual([lake]);
  });

  it('has no other AWS permissions than S3 on the lake, its own logs, X-Ray and its pool\'s user resets', () => {
    const actions = statementsOf(s.template, role()).flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    for (const a of actions)
      expect(a, a).toMatch(/^(s3:(GetObject|PutObject|AbortMultipartUpload|DeleteObject|ListBucket)|logs:(CreateLogStream|PutLogEvents)|xray:\w+|cognito-idp:(AdminSetUserPassword|AdminUserGlobalSignOut|AdminDisableUser|ListUsers))$/);
  });

  it('may be invoked by this API only', () => {
    const fn = logicalId(s.stack.portal.function.fn);
    const api = logicalId(s.stack.portal.api);
    const perms = resources('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(fn));
    expect(perms.length).toBeGreaterThan(0);
    for (const [, p] of perms) {
      expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(p.Properties.SourceArn)).toContain(api);
    }
  });
});
