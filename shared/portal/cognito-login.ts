/**
 * Browser sign-in on AWS through Cognito's managed login (authorization code + PKCE). The verified
 * ID token is mapped to a portal account exactly as the /api claims are (identityFromClaims), then
 * a normal portal session starts: every page works as with `campaign serve`.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Account } from './accounts.ts';
import { cookieOptions } from './auth.ts';
import { SESSION_COOKIE, type PortalDeps, type PortalEnv } from './context.ts';
import { identityFromClaims } from './jwt-claims.ts';
import { authorizeUrl, exchangeCode, pkcePair, verifyIdToken, type CognitoLoginConfig } from './oidc.ts';
import { createSession, randomToken, readSession, sameToken, SESSION_HOURS } from './sessions.ts';

/** Holds the login's state and PKCE verifier between the redirect to Cognito and the callback. */
export const OAUTH_COOKIE = 'portal_oauth';
/** Campaigns-team sign-ins have no stored account record: their identity is kept here per session. */
const ADMIN_PREFIX = 'portal/cognito-admins/';
const adminKey = (id: string) => `${ADMIN_PREFIX}${id}.json`;
/** Pages that send a signed-out browser to the managed login. */
const PAGE = /^\/($|partner|admin|reports\/)/;

function page(title: string, body: string, refreshTo?: string): string {
  const refresh = refreshTo ? `<meta http-equiv="refresh" content="0;url=${refreshTo}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${title}</title><link rel="stylesheet" href="/assets/portal.css"></head><body><main id="main"><h1>${title}</h1>${body}</main></body></html>`;
}

/** Routes and middleware of the managed-login mode; mount after the session middleware. */
export function cognitoLoginRoutes(deps: PortalDeps, cfg: CognitoLoginConfig): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();

  // A campaigns-team session: the account is the one stored at sign-in for this session's id.
  app.use('*', async (c, next) => {
    if (!c.get('account')) {
      const id = getCookie(c, SESSION_COOKIE);
      const session = await readSession(deps.store, id, deps.now());
      if (session && (await deps.store.exists(adminKey(session.accountId)))) {
        const account = JSON.parse(new TextDecoder().decode(await deps.store.get(adminKey(session.accountId)))) as Account;
        c.set('account', account);
        c.set('session', session);
        c.set('sessionId', id);
      }
    }
    if (!c.get('account') && c.req.method === 'GET' && PAGE.test(c.req.path)) return c.redirect('/auth/login', 302);
    await next();
  });

  // The token form is not used on AWS: sign-in goes through the managed login.
  app.post('/sign-in', (c) => c.redirect('/auth/login', 303));

  app.get('/auth/login', (c) => {
    const state = randomToken();
    const { verifier, challenge } = pkcePair();
    // Lax, not Strict: the callback is a top-level navigation from the login domain.
    setCookie(c, OAUTH_COOKIE, `${state}.${verifier}`, { ...cookieOptions(c), sameSite: 'Lax', path: '/auth/', maxAge: 600 });
    return c.redirect(authorizeUrl(cfg, state, challenge), 302);
  });

  app.get('/auth/callback', async (c) => {
    const [state, verifier] = (getCookie(c, OAUTH_COOKIE) ?? '').split('.');
    deleteCookie(c, OAUTH_COOKIE, { path: '/auth/' });
    const again = '<p><a href="/auth/login">Sign in again</a>.</p>';
    if (c.req.query('error')) return c.html(page('Sign-in did not finish', `<p>The sign-in service said: ${escapeText(c.req.query('error_description') ?? c.req.query('error')!)}.</p>${again}`), 400);
    const code = c.req.query('code');
    if (!code || !verifier || !sameToken(c.req.query('state'), state)) return c.html(page('Sign-in expired', `<p>This sign-in link has expired or was opened in another browser.</p>${again}`), 400);
    let claims;
    try {
      claims = await verifyIdToken(cfg, (await exchangeCode(cfg, code, verifier)).idToken);
    } catch (e) {
      console.error('managed login failed', (e as Error).message);
      return c.html(page('Sign-in failed', `<p>Your sign-in could not be checked.</p>${again}`), 401);
    }
    const who = await identityFromClaims(deps, claims);
    if ('status' in who) return c.html(page('No portal account', `<p>${escapeText(who.error)}.</p>`), 403);
    if (who.account.role === 'admin') await deps.store.put(adminKey(who.account.id), JSON.stringify(who.account));
    const { id } = await createSession(deps.store, who.account, deps.now());
    setCookie(c, SESSION_COOKIE, id, { ...cookieOptions(c), maxAge: SESSION_HOURS * 3600 });
    // A page, not a redirect: the SameSite=Strict session cookie is sent on the next, same-site navigation.
    const home = who.account.role === 'admin' ? '/admin' : '/partner';
    return c.html(page('Signed in', `<p><a href="${home}">Continue to your page</a>.</p>`, home), 200);
  });
  return app;
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
