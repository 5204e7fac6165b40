import { createRequire } from 'node:module';
import type { Server } from 'node:http';

/** A running dynalite (a DynamoDB implementation on LevelDB, in memory) on 127.0.0.1. */
export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** Start dynalite in memory on a free loopback port; tables are created and deleted at once. */
export async function startDynalite(): Promise<RunningDynamo> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (opts: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
