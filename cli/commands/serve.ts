import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { openStore } from '../../shared/config.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { EXIT, InputError, parseCommandArgs } from '../io.ts';

export const USAGE = 'campaign serve [--port N] [--data DIR]';

/** `campaign serve`: run the partner portal and report viewer on 127.0.0.1 until stopped. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, data: { type: 'string' } }, USAGE);
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port must be a port number, not "${values.port}"\n\nUsage: ${USAGE}`);
  const store = await openStore(values);
  const app = createPortalApp({ store, clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown' });
  // Loopback only: the local portal is for trying things out, not for the internet.
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
    process.stdout.write(`Partner portal on http://127.0.0.1:${info.port}/ (data: ${store.location}). Ctrl+C to stop.\n`);
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      // Idle keep-alive sockets would otherwise hold the process open for seconds.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
