/**
 * The report printed to A4 portrait in real Chromium: every table fits the text width (nothing cut,
 * no column past the edge), the PDF is made, and on screen the many-column tables do not scroll
 * sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/browser/launch-chromium.ts';
import { renderPdf } from '../../shared/browser/render-pdf.ts';
import { renderHtml } from '../../shared/report/index.ts';
import { loadSample } from './sample.ts';

/** A4 text width at 96 dpi: 210 mm less 2 x 12 mm margins. */
const A4_TEXT_PX = Math.floor(((210 - 24) / 25.4) * 96);

let browser: Browser;
const html = renderHtml(loadSample());
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
