/**
 * campaign redrive's use case. SQS and Lambda cannot be reached from here: requests are checked
 * with aws-sdk-client-mock on client instances.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { redrive } from '../../shared/aws/redrive.ts';
import { objectCreated } from '../support/s3-events.ts';

const sqs = new SQSClient({ region: 'eu-west-2' });
const lambda = new LambdaClient({ region: 'eu-west-2' });
const sqsMock = mockClient(sqs);
const lambdaMock = mockClient(lambda);
const queueUrl = 'https://sqs.eu-west-2.amazonaws.com/111111111111/ingest-dlq';
const event = JSON.stringify(objectCreated('raw/ads/uploads/2026-03-30/meta.csv'));
const msg = (id: string, Body: string) => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body });

beforeEach(() => {
  sqsMock.reset();
  lambdaMock.reset();
});

describe('redrive', () => {
  it('invokes the function asynchronously with each body as it is, and deletes a message only once Lambda accepted it', async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('m1', event), msg('m2', '{"campaignId":"kenya-2026","asOf":"2026-05-31","label":"post-campaign"}')] }).resolves({});
    lambdaMock.on(InvokeCommand).resolvesOnce({ StatusCode: 202 }).rejects(new Error('Rate exceeded'));
    const result = await redrive({ sqs, lambda }, { queueUrl, functionName: 'ingest-fn' });
    expect(result).toEqual({ sent: ['m1'], kept: [{ messageId: 'm2', reason: 'Rate exceeded' }], waiting: [] });
    const invoke = lambdaMock.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(invoke).toMatchObject({ FunctionName: 'ingest-fn', InvocationType: 'Event' });
    expect(new TextDecoder().decode(invoke.Payload as Uint8Array)).toBe(event);
    expect(sqsMock.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([{ QueueUrl: queueUrl, ReceiptHandle: 'rh-m1' }]);
  });

  it('keeps a body that is not JSON, and a dry run sends and deletes nothing', async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('m3', 'not json')] }).resolves({});
    expect((await redrive({ sqs, lambda }, { queueUrl, functionName: 'f' })).kept).toEqual([{ messageId: 'm3', reason: expect.stringMatching(/not JSON/) }]);
    sqsMock.reset();
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('m4', event)] }).resolves({});
    const dry = await redrive({ sqs, lambda }, { queueUrl, functionName: 'f', dryRun: true });
    expect(dry.waiting).toEqual([{ messageId: 'm4', body: event.slice(0, 300) }]);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(sqsMock.commandCalls(DeleteMessageCommand)).toHaveLength(0);
  });

  it('stops at --max and does not loop on a message it has already seen', async () => {
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [msg('m5', event)] });
    lambdaMock.on(InvokeCommand).rejects(new Error('down'));
    const result = await redrive({ sqs, lambda }, { queueUrl, functionName: 'f', max: 5 });
    expect(result.kept.map((k) => k.messageId)).toEqual(['m5']);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(2);
  });
});
