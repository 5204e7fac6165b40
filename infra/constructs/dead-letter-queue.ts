import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/**
 * Encrypted, TLS-only queue holding events that could not be processed, for 14 days (the SQS
 * maximum) so an operator can inspect and redrive them.
 */
export function deadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue (of an EventBridge rule target, of EventBridge Scheduler runs or of Lambda asynchronous invocations).');
  return queue;
}
