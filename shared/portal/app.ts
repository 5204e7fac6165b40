/**
 * The partner portal and report viewer as one hono app. It does not know Node's HTTP server:
 * `campaign serve` wraps it with @hono/node-server; functions/portal/handler.ts serves the same app
 * in Lambda behind API Gateway (with `identityFromJwtClaims`).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ObjectStore } from '../storage/object-store.ts';
import { loadSessionAccount } from './auth.ts';
import type { PortalDeps, PortalEnv } from './context.ts';
import { cognitoLoginRoutes } from './cognito-login.ts';
import { claimsFromLambdaEvent, type JwtClaims } from './jwt-claims.ts';
import type { CognitoPool } from './cognito-access.ts';
import type { CognitoLoginConfig } from './oidc.ts';
import { RateLimiter } from './rate-limit.ts';
import { pickLanguage } from '../i18n/index.ts';
import { h } from './views/layout.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { downloadRoutes } from './routes/download-routes.ts';
import { partnerRoutes } from './routes/partner-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { uploadRoutes } from './routes/upload-routes.ts';
import { DEFAULT_LIMITS, formatBytes, type UploadLimits } from './upload.ts';

/** Options of {@link createPortalApp}. */
export interface PortalOptions {
  store: ObjectStore;
  /** Clock (tests fix it); also decides which dates count as "in the future". */
  now?: () => Date;
  limits?: Partial<UploadLimits>;
  /** Sign-in attempts allowed per client IP and window. Default 10 per 15 minutes. */
  signInAttempts?: { limit: number; windowMs: number };
  /**
   * The client's IP for rate limiting. Default: the Node socket's address (set by
   * @hono/node-server); a Lambda adapter passes the API Gateway source IP.
   */
  clientIp?: (c: Context) => string;
  /**
   * AWS runtime: take the /api caller from the claims of API Gateway's JWT authorizer
   * (`custom:partner_id`, or the `campaigns-team` group for admins) instead of portal tokens.
   * `true` reads them from the Lambda event (`c.env.event`, hono/aws-lambda); a function reads
   * them from elsewhere. Default off: the local token mode. Browser pages keep cookie sessions.
   */
  identityFromJwtClaims?: boolean | ((c: Context) => JwtClaims | undefined);
  /** AWS runtime: browser sign-in through Cognito's managed login instead of the token form. */
  cognitoLogin?: CognitoLoginConfig;
  /** AWS runtime: the user pool, so that an admin's new token or removal reaches the account's Cognito users. */
  cognitoPool?: CognitoPool;
}

/**
 * The page for a file refused by size before anything is read: the session is not loaded yet, so
 * it speaks the browser's language.
 */
function tooLargePage(c: Context, maxBytes: number): Response {
  const t = pickLanguage(undefined, c.req.header('accept-language'));
  return c.html(
    `<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8"><title>${h(t.nothingUploaded)}</title><link rel="stylesheet" href="/assets/portal.css"></head><body><main id="main"><h1>${h(t.nothingUploaded)}</h1><p>${h(t.fileTooLarge(formatBytes(maxBytes)))}</p><p><a href="/partner">${h(t.backToYourPage)}</a></p></main></body></html>`,
    413,
  );
}

/** Room for the multipart framing around a file at the size limit. */
const MULTIPART_SLACK = 64 * 1024;

/** The node server puts the socket on c.env.incoming; anything else falls back to one shared bucket. */
function socketIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Build the portal app.
 * @example
 * const app = createPortalApp({ store: await openStore({ data: '.campaign-data' }) });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8080 });
 */
export function createPortalApp(opts: PortalOptions): Hono<PortalEnv> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const attempts = opts.signInAttempts ?? { limit: 10, windowMs: 15 * 60_000 };
  const deps: PortalDeps = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    limits,
    signInLimiter: new RateLimiter(attempts.limit, attempts.windowMs),
    clientIp: opts.clientIp ?? socketIp,
    ...(opts.identityFromJwtClaims
      ? { jwtClaims: opts.identityFromJwtClaims === true ? claimsFromLambdaEvent : opts.identityFromJwtClaims }
      : {}),
    ...(opts.cognitoPool ? { cognito: opts.cognitoPool } : {}),
  };
  const app = new Hono<PortalEnv>();

  app.use(
    '*',
    secureHeaders({
      // Pages use only the same-origin stylesheet and inline SVG: nothing external, no scripts.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      overwrite: false, // report.html sets its own, stricter-in-its-way CSP (its inline <style> by hash)
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // Pages and API answers hold personal-area data: never cache them in shared caches.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  // Uploads are refused by size before the body is read into memory.
  const tooLarge = (c: Context) => {
    const reason = `the file is larger than ${formatBytes(limits.maxBytes)}: split it into smaller files (for example one per year)`;
    return c.req.path.startsWith('/api/')
      ? c.json({ status: 'rejected', errors: [{ row: 0, column: 'file', reason }] }, 413)
      : tooLargePage(c, limits.maxBytes);
  };
  for (const path of ['/api/uploads', '/partner/upload', '/partner/week'])
    app.on('POST', path, bodyLimit({ maxSize: limits.maxBytes + MULTIPART_SLACK, onError: tooLarge }));

  // Browser form posts: Origin / Sec-Fetch-Site must be this site (plus a per-session token in each form).
  for (const path of ['/sign-in', '/sign-out', '/partner/upload', '/partner/week', '/partner/uploads/*', '/partner/language', '/admin/*']) app.on('POST', path, csrf());

  app.route('/', publicRoutes());
  app.route('/', apiRoutes(deps));
  app.use('*', loadSessionAccount(deps));
  if (opts.cognitoLogin) app.route('/', cognitoLoginRoutes(deps, opts.cognitoLogin));
  app.route('/', sessionRoutes(deps));
  app.route('/', partnerRoutes(deps));
  app.route('/', uploadRoutes(deps));
  app.route('/', downloadRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.notFound((c) => c.text('Not found', 404));
  app.onError((err, c) => {
    // hono's csrf() and bodyLimit() signal refusals this way: answer with their status, not 500.
    if (err instanceof HTTPException) return c.text('This request was refused. Go back, reload the page and try again.', err.status);
    console.error(err);
    return c.req.path.startsWith('/api/') ? c.json({ error: 'unexpected failure' }, 500) : c.text('Something went wrong on our side. Please try again later.', 500);
  });
  return app;
}
