/**
 * Stored reports. report.html goes to the campaigns team and to partners whose area the campaign
 * targeted (partners get report.partners.html, protected with the partner rules); report.md, the
 * per-region weekly table report.weeks.csv (from the shared copy) and the internal report.json
 * (exact figures, never offered to partners) only to the team.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { forbidden, requireRole } from '../auth.ts';
import type { PortalDeps, PortalEnv } from '../context.ts';
import { readableCampaigns } from '../partner-model.ts';
import { partnersFile } from '../../i18n/index.ts';
import { asOfSchema, campaignIdSchema, readReportFile, type ReportFile } from '../report-index.ts';
import { h } from '../views/layout.ts';

const params = z.object({ campaign: campaignIdSchema, asOf: asOfSchema, file: z.enum(['report.html', 'report.pdf', 'report.md', 'report.json', 'report.weeks.csv']) });

/**
 * report.html carries its own <style>: allow exactly that stylesheet by hash, nothing else
 * (no scripts, no external sources), instead of loosening the portal's CSP.
 */
export function reportCsp(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  return `default-src 'none'; style-src ${hashes.join(' ') || "'none'"}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** A way back to the portal, added after <body> (the stored report has none). */
function withBackLink(html: string, href: string, words: string): string {
  return html.replace(/<body([^>]*)>/, `<body$1>\n<nav class="page" aria-label="Portal"><a href="${href}">← ${h(words)}</a></nav>`);
}

/** Report routes. */
export function reportRoutes(deps: PortalDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.get('/reports/:campaign/:asOf/:file', requireRole('any'), async (c) => {
    const p = params.safeParse(c.req.param());
    if (!p.success) return c.notFound();
    const { campaign, asOf, file } = p.data;
    const account = c.get('account')!;
    if (account.role !== 'admin') {
      // Partners get the shared renderings (small counts suppressed), never the Markdown, the JSON or the team's weekly table.
      if (file !== 'report.html' && file !== 'report.pdf') return forbidden(c);
      // Granted regions only (targeted or control): uploading rows for a region grants nothing.
      if (!(await readableCampaigns(deps, account)).some((e) => e.id === campaign)) return forbidden(c);
    }
    // Partners read the copy protected for them (partner rules applied), never report.md or report.json,
    // in their language when the report was written in it (reports made before fall back to English).
    const kind = file === 'report.pdf' ? 'pdf' : 'html';
    const lang = c.get('t')?.lang ?? 'en';
    const bytes =
      account.role === 'admin'
        ? await readReportFile(deps.store, campaign, asOf, file)
        : ((await readReportFile(deps.store, campaign, asOf, partnersFile(lang, kind) as ReportFile)) ?? (await readReportFile(deps.store, campaign, asOf, partnersFile('en', kind) as ReportFile)));
    if (!bytes) return c.notFound();
    if (file === 'report.html') {
      const html = withBackLink(new TextDecoder().decode(bytes), account.role === 'admin' ? '/admin' : '/partner', account.role === 'admin' ? 'Back to the portal' : (c.get('t')?.backToPortal ?? 'Back to the portal'));
      c.header('Content-Security-Policy', reportCsp(html));
      return c.html(html);
    }
    if (file === 'report.pdf')
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${campaign}-${asOf}-report.pdf"`, 'Cache-Control': 'no-store' });
    const type = file === 'report.md' ? 'text/markdown; charset=utf-8' : file === 'report.weeks.csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
    return c.body(new TextDecoder().decode(bytes), 200, {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${campaign}-${asOf}-${file}"`,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
