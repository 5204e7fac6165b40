/** A partner's downloads: its own counts (CSV, Excel) and its pre-filled template. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { dataCsv, dataXlsx, ownRows, templateCsv, templateXlsx } from '../data-out.ts';
import { storedPeriods } from '../partner-model.ts';
import { partnerData } from '../series.ts';
import { lastFullWeek, missingWeeks } from '../weeks.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileParam = z.object({ kind: z.enum(['data', 'template']), ext: z.enum(['csv', 'xlsx']) });

function attachment(c: Context, body: string | Uint8Array, name: string, type: string): Response {
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
}

/** Download routes (role partner). */
export function downloadRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.get('/partner/download/:file', requireRole('partner'), async (c) => {
    const m = /^(data|template)\.(csv|xlsx)$/.exec(c.req.param('file'));
    const p = fileParam.safeParse(m ? { kind: m[1], ext: m[2] } : {});
    if (!p.success) return c.notFound();
    const account = c.get('account')!;
    const rows = await ownRows(deps.store, account.id);
    const name = `${account.id}-${p.data.kind === 'data' ? 'counts' : 'template'}.${p.data.ext}`;
    if (p.data.kind === 'data')
      return p.data.ext === 'csv' ? attachment(c, dataCsv(rows), name, 'text/csv; charset=utf-8') : attachment(c, await dataXlsx(rows), name, XLSX);
    const today = deps.now().toISOString().slice(0, 10);
    const missing = missingWeeks(storedPeriods((await partnerData(deps.store, account.id)).series), today, account.weekStart);
    const weeks = missing.length ? missing : [lastFullWeek(today, account.weekStart)];
    return p.data.ext === 'csv' ? attachment(c, templateCsv(account, rows, weeks), name, 'text/csv; charset=utf-8') : attachment(c, await templateXlsx(account, rows, weeks), name, XLSX);
  });
  return app;
}
