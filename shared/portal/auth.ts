/**
 * Authentication middleware: Bearer tokens for the JSON API, session cookies for browser pages,
 * and the CSRF check for browser form posts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { accountForToken, loadAccount } from './accounts.ts';
import { isHttps, LOGIN_CSRF_COOKIE, SESSION_COOKIE, type PortalDeps, type PortalEnv } from './context.ts';
import { randomToken, readSession, sameToken } from './sessions.ts';
import type { Messages } from '../i18n/en.ts';
import { pickLanguage } from '../i18n/index.ts';
import { signInPage } from './views/sign-in.ts';

/** Cookie attributes of every portal cookie: not readable by scripts, never sent cross-site. */
export function cookieOptions(c: Context) {
  return { httpOnly: true, sameSite: 'Strict' as const, path: '/', secure: isHttps(c) };
}

/**
 * The sign-in page with a fresh double-submit CSRF token: the same random value in an HttpOnly
 * cookie and in the form's hidden field (a cross-site page can set neither).
 */
export function signInResponse(c: Context, status: 200 | 401 | 403 | 429, problem?: string): Response {
  const csrf = randomToken();
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions(c), maxAge: 3600 });
  return c.html(signInPage({ csrf, t: (c.get('t') as Messages | undefined) ?? pickLanguage(undefined, c.req.header('accept-language')), ...(problem ? { problem } : {}) }), status);
}

/** JSON API: `Authorization: Bearer <token>`; 401 without a valid one, 429 after too many bad ones. */
export function bearerAuth(deps: PortalDeps): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const account = m ? await accountForToken(deps.store, m[1]!) : undefined;
    if (!account) {
      // Only failed attempts count, so a busy partner is never slowed down.
      if (m && !deps.signInLimiter.allow(`api:${deps.clientIp(c)}`, deps.now().getTime()))
        return c.json({ error: 'too many attempts: wait a few minutes and try again' }, 429);
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: 'sign in: send your access token as "Authorization: Bearer <token>"' }, 401);
    }
    c.set('account', account);
    await next();
  };
}

/** Browser pages: load the session from its cookie (if any) and the account it belongs to. */
export function loadSessionAccount(deps: PortalDeps): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = await readSession(deps.store, id, deps.now());
    const found = session ? await loadAccount(deps.store, session.accountId) : undefined;
    // A removed account, or one given a new token since this sign-in, is signed out.
    const account = found && found.tokenSha256 === session?.tokenSha256 ? found : undefined;
    if (session && account) {
      c.set('session', session);
      c.set('sessionId', id);
      c.set('account', account);
    }
    c.set('t', pickLanguage(account?.language, c.req.header('accept-language')));
    await next();
  };
}

/** Browser pages that need a signed-in user of a role: 401 with the sign-in form, or 403. */
export function requireRole(role: 'partner' | 'admin' | 'any'): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const account = c.get('account');
    if (!account) return signInResponse(c, 401, c.get('t')?.signInFirst ?? 'Please sign in first.');
    if (role !== 'any' && account.role !== role) return forbidden(c);
    await next();
  };
}

/** Plain 403 page. */
export function forbidden(c: Context): Response {
  return c.html('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not allowed</title><link rel="stylesheet" href="/assets/portal.css"></head><body><main id="main"><h1>Not allowed</h1><p>This page belongs to another account. <a href="/">Back to your page</a>.</p></main></body></html>', 403);
}

/**
 * Signed-in form posts must carry the session's CSRF token in `_csrf` (compared in constant time);
 * hono's csrf() middleware checks Origin as well.
 */
export function requireCsrf(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const body = await c.req.parseBody();
    const token = typeof body._csrf === 'string' ? body._csrf : undefined;
    if (!sameToken(token, c.get('session')?.csrf)) return c.text('This form has expired: go back, reload the page and try again.', 403);
    await next();
  };
}
