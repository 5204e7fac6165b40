/** The report viewer for the campaigns team and comms (role admin). */
import { Hono } from 'hono';
import { requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { listCampaigns } from '../report-index.ts';
import { adminPage } from '../views/admin-page.ts';

/** Admin pages. */
export function adminRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.get('/admin', requireRole('admin'), async (c) => {
    const campaigns = await listCampaigns(deps.store, { withGoals: true });
    return c.html(adminPage({ name: c.get('account')!.name, csrf: c.get('session')!.csrf, campaigns }));
  });
  return app;
}
