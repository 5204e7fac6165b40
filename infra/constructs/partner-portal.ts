import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ALIASES_KEY } from '../../shared/geo/region-resolver.ts';
import { PREFIX } from '../../shared/lake/layout.ts';
import { ACCOUNTS_PREFIX } from '../../shared/portal/accounts.ts';
import { ADMIN_GROUP } from '../../shared/portal/jwt-claims.ts';
import { acknowledge } from '../nag.ts';
import { grantPrefixes } from './lake-access.ts';
import { NodeFunction } from './node-function.ts';

/** Cognito custom attribute (without its `custom:` prefix) holding the partner's portal account id. */
export const PARTNER_ID_ATTRIBUTE = 'partner_id';
/** Lake prefix of partner uploads as received. */
export const PARTNER_RAW_PREFIX = `${PREFIX.raw}partners/`;
/** Portal uploads it refused: kept as received, outside raw/ so the ingest trigger never loads them. */
export const PARTNER_REJECTED_PREFIX = `${PREFIX.rejected}partners/`;
/** Lake prefix of the portal's own records (upload log, sessions). */
export const PORTAL_PREFIX = 'portal/';

/**
 * One JSON line per request, with HTTP API variables: who (Cognito subject, never a token), what,
 * the outcome, and why the authorizer or the integration refused.
 */
export const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    route: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    sub: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface PartnerPortalProps {
  lake: s3.IBucket;
  /** Name of the HTTP API. */
  apiName: string;
  /** Prefix of the managed login domain, <prefix>.auth.<region>.amazoncognito.com (unique per region across AWS). */
  domainPrefix: string;
  /** Steady-state requests per second across the API, and the burst above it. Default 20 / 40. */
  throttle?: { rateLimit: number; burstLimit: number };
  stubCode?: boolean;
}

/** Cognito custom attribute (without `custom:`) listing a partner's regions, for the console. */
export const REGIONS_ATTRIBUTE = 'regions';

/**
 * The partner portal in AWS, pages and API: a Cognito user pool whose users carry a partner id and
 * regions (set by an administrator; users cannot write them), its managed login (authorization
 * code + PKCE), an HTTP API whose /api routes are checked by a JWT authorizer on that pool and
 * whose other requests (pages, assets) go to the same portal Lambda, which signs browsers in
 * through the managed login and keeps its own session cookie. It serves the hono app of
 * `campaign serve`.
 */
export class PartnerPortal extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly adminGroup: cognito.UserPoolGroup;
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly authorizer: HttpJwtAuthorizer;
  readonly function: NodeFunction;
  readonly apiRoutes: apigw.HttpRoute[];
  /** `$default`: every request that is not /api (pages, the template, the stylesheet). */
  readonly pageRoute: apigw.HttpRoute;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: PartnerPortalProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new cognito.UserPool(this, 'Users', {
      // The campaigns team creates every account (AdminCreateUser) and sets its partner id.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [PARTNER_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 60, mutable: true }),
        [REGIONS_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 0, maxLen: 2048, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Optional, so a small partner without a smartphone can still sign in; an authenticator app
      // (no SMS costs, no phone numbers to hold) for everyone who sets one up.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier: compromised-credential and risky sign-in checks, enforced (a few dozen partners cost cents).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      // Accounts outlive `cdk destroy` (the CDK default for user pools, stated here on purpose).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional on purpose: small partners may have no second device. Passwords of 12+ characters, and Plus-tier threat protection (compromised credentials, risky sign-ins blocked) is enforced for every user.',
    );

    // Created before the client: the managed login returns browsers to <API URL>/auth/callback.
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Partner portal: pages (managed login, session cookie) and JSON API (Cognito JWT)',
      createDefaultStage: false,
    });
    const portalUrl = this.api.apiEndpoint;

    this.client = this.userPool.addClient('PortalClient', {
      // A public client (browser or script): no secret it could not keep; PKCE protects the code.
      generateSecret: false,
      // Scripts get an ID token with SRP or a password; browsers use the managed login.
      authFlows: { userSrp: true, userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${portalUrl}/auth/callback`],
        logoutUrls: [`${portalUrl}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // The ID token carries the partner id and regions; users may update their e-mail, never those.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(PARTNER_ID_ATTRIBUTE, REGIONS_ATTRIBUTE),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login needs a style per client; Cognito's own is used.
    new cognito.CfnManagedLoginBranding(this, 'LoginStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    const issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`;

    this.adminGroup = this.userPool.addGroup('CampaignsTeam', {
      groupName: ADMIN_GROUP,
      description: 'Campaigns team and comms: admin role of the partner portal (every partner series, every report)',
    });

    this.function = new NodeFunction(this, 'Portal', {
      entry: 'functions/portal/handler.ts',
      description: 'Partner portal pages and JSON API (hono app behind the HTTP API)',
      environment: {
        CAMPAIGN_STORE: `s3://${props.lake.bucketName}/`,
        POWERTOOLS_SERVICE_NAME: 'campaign-portal',
        COGNITO_LOGIN_URL: this.domain.baseUrl(),
        COGNITO_CLIENT_ID: this.client.userPoolClientId,
        COGNITO_ISSUER: issuer,
        COGNITO_USER_POOL_ID: this.userPool.userPoolId,
        PORTAL_URL: portalUrl,
      },
      memorySize: 1024,
      // API Gateway stops waiting after 30 s.
      timeout: Duration.seconds(29),
      withTemplates: true,
      withGeoData: true,
      stubCode: props.stubCode,
    });
    // Admins' "New token" and "Remove" reach the account's Cognito users: a new temporary
    // password or the user disabled, each signed out everywhere; users are found by partner id.
    this.userPool.grant(this.function.role, 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminDisableUser', 'cognito-idp:ListUsers');
    // Uploads are checked and ingested in-process (the same use case as the ingest Lambda): raw
    // file (refused ones under rejected/, outside the ingest trigger), quarantine record, new
    // curated files and their commit (append-only: nothing deleted), the portal's upload log.
    grantPrefixes(this.function.role, props.lake, {
      read: [PARTNER_RAW_PREFIX, PARTNER_REJECTED_PREFIX, PREFIX.quarantine, PREFIX.curated, PORTAL_PREFIX, ACCOUNTS_PREFIX, PREFIX.campaigns, PREFIX.reports, ALIASES_KEY],
      write: [PARTNER_RAW_PREFIX, PARTNER_REJECTED_PREFIX, PREFIX.quarantine, PREFIX.curated, PORTAL_PREFIX, ACCOUNTS_PREFIX],
      listBucket: true,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const throttle = props.throttle ?? { rateLimit: 20, burstLimit: 40 };
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });

    this.authorizer = new HttpJwtAuthorizer('Cognito', issuer, {
      authorizerName: 'cognito-partners',
      jwtAudience: [this.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('Portal', this.function.fn, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });
    this.apiRoutes = this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
      integration,
      authorizer: this.authorizer,
    });
    this.pageRoute = new apigw.HttpRoute(this, 'Pages', { httpApi: this.api, routeKey: apigw.HttpRouteKey.DEFAULT, integration });
    acknowledge(
      this.pageRoute,
      'AwsSolutions-APIG4',
      'Pages sign in inside the app: a signed-out browser is sent to the Cognito managed login (authorization code + PKCE) and then holds a session cookie; an API Gateway authorizer cannot read that cookie. Every /api route has the Cognito JWT authorizer.',
    );
  }

  /** Base URL of the API (the $default stage). */
  get url(): string {
    return this.stage.url;
  }
}
