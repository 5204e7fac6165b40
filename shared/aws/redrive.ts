import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveOptions {
  queueUrl: string;
  /** Function that gets each message's body back as its event (asynchronously). */
  functionName: string;
  /** Stop after this many messages. Default 1,000. */
  max?: number;
  /** Only show what is waiting: nothing is sent or deleted. */
  dryRun?: boolean;
}

export interface RedriveResult {
  /** Sent back to the function and removed from the queue. */
  sent: string[];
  /** Kept in the queue, with why. */
  kept: { messageId: string; reason: string }[];
  /** Dry run: the bodies waiting (first 300 characters each). */
  waiting: { messageId: string; body: string }[];
}

/**
 * Send dead letters back to their function. Every dead-letter queue of the stack holds the
 * function's own input as the message body (the EventBridge event, or the scheduled run's
 * payload), so each body is invoked as it is, asynchronously (with the function's own retries
 * and dead-letter queue again), and deleted only once Lambda has accepted it.
 * @example await redrive({ sqs, lambda }, { queueUrl, functionName: 'CampaignAnalytics-Ingest...' })
 */
export async function redrive(clients: { sqs: SQSClient; lambda: LambdaClient }, opts: RedriveOptions): Promise<RedriveResult> {
  const result: RedriveResult = { sent: [], kept: [], waiting: [] };
  const max = opts.max ?? 1000;
  const seen = new Set<string>();
  while (result.sent.length + result.kept.length + result.waiting.length < max) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: opts.queueUrl,
        MaxNumberOfMessages: Math.min(10, max - result.sent.length - result.kept.length - result.waiting.length),
        WaitTimeSeconds: 1,
        // Long enough to invoke and delete; a message kept back reappears for the next run.
        VisibilityTimeout: 120,
      }),
    );
    const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
    if (fresh.length === 0) break;
    for (const m of fresh) {
      const messageId = m.MessageId!;
      seen.add(messageId);
      const body = m.Body ?? '';
      if (opts.dryRun) {
        result.waiting.push({ messageId, body: body.slice(0, 300) });
        continue;
      }
      try {
        JSON.parse(body);
      } catch {
        result.kept.push({ messageId, reason: 'the body is not JSON, so it is no function input' });
        continue;
      }
      const invoked = await clients.lambda
        .send(new InvokeCommand({ FunctionName: opts.functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(body) }))
        .then((r) => (r.StatusCode === 202 ? undefined : `Lambda answered ${r.StatusCode}`), (e: Error) => e.message);
      if (invoked) {
        result.kept.push({ messageId, reason: invoked });
        continue;
      }
      await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: opts.queueUrl, ReceiptHandle: m.ReceiptHandle }));
      result.sent.push(messageId);
    }
  }
  return result;
}
