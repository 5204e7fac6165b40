// AWS cannot be reached from here: DynamoDB (Powertools idempotency's store) is replaced by the
// SDK's own mocking tool, so this checks the requests and the replay, not a real table.
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { objectCreated } from '../support/s3-events.ts';
import { tempStore } from '../support/temp-store.ts';

const dynamo = mockClient(DynamoDBClient);
let store: LocalFolderStore;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  vi.stubEnv('CAMPAIGN_STORE', store.localRoot);
  vi.stubEnv('IDEMPOTENCY_TABLE', 'campaign-idempotency');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('AWS_REGION', 'eu-west-2');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  dynamo.restore();
  await cleanup();
});

const key = 'raw/partners/fenland-helpline/2026-03-30/counts.csv';
const event = objectCreated(key, 'd41d8cd98f00b204e9800998ecf8427e');
const context = { functionName: 'campaign-ingest', getRemainingTimeInMillis: () => 60_000 } as never;

describe('ingest handler with Powertools idempotency', () => {
  it('records the event in the idempotency table, and a redelivered event replays the stored result', async () => {
    await store.put(key, readFileSync(new URL('../fixtures/sources/partner-weekly.csv', import.meta.url)));
    // The table: the first put of a key succeeds; later puts find the completed record.
    let stored: Record<string, unknown> | undefined;
    dynamo.on(PutItemCommand).callsFake((input: { Item: Record<string, { S?: string }> }) => {
      if (!stored) return {};
      throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {}, Item: marshall({ ...stored, id: input.Item.id!.S }) });
    });
    dynamo.on(UpdateItemCommand).resolves({});
    const { handler } = await import('../../functions/ingest/handler.ts');

    const first = await handler(event, context);
    expect(first).toMatchObject({ status: 'accepted', rows: 4 });
    const put = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(put.TableName).toBe('campaign-idempotency');
    expect(put.Item!.id!.S).toMatch(/#[A-Za-z0-9+/]{22}==$/); // a hash of [bucket, key, etag]

    // The redelivery finds the completed record: nothing runs again, even with the object gone.
    await store.delete(key);
    stored = { status: 'COMPLETED', expiration: Math.floor(Date.now() / 1000) + 3600, data: first };
    expect(await handler(event, context)).toEqual(first);
    // The same key was asked for both times: bucket, key and etag make the idempotency key.
    expect(dynamo.commandCalls(PutItemCommand)[1]!.args[0].input.Item!.id!.S).toBe(put.Item!.id!.S);
  });
});
