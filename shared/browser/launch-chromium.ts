import { chromium, type Browser } from 'playwright-core';

/**
 * Start headless Chromium for the browser tests and for PDF reports. `CHROMIUM_PATH` points at a
 * system browser (e.g. Debian's /usr/bin/chromium); otherwise the Chromium shipped inside the npm
 * package @sparticuz/chromium is used, so `npm ci` is all a fresh machine needs (no browser
 * download: `npx playwright install` cannot work offline).
 */
export async function launchChromium(): Promise<Browser> {
  const systemPath = process.env.CHROMIUM_PATH;
  if (systemPath) return chromium.launch({ executablePath: systemPath, args: SYSTEM_ARGS });
  // Loaded only when needed: the package unpacks its binary to a temporary folder on first use (~3 s).
  const { default: bundled } = await import('@sparticuz/chromium');
  const args = bundled.args.filter((a) => !LAMBDA_ONLY_ARGS.has(a));
  return chromium.launch({ executablePath: await bundled.executablePath(), args: [...args, ...QUIET_ARGS] });
}

/**
 * The package's defaults are made for one page per Lambda invocation: in a single process, closing a
 * page closes the browser; and web security stays on, so a report cannot fetch anything it should not.
 */
const LAMBDA_ONLY_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
/** Without these, Chromium keeps trying to reach Google's hosts, which this closed network refuses. */
const QUIET_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET_ARGS];
