import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** EventBridge delivery retries of the rule target before the event goes to the dead-letter queue. */
export const RULE_RETRY_ATTEMPTS = 8;
/** How long EventBridge keeps retrying delivery. */
export const RULE_MAX_EVENT_AGE = Duration.hours(24);

export interface S3ObjectCreatedRuleProps {
  bucket: s3.IBucket;
  /** Key filter, e.g. events.Match.prefix('raw/'). */
  key: string[];
  target: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  description: string;
}

/** EventBridge rule: an Object Created event of one bucket, filtered by key, invokes a Lambda. */
export class S3ObjectCreatedRule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: S3ObjectCreatedRuleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: props.description,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucket.bucketName] }, object: { key: props.key } },
      },
    });
    this.rule.addTarget(
      new targets.LambdaFunction(props.target, {
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: RULE_RETRY_ATTEMPTS,
        maxEventAge: RULE_MAX_EVENT_AGE,
      }),
    );
  }
}
