/**
 * The report printed to A4 portrait in real Chromium: every table fits the text width (nothing cut,
 * no column past the edge), the PDF is made, and on screen the many-column tables do not scroll
 * sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/browser/launch-chromium.ts';
import { renderPdf } from '../../shared/browser/render-pdf.ts';
import { protectReport, renderHtml } from '../../shared/report/index.ts';
import { loadSample } from './sample.ts';

/** A4 text width at 96 dpi: 210 mm less 2 x 12 mm margins. */
const A4_TEXT_PX = Math.floor(((210 - 24) / 25.4) * 96);

let browser: Browser;
/** The sample report with two platforms, so the 9-column platform table is printed too. */
function withPlatforms() {
  const r = loadSample();
  const exp = { rows: 'daily rows by region', breakdown: 'region', granularity: 'day' as const, firstDay: r.campaign.start, lastDay: r.campaign.end, rowCount: 56, metrics: ['impressions', 'reach', 'spend'], use: 'totals' as const };
  const p = (platform: string, reach: number | null) => ({
    platform, impressions: 1_234_567, clicks: null, link_clicks: 12_345, spend: 8_824.65, reach: { value: reach, kind: reach === null ? ('none' as const) : ('period' as const) },
    ctr: 1.01, cpm: 7.15, cpc: null, totalsFrom: 'whole-period rows by region (1 October to 30 November 2026)', regional: true, dataUpTo: r.campaign.end,
    exports: [exp, { ...exp, use: 'not_used' as const, reason: 'not matched to the campaign: it covers 10 October to 1 November 2026; needed 5 October to 1 November 2026 or a range that includes it' }],
  });
  r.delivery.platforms = [p('google', null), p('meta', 402_089)];
  r.delivery.platformsOf = { impressions: ['google', 'meta'], link_clicks: ['meta'] };
  return r;
}
const html = renderHtml(protectReport(withPlatforms()));
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Tables wider than their box: [caption, table width, box width]. */
const overflowing = (page: Page) =>
  page.$$eval('table', (ts) =>
    ts
      .map((t) => [t.querySelector('caption')?.textContent ?? t.className, Math.ceil(t.getBoundingClientRect().width), Math.floor(t.parentElement!.clientWidth)] as const)
      .filter(([, w, box]) => w > box + 1),
  );

describe('report.html on A4 paper', () => {
  it('print layout: every table and chart fits the A4 text width', async () => {
    const page = await browser.newPage({ viewport: { width: A4_TEXT_PX, height: 1100 } });
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await overflowing(page)).toEqual([]);
    expect(await page.$$eval('table.by-platform tbody tr', (rows) => rows.length)).toBe(2);
    // The lift table's interval and p-value columns are inside the page, not cut off at its edge.
    const right = await page.$$eval('table.lift th', (ths) => Math.max(...ths.map((th) => th.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(A4_TEXT_PX);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(A4_TEXT_PX);
    await page.close();
  });

  it('renders a PDF with the same Chromium', async () => {
    const pdf = await renderPdf(html, browser);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const pages = (new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
  });

  it('on screen (desktop) the geo-lift and platform tables do not scroll sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await overflowing(page)).toEqual([]);
    await page.close();
  });
});
