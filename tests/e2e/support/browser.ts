import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createPortalApp, type PortalOptions } from '../../../shared/portal/app.ts';

export { launchChromium } from '../../../shared/browser/launch-chromium.ts';

/** The portal served by @hono/node-server on 127.0.0.1, on a port the OS picks. */
export async function servePortal(opts: PortalOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createPortalApp({ clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown', ...opts });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Browsers keep sockets alive; close them so the test does not wait for a timeout.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
