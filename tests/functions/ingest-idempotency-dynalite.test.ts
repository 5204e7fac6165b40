/**
 * The ingest handler's Powertools idempotency against a real DynamoDB implementation (dynalite)
 * on 127.0.0.1, with the table keyed as the stack defines it (id, TTL attribute expiration): the
 * handler module is loaded as Lambda loads it, with IDEMPOTENCY_TABLE set, and the SDK reaches
 * dynalite through AWS_ENDPOINT_URL_DYNAMODB.
 */
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { startDynalite, type RunningDynamo } from '../support/dynalite.ts';
import { objectCreated } from '../support/s3-events.ts';
import { tempStore, keysUnder } from '../support/temp-store.ts';

const TABLE = 'campaign-idempotency';
let dynamo: RunningDynamo;
let client: DynamoDBClient;
let store: LocalFolderStore;
let cleanup: () => Promise<void>;
let handler: typeof import('../../functions/ingest/handler.ts').handler;
const context = { functionName: 'campaign-ingest', getRemainingTimeInMillis: () => 60_000 } as never;
const partnerCsv = readFileSync(new URL('../fixtures/sources/partner-weekly.csv', import.meta.url));

beforeAll(async () => {
  dynamo = await startDynalite();
  ({ store, cleanup } = await tempStore());
  for (const [k, v] of Object.entries({
    CAMPAIGN_STORE: store.localRoot!,
    IDEMPOTENCY_TABLE: TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  }))
    vi.stubEnv(k, v);
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  vi.resetModules();
  ({ handler } = await import('../../functions/ingest/handler.ts'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await cleanup();
  await dynamo.stop();
});

const records = async () => ((await client.send(new ScanCommand({ TableName: TABLE }))).Items ?? []).map((i) => unmarshall(i));

describe('ingest idempotency on dynalite', () => {
  it('stores one COMPLETED record per bucket+key+etag with an expiry, and a redelivery replays it without ingesting again', async () => {
    const key = 'raw/partners/fenland-helpline/2026-03-30/counts.csv';
    await store.put(key, partnerCsv);
    const event = objectCreated(key, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const first = await handler(event, context);
    expect(first).toMatchObject({ status: 'accepted', rows: 4, duplicate: false });
    const [record, ...more] = await records();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ status: 'COMPLETED' });
    expect(record!.id).toMatch(/#[A-Za-z0-9+/]{22}==$/); // function name # hash of [bucket, key, etag]
    expect(record!.expiration).toBeGreaterThan(Date.now() / 1000);
    expect(record!.data).toEqual(first);

    // Redelivered (EventBridge retries): the stored answer comes back even with the object gone.
    await store.delete(key);
    expect(await handler(event, context)).toEqual(first);
    expect(await records()).toHaveLength(1);
  });

  it('a new version of the same key (another etag) is ingested, with its own record', async () => {
    const key = 'raw/partners/fenland-helpline/2026-03-30/counts.csv';
    await store.put(key, partnerCsv);
    const curated = await keysUnder(store, 'curated/');
    const again = await handler(objectCreated(key, 'ffffffffffffffffffffffffffffffff'), context);
    // The content is the same file: the ingest itself recognises it (no second curated write).
    expect(again).toMatchObject({ status: 'accepted', duplicate: true });
    expect(await records()).toHaveLength(2);
    expect(await keysUnder(store, 'curated/')).toEqual(curated);
  });

  it('two deliveries of one event at the same moment: one ingests, the other is refused as in progress (and retried later)', async () => {
    const key = 'raw/partners/fenland-helpline/2026-03-31/counts.csv';
    await store.put(key, new Uint8Array([...partnerCsv, 10]));
    const event = objectCreated(key, '11111111111111111111111111111111');
    const results = await Promise.allSettled([handler(event, context), handler(event, context)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.name).toBe('IdempotencyAlreadyInProgressError');
  });
});
