/** Sign in (paste the access token) and sign out. */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { accountForToken } from '../accounts.ts';
import { cookieOptions, requireCsrf, signInResponse } from '../auth.ts';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, type PortalDeps, type PortalEnv } from '../context.ts';
import { createSession, deleteSession, sameToken, SESSION_HOURS } from '../sessions.ts';

const signInForm = z.object({ token: z.string().trim().min(1).max(200), _csrf: z.string().min(1).max(100) });

/** Sign-in page and form, sign-out. */
export function sessionRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();

  app.get('/', (c) => {
    const account = c.get('account');
    if (account) return c.redirect(account.role === 'admin' ? '/admin' : '/partner', 303);
    return signInResponse(c, 200);
  });

  app.post('/sign-in', async (c) => {
    if (!deps.signInLimiter.allow(`sign-in:${deps.clientIp(c)}`, deps.now().getTime()))
      return signInResponse(c, 429, c.get('t')!.tooManyAttempts);
    const form = signInForm.safeParse(await c.req.parseBody());
    if (!form.success) return signInResponse(c, 401, c.get('t')!.pasteToken);
    if (!sameToken(form.data._csrf, getCookie(c, LOGIN_CSRF_COOKIE))) return signInResponse(c, 403, c.get('t')!.formExpired);
    const account = await accountForToken(deps.store, form.data.token);
    if (!account) return signInResponse(c, 401, c.get('t')!.tokenNotRecognised);
    const { id } = await createSession(deps.store, account, deps.now());
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/' });
    setCookie(c, SESSION_COOKIE, id, { ...cookieOptions(c), maxAge: SESSION_HOURS * 3600 });
    return c.redirect(account.role === 'admin' ? '/admin' : '/partner', 303);
  });

  app.post('/sign-out', requireCsrf(), async (c) => {
    const id = c.get('sessionId');
    if (id) await deleteSession(deps.store, id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });
  return app;
}
