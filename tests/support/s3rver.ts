import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The slice of s3rver's API used here (the package ships no type declarations). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;

/** Credentials s3rver accepts by default; any signature check passes with these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A running s3rver on loopback with one empty bucket. */
export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/**
 * Start a real S3-protocol server (s3rver) on 127.0.0.1 on a free port, storing into a fresh
 * temp directory, with one bucket created. `stop()` closes it and removes the directory.
 */
export async function startS3rver(bucket = 'test-lake'): Promise<RunningS3rver> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0, // the OS picks a free port
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async stop() {
      const closed = server.close();
      // Clients keep sockets alive; without this, close() waits for them to time out.
      server.httpServer?.closeAllConnections();
      await closed;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
