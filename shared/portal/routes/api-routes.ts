/**
 * The JSON API (the portal's Bearer token locally; Cognito JWT claims behind API Gateway): upload
 * a file, list one's uploads, read one's own series.
 * Partners only ever reach their own data; the campaigns team (admin) may read any series.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CHANNEL_PATTERN } from '../../domain/metrics.ts';
import { bearerAuth } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { jwtClaimsAuth } from '../jwt-claims.ts';
import { partnerData } from '../series.ts';
import { uploadPartnerFile, UploadTooLargeError } from '../upload.ts';
import { listUploads } from '../upload-log.ts';
import { uploadApiRoutes } from './upload-routes.ts';

const uploadForm = z.object({ file: z.instanceof(File), sheet: z.string().max(100).optional() });
const seriesParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/) });
const seriesQuery = z.object({ channel: z.string().regex(CHANNEL_PATTERN).optional() });

/** API routes under /api. */
export function apiRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.use('/api/*', deps.jwtClaims ? jwtClaimsAuth(deps, deps.jwtClaims) : bearerAuth(deps));
  app.route('/', uploadApiRoutes(deps));

  app.post('/api/uploads', async (c) => {
    const account = c.get('account')!;
    if (account.role !== 'partner') return c.json({ error: 'only partner accounts upload counts' }, 403);
    const body = await c.req.parseBody().catch(() => undefined);
    const form = uploadForm.safeParse(body);
    if (!form.success)
      return c.json({ status: 'rejected', errors: [{ row: 0, column: 'file', reason: 'send the CSV as a multipart/form-data field named "file"' }] }, 400);
    const { file } = form.data;
    try {
      const r = await uploadPartnerFile(deps.store, account, file.name, new Uint8Array(await file.arrayBuffer()), { now: deps.now(), source: 'file', limits: deps.limits, sheet: form.data.sheet });
      if (r.status === 'accepted') return c.json({ status: 'accepted', rows: r.rows, uploadId: r.uploadId, duplicate: r.duplicate }, 201);
      return c.json({ status: 'rejected', uploadId: r.uploadId, errors: r.allErrors, ...(r.sheets ? { sheets: r.sheets } : {}) }, 422);
    } catch (e) {
      if (e instanceof UploadTooLargeError) return c.json({ status: 'rejected', errors: [{ row: 0, column: 'file', reason: e.message }] }, 413);
      throw e;
    }
  });

  app.get('/api/uploads', async (c) => c.json({ uploads: await listUploads(deps.store, c.get('account')!.id) }));

  app.get('/api/partners/:id/series', async (c) => {
    const account = c.get('account')!;
    const p = seriesParams.safeParse(c.req.param());
    const q = seriesQuery.safeParse(c.req.query());
    if (!p.success || !q.success) return c.json({ error: 'partner id or channel is not valid' }, 400);
    if (account.role !== 'admin' && account.id !== p.data.id) return c.json({ error: "you can only read your own organisation's data" }, 403);
    const data = await partnerData(deps.store, p.data.id);
    const series = q.data.channel ? data.series.filter((s) => s.channel === q.data.channel) : data.series;
    return c.json({ partnerId: p.data.id, ...(q.data.channel ? { channel: q.data.channel } : {}), series });
  });
  return app;
}
