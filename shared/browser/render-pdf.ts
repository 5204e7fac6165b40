import type { Browser } from 'playwright-core';
import { launchChromium } from './launch-chromium.ts';

/**
 * report.html as an A4 portrait PDF, printed by the same Chromium the browser tests use (the
 * report's own print stylesheet sets the page size and margins). Pass a browser to reuse one.
 */
export async function renderPdf(html: string, browser?: Browser): Promise<Uint8Array> {
  const own = browser ? undefined : await launchChromium();
  const b = browser ?? own!;
  try {
    const page = await b.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    } finally {
      await page.close();
    }
  } finally {
    await own?.close();
  }
}
