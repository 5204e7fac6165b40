import path from 'node:path';
import type { QueryEngine } from './query/query-engine.ts';
import { LocalFolderStore } from './storage/local-folder-store.ts';
import type { ObjectStore } from './storage/object-store.ts';

/** Default data root of the local runtime. */
export const DEFAULT_DATA_DIR = '.campaign-data';

/**
 * The store to use: `--data DIR`, else CAMPAIGN_STORE (`s3://bucket/prefix` or a folder),
 * else CAMPAIGN_DATA, else ./.campaign-data.
 */
export async function openStore(opts: { data?: string } = {}, env = process.env): Promise<ObjectStore> {
  const where = opts.data ?? env.CAMPAIGN_STORE ?? env.CAMPAIGN_DATA ?? DEFAULT_DATA_DIR;
  if (where.startsWith('s3://')) {
    // Loaded only when used: the local runtime never needs the AWS SDK.
    const { parseS3Url } = await import('./storage/s3-url.ts');
    const { S3ObjectStore } = await import('./storage/s3-object-store.ts');
    const { bucket, prefix } = parseS3Url(where);
    return new S3ObjectStore({ bucket, prefix, region: env.AWS_REGION, endpoint: env.CAMPAIGN_S3_ENDPOINT });
  }
  return new LocalFolderStore(path.resolve(where));
}

/**
 * The query engine: DuckDB over a local store (default), or Athena when CAMPAIGN_ENGINE=athena
 * (with ATHENA_WORKGROUP, ATHENA_DATABASE and AWS_REGION).
 */
export async function openEngine(store: ObjectStore, env = process.env): Promise<QueryEngine> {
  const engine = env.CAMPAIGN_ENGINE ?? (store.localRoot ? 'duckdb' : 'athena');
  if (engine === 'athena') {
    const { AthenaEngine } = await import('./query/athena-engine.ts');
    const workGroup = env.ATHENA_WORKGROUP;
    const database = env.ATHENA_DATABASE;
    if (!workGroup || !database) throw new Error('CAMPAIGN_ENGINE=athena needs ATHENA_WORKGROUP and ATHENA_DATABASE');
    return new AthenaEngine({ workGroup, database, region: env.AWS_REGION });
  }
  if (engine !== 'duckdb') throw new Error(`CAMPAIGN_ENGINE must be duckdb or athena, not "${engine}"`);
  // DuckDB's native binary is loaded only here, so Lambda bundles never include it.
  const { DuckDbEngine } = await import('./query/duckdb-engine.ts');
  return DuckDbEngine.open(store);
}
