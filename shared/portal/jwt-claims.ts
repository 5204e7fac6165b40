/**
 * Identity from a JWT already verified by API Gateway (the AWS runtime): an HTTP API JWT authorizer
 * checks the Cognito token's signature, issuer, audience and expiry, and hands the Lambda its claims
 * at `event.requestContext.authorizer.jwt.claims`. This module only maps those claims to a portal
 * account; it never verifies a token itself, so it must only ever run behind that authorizer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { loadAccount, type Account } from './accounts.ts';
import type { PortalDeps, PortalEnv } from './context.ts';

/** Cognito custom attribute holding the partner's portal account id (set by an administrator only). */
export const PARTNER_ID_CLAIM = 'custom:partner_id';
/** Cognito group of the campaigns team and comms: the portal's admin role. */
export const ADMIN_GROUP = 'campaigns-team';

/** Claims as API Gateway passes them: strings, numbers, booleans, sometimes arrays. */
export type JwtClaims = Record<string, unknown>;

const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
/** Admin identities are not stored records: they carry no token, so no token hash either. */
const NO_TOKEN = '0'.repeat(64);

/** The JWT authorizer's claims of the request, as the hono aws-lambda adapter exposes the event. */
export function claimsFromLambdaEvent(c: Context): JwtClaims | undefined {
  const env = c.env as { event?: { requestContext?: { authorizer?: { jwt?: { claims?: unknown } } } } } | undefined;
  const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
  return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as JwtClaims) : undefined;
}

/**
 * `cognito:groups` as a list. API Gateway flattens array claims to one string, `"[a b]"`; tokens
 * decoded elsewhere give a real array. Both (and a comma list) are accepted.
 */
export function groupsOf(claims: JwtClaims): string[] {
  const g = claims['cognito:groups'];
  if (Array.isArray(g)) return g.filter((x): x is string => typeof x === 'string');
  if (typeof g !== 'string') return [];
  return g.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

/** Who the claims identify: an account, or the status and message to answer with. */
export type ClaimsIdentity = { account: Account } | { status: 401 | 403; error: string };

/**
 * The account of verified claims. Members of {@link ADMIN_GROUP} are admins (the group wins over
 * a partner id). Otherwise `custom:partner_id` must name a stored partner account (its regions
 * come from that record, never from the token). No claims or no subject: 401. Signed in but not
 * linked to a partner account: 403.
 */
export async function identityFromClaims(deps: Pick<PortalDeps, 'store' | 'now'>, claims: JwtClaims | undefined): Promise<ClaimsIdentity> {
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!claims || !sub) return { status: 401, error: 'sign in: send your Cognito ID token as "Authorization: Bearer <token>"' };
  if (groupsOf(claims).includes(ADMIN_GROUP)) {
    // The subject (a UUID) is the id: it cannot collide with a partner's name-derived id.
    const id = sub.toLowerCase();
    if (!ACCOUNT_ID.test(id)) return { status: 403, error: 'this sign-in has no usable subject' };
    const name = typeof claims.email === 'string' ? claims.email : 'Campaigns team';
    return { account: { id, name, role: 'admin', regions: [], allRegions: false, weekStart: 'monday', tokenSha256: NO_TOKEN, createdAt: deps.now().toISOString() } };
  }
  const partnerId = claims[PARTNER_ID_CLAIM];
  if (typeof partnerId !== 'string' || partnerId === '')
    return { status: 403, error: 'this sign-in is not linked to a partner organisation: ask the campaigns team' };
  const account = ACCOUNT_ID.test(partnerId) ? await loadAccount(deps.store, partnerId) : undefined;
  // A partner id must never lift a user to admin, even if it names an admin record.
  if (!account || account.role !== 'partner')
    return { status: 403, error: 'no partner account is registered for this sign-in: ask the campaigns team' };
  return { account };
}

/** JSON API behind API Gateway's JWT authorizer: the account comes from the verified claims. */
export function jwtClaimsAuth(deps: PortalDeps, claimsOf: (c: Context) => JwtClaims | undefined = claimsFromLambdaEvent): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const who = await identityFromClaims(deps, claimsOf(c));
    if ('status' in who) {
      if (who.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: who.error }, who.status);
    }
    c.set('account', who.account);
    await next();
  };
}
