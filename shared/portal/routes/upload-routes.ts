/**
 * A partner's own uploads: withdraw one (after a page that says what will change) or have it read
 * again. The same use cases as `campaign withdraw` and `campaign reprocess`, limited to the
 * signed-in partner's uploads.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { listUploads, previewWithdraw, reprocessUpload, UploadNotFoundError, withdrawUpload } from '../../pipeline/manage-uploads.ts';
import { UPLOAD_ID } from '../../lake/uploads.ts';
import { requireCsrf, requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { reasonIn } from '../../sources/reasons.ts';
import { h } from '../views/layout.ts';
import { reprocessPage, withdrawPage } from '../views/withdraw-page.ts';

const params = z.object({ id: z.string().regex(UPLOAD_ID) });
const idOf = (c: Context<PortalEnv>) => params.safeParse(c.req.param()).data?.id;

export function uploadRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const signedIn = requireRole('partner');
  const notYours = (c: Context<PortalEnv>, e: unknown) => {
    if (e instanceof UploadNotFoundError) return c.html(`<p>${h(e.message)}. <a href="/partner">${h(c.get('t')!.backToYourPage)}</a></p>`, 404);
    throw e;
  };

  app.get('/partner/uploads/:id/withdraw', signedIn, async (c) => {
    const id = idOf(c);
    if (!id) return c.text('Not found', 404);
    const account = c.get('account')!;
    try {
      const effect = await previewWithdraw(deps.store, id, { owner: account.id });
      return c.html(withdrawPage({ name: account.name, csrf: c.get('session')!.csrf }, effect, c.get('t')));
    } catch (e) {
      return notYours(c, e);
    }
  });

  app.post('/partner/uploads/:id/withdraw', signedIn, requireCsrf(), async (c) => {
    const id = idOf(c);
    if (!id) return c.text('Not found', 404);
    const account = c.get('account')!;
    try {
      await withdrawUpload(deps.store, id, { owner: account.id, by: `partner ${account.id} (portal)`, now: deps.now() });
      return c.redirect('/partner', 303);
    } catch (e) {
      return notYours(c, e);
    }
  });

  app.get('/partner/uploads/:id/reprocess', signedIn, async (c) => {
    const account = c.get('account')!;
    const upload = (await listUploads(deps.store, { owner: account.id })).find((u) => u.uploadId === idOf(c) && u.status === 'live');
    if (!upload) return c.html(`<p>${h(c.get('t')!.noSuchUpload)} <a href="/partner">${h(c.get('t')!.backToYourPage)}</a></p>`, 404);
    return c.html(reprocessPage({ name: account.name, csrf: c.get('session')!.csrf }, upload, c.get('t')));
  });

  app.post('/partner/uploads/:id/reprocess', signedIn, requireCsrf(), async (c) => {
    const id = idOf(c);
    if (!id) return c.text('Not found', 404);
    try {
      const r = await reprocessUpload(deps.store, id, { owner: c.get('account')!.id });
      if (r.status === 'accepted') return c.redirect('/partner', 303);
      const t = c.get('t')!;
      const first = r.errors[0];
      const where = first ? ` (${t.rowN(first.row)}, ${first.column}: ${reasonIn(t, first)})` : '';
      return c.html(`<p>${h(`${t.reprocessRefused(r.errors.length)}${where}.`)} <a href="/partner">${h(t.backToYourPage)}</a></p>`, 422);
    } catch (e) {
      return notYours(c, e);
    }
  });
  return app;
}

/** The same under /api (mounted inside apiRoutes, after its authentication). */
export function uploadApiRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  // Preview (GET) and withdraw (POST); reprocess reads the raw file again.
  app.get('/api/uploads/:id/withdraw', async (c) => json(c, () => previewWithdraw(deps.store, idOf(c) ?? '', { owner: c.get('account')!.id })));
  app.post('/api/uploads/:id/withdraw', async (c) =>
    json(c, () => withdrawUpload(deps.store, idOf(c) ?? '', { owner: c.get('account')!.id, by: `partner ${c.get('account')!.id} (API)`, now: deps.now() })),
  );
  app.post('/api/uploads/:id/reprocess', async (c) =>
    json(c, async () => {
      const r = await reprocessUpload(deps.store, idOf(c) ?? '', { owner: c.get('account')!.id });
      return { status: r.status, uploadId: r.uploadId, rows: r.rows, replaced: r.replaced, errors: r.errors };
    }),
  );
  return app;
}

async function json(c: Context<PortalEnv>, fn: () => Promise<unknown>) {
  if (c.get('account')?.role !== 'partner') return c.json({ error: 'only partner accounts manage their uploads' }, 403);
  try {
    return c.json(await fn());
  } catch (e) {
    if (e instanceof UploadNotFoundError) return c.json({ error: e.message }, 404);
    throw e;
  }
}
