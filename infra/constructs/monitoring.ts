import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface MonitoringProps {
  /** Dead-letter queues by the name the alarm shows, e.g. `ingest`. */
  queues: Record<string, sqs.IQueue>;
  /** Functions whose errors raise an alarm, by name. */
  functions: Record<string, lambda.IFunction>;
  /** E-mail address subscribed to the alarm topic (it must confirm the subscription). */
  alarmEmail?: string;
}

/**
 * Alarms the NGO hears about: any message in a dead-letter queue (an upload, a scheduled report
 * or a campaign that could not be processed) and any Lambda error, all sent to one SNS topic.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Campaign analytics alarms', enforceSSL: true });
    acknowledge(
      this.topic,
      'AwsSolutions-SNS2',
      'Alarm notifications carry only alarm names and metric values, no lake data; CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, and a customer key would cost more than the data it protects.',
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.topic);

    const alarm = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(notify);
      this.alarms.push(a);
    };
    for (const [name, queue] of Object.entries(props.queues))
      alarm(
        `DeadLetters-${name}`,
        `Something could not be processed (${name}): it waits in the dead-letter queue for 14 days. Read it, fix the cause, then run "campaign redrive".`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
    for (const [name, fn] of Object.entries(props.functions))
      alarm(`Errors-${name}`, `The ${name} function failed (see its log group); retries and the dead-letter queue keep the event.`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
  }
}
