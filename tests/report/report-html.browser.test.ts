/**
 * Opens the rendered report in real Chromium (playwright-core with the npm-packaged Chromium, or CHROMIUM_PATH) and checks
 * that it renders offline: charts have a size, nothing is fetched, the goal table is there, and the
 * phone layout does not scroll sideways. Also leaves screenshots in /tmp for people to look at.
 */
import { protectReport } from '../../shared/report/index.ts';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../shared/browser/launch-chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../shared/report/index.ts';
import { loadSample } from './sample.ts';


describe('report.html in Chromium', () => {
  let browser: Browser;
  const report = loadSample();
  const html = renderHtml(protectReport(report));

  beforeAll(async () => {
    writeFileSync('/tmp/report-preview.html', html);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [width, name] of [
    [1200, 'desktop'],
    [390, 'phone'],
  ] as const) {
    it(`renders offline with sized charts and the goal table (${name}, ${width}px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        if (!url.startsWith('data:') && !url.startsWith('about:')) requests.push(url);
      });
      await page.setContent(html, { waitUntil: 'load' });

      const boxes = await page.$$eval('svg.chart', (els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
      expect(boxes).toHaveLength(5);
      for (const b of boxes) {
        expect(b.w).toBeGreaterThan(width === 390 ? 300 : 500);
        expect(b.h).toBeGreaterThan(150);
      }

      const goalRows = await page.$$eval('table.goals tbody tr', (rows) => rows.length);
      expect(goalRows).toBe(report.goals.length);
      expect(await page.locator('table.goals caption').textContent()).toContain('Goals');
      expect(await page.locator('.badge-met').first().isVisible()).toBe(true);
      expect(await page.locator('h1').textContent()).toBe('Fenland and Lincolnshire awareness, spring 2026');

      // The page is readable without sideways scrolling.
      const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
      expect(scrollWidth).toBeLessThanOrEqual(width);

      await page.screenshot({ path: `/tmp/report-${name}.png`, fullPage: true });
      expect(requests).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
