/** The partner's browser pages: their page, a file upload and the weekly form. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Account } from '../accounts.ts';
import { requireCsrf, requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { partnerModel } from '../partner-model.ts';
import { uploadPartnerFile, UploadTooLargeError, type UploadOutcome } from '../upload.ts';
import { listUploads } from '../upload-log.ts';
import { weekFormToCsv } from '../week-form.ts';
import { partnerPage } from '../views/partner-page.ts';

const pageQuery = z.object({ upload: z.string().regex(/^[0-9TZ]+-[0-9a-f]{8}$/).optional() });
const fileForm = z.object({ file: z.instanceof(File) });

/** Partner pages (role partner). */
export function partnerRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const signedIn = requireRole('partner');

  const render = async (c: Context<PortalEnv>, status: 200 | 413 | 422, opts: { outcome?: UploadOutcome; problem?: string } = {}) => {
    const result = opts.outcome ? { record: opts.outcome, errors: opts.outcome.allErrors } : undefined;
    const model = await partnerModel(deps, c.get('account')!, c.get('session')!.csrf, result, opts.problem);
    return c.html(partnerPage(model), status);
  };

  // Post/redirect/get after an accepted upload; a rejected one is shown at once (422), with its errors.
  const finish = (c: Context<PortalEnv>, outcome: UploadOutcome) =>
    outcome.status === 'accepted' ? c.redirect(`/partner?upload=${outcome.uploadId}`, 303) : render(c, 422, { outcome });

  app.get('/partner', signedIn, async (c) => {
    const q = pageQuery.safeParse(c.req.query());
    const shown = q.success && q.data.upload ? (await listUploads(deps.store, c.get('account')!.id)).find((u) => u.uploadId === q.data.upload) : undefined;
    const model = await partnerModel(deps, c.get('account')!, c.get('session')!.csrf, shown ? { record: shown } : undefined);
    return c.html(partnerPage(model));
  });

  app.post('/partner/upload', signedIn, requireCsrf(), async (c) => {
    const form = fileForm.safeParse(await c.req.parseBody());
    if (!form.success || form.data.file.size === 0) return render(c, 422, { problem: 'Choose a CSV file to upload.' });
    return upload(c, form.data.file.name, new Uint8Array(await form.data.file.arrayBuffer()), 'file');
  });

  app.post('/partner/week', signedIn, requireCsrf(), async (c) => {
    const week = weekFormToCsv(await c.req.parseBody());
    if ('error' in week) return render(c, 422, { problem: week.error });
    return upload(c, `week-${week.weekStart}.csv`, new TextEncoder().encode(week.csv), 'form');
  });

  async function upload(c: Context<PortalEnv>, name: string, bytes: Uint8Array, source: 'file' | 'form') {
    const account: Account = c.get('account')!;
    try {
      return await finish(c, await uploadPartnerFile(deps.store, account, name, bytes, { now: deps.now(), source, limits: deps.limits }));
    } catch (e) {
      if (e instanceof UploadTooLargeError) return render(c, 413, { problem: `The file is too large: ${e.message}.` });
      throw e;
    }
  }
  return app;
}
