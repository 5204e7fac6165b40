/**
 * What every route handler shares: the app's dependencies and who is signed in. Kept apart from
 * the routes so that each route file stays a few thin handlers.
 */
import type { Context } from 'hono';
import type { ObjectStore } from '../storage/object-store.ts';
import type { Account } from './accounts.ts';
import type { CognitoPool } from './cognito-access.ts';
import type { Messages } from '../i18n/en.ts';
import type { JwtClaims } from './jwt-claims.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Session } from './sessions.ts';
import type { UploadLimits } from './upload.ts';

/** Dependencies of the portal, fixed when the app is created. */
export interface PortalDeps {
  store: ObjectStore;
  now: () => Date;
  limits: UploadLimits;
  signInLimiter: RateLimiter;
  clientIp: (c: Context) => string;
  /**
   * Set in the AWS runtime only: the /api identity comes from these JWT claims (verified by API
   * Gateway's authorizer) instead of the portal's own Bearer tokens.
   */
  jwtClaims?: (c: Context) => JwtClaims | undefined;
  /** AWS runtime: the user pool whose users a new token or a removal also reaches. */
  cognito?: CognitoPool;
}

/** Hono environment: per-request variables set by the auth middleware. */
export interface PortalEnv {
  Variables: {
    account?: Account;
    session?: Session;
    sessionId?: string;
    /** The language of the pages: the account's choice, else the browser's. */
    t?: Messages;
  };
}

/** Name of the session cookie (HttpOnly, SameSite=Strict; holds a random id, never the token). */
export const SESSION_COOKIE = 'portal_session';
/** Name of the pre-sign-in CSRF cookie (double-submit with the sign-in form's hidden field). */
export const LOGIN_CSRF_COOKIE = 'portal_login_csrf';

/** Cookies are marked Secure whenever the app is reached over https (always, behind API Gateway). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
