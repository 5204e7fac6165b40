/**
 * The OAuth 2.0 authorization-code flow with PKCE against Cognito's managed login, for the
 * portal's browser pages on AWS: the login URL, the code exchange, and the ID token check
 * (RS256 signature by the pool's JWKS, issuer, audience, token use, expiry).
 */
import { createHash, randomBytes } from 'node:crypto';
import { verifyWithJwks } from 'hono/jwt';
import type { JwtClaims } from './jwt-claims.ts';

/** Where the pool's managed login is and who the portal is to it. */
export interface CognitoLoginConfig {
  /** Managed login base URL: https://<domain prefix>.auth.<region>.amazoncognito.com */
  loginUrl: string;
  /** The app client (public: no secret; authorization-code grant with PKCE). */
  clientId: string;
  /** <portal URL>/auth/callback, exactly as registered on the client. */
  redirectUri: string;
  /** Token issuer: https://cognito-idp.<region>.amazonaws.com/<pool id> */
  issuer: string;
  /** Default `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Injected in tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** A PKCE verifier (kept in the browser's cookie) and its S256 challenge (sent to Cognito). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The managed login page to send the browser to. */
export function authorizeUrl(cfg: CognitoLoginConfig, state: string, challenge: string): string {
  const url = new URL('/oauth2/authorize', cfg.loginUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** Exchange the code Cognito returned for tokens (the verifier proves this browser started the login). */
export async function exchangeCode(cfg: CognitoLoginConfig, code: string, verifier: string): Promise<{ idToken: string }> {
  const res = await (cfg.fetch ?? fetch)(new URL('/oauth2/token', cfg.loginUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cfg.clientId, code, redirect_uri: cfg.redirectUri, code_verifier: verifier }),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.id_token) throw new Error(`the sign-in service refused the code: ${body.error_description ?? body.error ?? res.status}`);
  return { idToken: body.id_token };
}

let cachedKeys: { url: string; keys: Parameters<typeof verifyWithJwks>[1]['keys'] } | undefined;

async function jwks(cfg: CognitoLoginConfig, refresh: boolean) {
  const url = cfg.jwksUrl ?? `${cfg.issuer}/.well-known/jwks.json`;
  if (!refresh && cachedKeys?.url === url) return cachedKeys.keys;
  const res = await (cfg.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`could not read the sign-in keys from ${url}: ${res.status}`);
  const { keys } = (await res.json()) as { keys: NonNullable<Parameters<typeof verifyWithJwks>[1]['keys']> };
  cachedKeys = { url, keys };
  return keys;
}

/**
 * The claims of a Cognito ID token, once its signature, issuer, audience, expiry and `token_use`
 * are checked. The keys are cached per cold start and read again once when a token names a key
 * not seen yet (Cognito rotates keys).
 */
export async function verifyIdToken(cfg: CognitoLoginConfig, token: string): Promise<JwtClaims> {
  const verify = async (refresh: boolean) =>
    verifyWithJwks(token, { keys: await jwks(cfg, refresh), allowedAlgorithms: ['RS256'], verification: { iss: cfg.issuer, aud: cfg.clientId } });
  const claims = (await verify(false).catch(() => verify(true))) as JwtClaims;
  if (claims.token_use !== 'id') throw new Error('not an ID token');
  return claims;
}
