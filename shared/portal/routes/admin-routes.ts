/** The report viewer and account management for the campaigns team and comms (role admin). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AccountError, createAccount, listAccounts, WEEK_STARTS } from '../accounts.ts';
import { newCredential, removeAccess } from '../account-access.ts';
import { LANGUAGES } from '../../i18n/index.ts';
import { requireCsrf, requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { completeness, GRACE_DAYS } from '../completeness.ts';
import { listCampaigns } from '../report-index.ts';
import { completenessPage } from '../views/completeness-page.ts';
import { accountsPage, type AccountsPageModel } from '../views/accounts-page.ts';
import { adminPage } from '../views/admin-page.ts';

const idParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/) });
const newAccountForm = z.object({
  name: z.string().trim().min(1).max(120),
  regions: z.string().max(2000).optional().default(''),
  all_regions: z.string().optional(),
  admin: z.string().optional(),
  week_start: z.enum(WEEK_STARTS).optional(),
  language: z.string().optional(),
});

/** Admin pages. */
export function adminRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const admin = requireRole('admin');
  app.get('/admin', admin, async (c) => {
    const campaigns = await listCampaigns(deps.store, { withGoals: true });
    return c.html(adminPage({ name: c.get('account')!.name, csrf: c.get('session')!.csrf, campaigns }));
  });

  app.get('/admin/completeness', admin, async (c) => {
    const rows = await completeness(deps.store, deps.now().toISOString().slice(0, 10));
    return c.html(completenessPage({ name: c.get('account')!.name, csrf: c.get('session')!.csrf, rows, graceDays: GRACE_DAYS }));
  });

  const show = async (c: Context<PortalEnv>, extra: Partial<AccountsPageModel> = {}, status: 200 | 404 | 422 = 200) =>
    c.html(accountsPage({ name: c.get('account')!.name, csrf: c.get('session')!.csrf, accounts: await listAccounts(deps.store), ...extra }), status);

  app.get('/admin/accounts', admin, (c) => show(c));

  app.post('/admin/accounts', admin, requireCsrf(), async (c) => {
    const form = newAccountForm.safeParse(await c.req.parseBody());
    if (!form.success) return show(c, { problem: 'Give the organisation a name.' }, 422);
    const f = form.data;
    try {
      const { account, token } = await createAccount(deps.store, f.name, {
        regions: f.regions.split(','),
        allRegions: f.all_regions === '1',
        role: f.admin === '1' ? 'admin' : 'partner',
        ...(f.week_start ? { weekStart: f.week_start } : {}),
        ...(f.language && LANGUAGES[f.language] ? { language: f.language } : {}),
        now: deps.now(),
      });
      return show(c, { issued: { id: account.id, token } });
    } catch (e) {
      if (e instanceof AccountError) return show(c, { problem: e.message }, 422);
      throw e;
    }
  });

  /** One account action: an unknown id is a plain 404 on the same page. */
  const onAccount = (action: (c: Context<PortalEnv>, id: string) => Promise<Response>) => async (c: Context<PortalEnv>) => {
    const p = idParam.safeParse(c.req.param());
    try {
      if (!p.success) throw new AccountError('no such account');
      return await action(c, p.data.id);
    } catch (e) {
      if (e instanceof AccountError) return show(c, { problem: e.message }, 404);
      throw e;
    }
  };

  app.post('/admin/accounts/:id/token', admin, requireCsrf(), onAccount(async (c, id) => {
    // On AWS the account's Cognito users get a new temporary password too.
    const { account, token, cognito } = await newCredential(deps.store, id, { now: deps.now(), ...(deps.cognito ? { cognito: deps.cognito } : {}) });
    return show(c, { issued: { id: account.id, token, ...(cognito ? { cognito } : {}) } });
  }));

  app.post('/admin/accounts/:id/remove', admin, requireCsrf(), onAccount(async (c, id) => {
    if (id === c.get('account')!.id) return show(c, { problem: 'You cannot remove the account you are signed in with.' }, 422);
    const { account, cognito } = await removeAccess(deps.store, id, { now: deps.now(), ...(deps.cognito ? { cognito: deps.cognito } : {}) });
    const users = cognito?.users.length ? ` Its Cognito sign-in${cognito.users.length === 1 ? '' : 's'} (${cognito.users.map((u) => u.email ?? u.username).join(', ')}) ${cognito.users.length === 1 ? 'is' : 'are'} disabled and signed out.` : '';
    return show(c, { notice: `Removed ${account.name} (${account.id}): it can no longer sign in. Its uploads and counts are kept.${users}` });
  }));
  return app;
}
