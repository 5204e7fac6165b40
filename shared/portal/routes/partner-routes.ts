/** The partner's browser pages: their page, a file upload and the weekly form. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { updateAccount, type Account } from '../accounts.ts';
import { LANGUAGES } from '../../i18n/index.ts';
import { requireCsrf, requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { partnerModel, storedPeriods } from '../partner-model.ts';
import { partnerData } from '../series.ts';
import { formatBytes, uploadPartnerFile, UploadTooLargeError, type UploadOutcome } from '../upload.ts';
import { listUploads } from '../upload-log.ts';
import { typedValues, weekFormToCsv } from '../week-form.ts';
import { weekProblem } from '../weeks.ts';
import { partnerPage } from '../views/partner-page.ts';

const pageQuery = z.object({ upload: z.string().regex(/^[0-9TZ]+-[0-9a-f]{8}$/).optional() });
const fileForm = z.object({ file: z.instanceof(File), sheet: z.string().max(100).optional() });

/** Partner pages (role partner). */
export function partnerRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const signedIn = requireRole('partner');

  const render = async (c: Context<PortalEnv>, status: 200 | 413 | 422, opts: { outcome?: UploadOutcome; problem?: string; form?: Record<string, string> } = {}) => {
    const result = opts.outcome ? { record: opts.outcome, errors: opts.outcome.allErrors, ...(opts.outcome.sheets ? { sheets: opts.outcome.sheets } : {}) } : undefined;
    const model = await partnerModel(deps, c.get('account')!, c.get('session')!.csrf, result, opts.problem, opts.form, c.get('t'));
    return c.html(partnerPage(model), status);
  };

  // Post/redirect/get after an accepted upload; a rejected one is shown at once (422), with its errors.
  const finish = (c: Context<PortalEnv>, outcome: UploadOutcome) =>
    outcome.status === 'accepted' ? c.redirect(`/partner?upload=${outcome.uploadId}`, 303) : render(c, 422, { outcome });

  app.get('/partner', signedIn, async (c) => {
    const q = pageQuery.safeParse(c.req.query());
    const shown = q.success && q.data.upload ? (await listUploads(deps.store, c.get('account')!.id)).find((u) => u.uploadId === q.data.upload) : undefined;
    const model = await partnerModel(deps, c.get('account')!, c.get('session')!.csrf, shown ? { record: shown } : undefined, undefined, undefined, c.get('t'));
    return c.html(partnerPage(model));
  });

  app.post('/partner/upload', signedIn, requireCsrf(), async (c) => {
    const form = fileForm.safeParse(await c.req.parseBody());
    if (!form.success || form.data.file.size === 0) return render(c, 422, { problem: c.get('t')!.chooseFile });
    return upload(c, form.data.file.name, new Uint8Array(await form.data.file.arrayBuffer()), 'file', undefined, form.data.sheet);
  });

  // Whatever was typed is shown again with the problem: a partner never types a week twice.
  app.post('/partner/week', signedIn, requireCsrf(), async (c) => {
    const body = await c.req.parseBody();
    const form = typedValues(body);
    const week = weekFormToCsv(body, c.get('t'));
    if ('error' in week) return render(c, 422, { problem: week.error, form });
    const account = c.get('account')!;
    const stored = storedPeriods((await partnerData(deps.store, account.id)).series);
    const problem = weekProblem(week.weekStart, deps.now().toISOString().slice(0, 10), account.weekStart, stored, c.get('t'));
    if (problem) return render(c, 422, { problem, form });
    return upload(c, `week-${week.weekStart}.csv`, new TextEncoder().encode(week.csv), 'form', form);
  });

  // The partner's language, kept on the account (the browser's is only the default).
  app.post('/partner/language', signedIn, requireCsrf(), async (c) => {
    const body = await c.req.parseBody();
    const language = typeof body.language === 'string' ? body.language : '';
    if (LANGUAGES[language]) await updateAccount(deps.store, c.get('account')!.id, { language });
    return c.redirect('/partner', 303);
  });

  async function upload(c: Context<PortalEnv>, name: string, bytes: Uint8Array, source: 'file' | 'form', form?: Record<string, string>, sheet?: string) {
    const account: Account = c.get('account')!;
    try {
      const outcome = await uploadPartnerFile(deps.store, account, name, bytes, { now: deps.now(), source, limits: deps.limits, sheet });
      if (outcome.status === 'rejected' && form) return render(c, 422, { outcome, form });
      return await finish(c, outcome);
    } catch (e) {
      if (e instanceof UploadTooLargeError) return render(c, 413, { problem: c.get('t')!.fileTooLarge(formatBytes(e.maxBytes)) });
      throw e;
    }
  }
  return app;
}
