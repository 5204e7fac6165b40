import type { Context as HonoContext } from 'hono';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { openStore } from '../../shared/config.ts';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createPortalApp } from '../../shared/portal/app.ts';
import type { CognitoPool } from '../../shared/portal/cognito-access.ts';
import type { CognitoLoginConfig } from '../../shared/portal/oidc.ts';
import type { ObjectStore } from '../../shared/storage/object-store.ts';

/**
 * Largest upload accepted in Lambda: API Gateway hands the body to Lambda base64-encoded, and a
 * synchronous invocation carries at most 6 MB, so 4 MB of file (5.4 MB encoded, with the multipart
 * framing) is the most that still fits.
 */
export const LAMBDA_MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

/** API Gateway's view of the caller's address (for the sign-in rate limit). */
function sourceIp(c: HonoContext): string {
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? 'unknown';
}

/**
 * The portal behind an HTTP API: the same hono app as `campaign serve`, with the /api caller taken
 * from the Cognito JWT claims API Gateway's authorizer has verified.
 * @example const handle = portalHandler(await openStore({ data: '.campaign-data' }));
 */
export function portalHandler(store: ObjectStore, cognitoLogin = cognitoLoginFromEnv(), cognitoPool = cognitoPoolFromEnv()) {
  return handle(createPortalApp({ store, identityFromJwtClaims: true, clientIp: sourceIp, limits: { maxBytes: LAMBDA_MAX_UPLOAD_BYTES }, cognitoLogin, ...(cognitoPool ? { cognitoPool } : {}) }));
}

/** The user pool the stack made (COGNITO_USER_POOL_ID): admins' new tokens and removals reach its users. */
export function cognitoPoolFromEnv(env = process.env): CognitoPool | undefined {
  const userPoolId = env.COGNITO_USER_POOL_ID;
  return userPoolId ? { userPoolId, client: new CognitoIdentityProviderClient({ ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}) }) } : undefined;
}

/** The managed login the stack configured (COGNITO_LOGIN_URL, COGNITO_CLIENT_ID, COGNITO_ISSUER, PORTAL_URL), if any. */
export function cognitoLoginFromEnv(env = process.env): CognitoLoginConfig | undefined {
  const { COGNITO_LOGIN_URL: loginUrl, COGNITO_CLIENT_ID: clientId, COGNITO_ISSUER: issuer, PORTAL_URL: portal } = env;
  if (!loginUrl || !clientId || !issuer || !portal) return undefined;
  return { loginUrl, clientId, issuer, redirectUri: `${portal.replace(/\/+$/, '')}/auth/callback` };
}

let serve: ReturnType<typeof portalHandler> | undefined;

/** Lambda entry point (API Gateway HTTP API, payload format 2.0). The store is CAMPAIGN_STORE. */
export async function handler(event: LambdaEvent, context: LambdaContext) {
  serve ??= portalHandler(await openStore());
  return serve(event, context);
}
