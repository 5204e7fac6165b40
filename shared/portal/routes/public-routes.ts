/** Routes anyone may fetch: the stylesheet and the example partner template. */
import { Hono } from 'hono';
import type { PortalEnv } from '../context.ts';
import { exampleTemplate } from '../template.ts';
import { PORTAL_CSS } from '../views/styles.ts';

/** Public routes. */
export function publicRoutes(): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.get('/assets/portal.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PORTAL_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/templates/service-demand.csv', async (c) =>
    c.body(await exampleTemplate(), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="service-demand.csv"',
    }),
  );
  return app;
}
