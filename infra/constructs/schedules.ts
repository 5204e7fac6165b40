import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIX } from '../../shared/lake/layout.ts';
import { acknowledge, iam5Resource } from '../nag.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { grantPrefixes } from './lake-access.ts';
import { NodeFunction } from './node-function.ts';
import { S3ObjectCreatedRule } from './s3-object-rule.ts';

export interface CampaignSchedulesProps {
  lake: s3.IBucket;
  analyse: lambda.IFunction;
  groupName: string;
  stubCode?: boolean;
}

/**
 * Post-campaign and follow-up runs: a campaign definition written to campaigns/<id>/campaign.json
 * triggers the schedule function, which keeps one-time EventBridge Scheduler schedules (in one
 * group) that invoke the analyse function through a role allowed nothing else.
 */
export class CampaignSchedules extends Construct {
  readonly group: scheduler.CfnScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly function: NodeFunction;
  readonly rule: S3ObjectCreatedRule;
  /** Runs that still failed after EventBridge Scheduler's retries (its DeadLetterConfig). */
  readonly runDeadLetters: sqs.Queue;
  /** Campaign definitions whose schedules could not be made. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: CampaignSchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.group = new scheduler.CfnScheduleGroup(this, 'Group', { name: props.groupName });

    this.runDeadLetters = deadLetterQueue(this, 'RunDeadLetters');
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to start campaign analyses',
      // Only schedules of this account may assume it (confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      inlinePolicies: {
        InvokeAnalyse: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.analyse.functionArn] }),
            // A run that fails every retry is kept in the run dead-letter queue (Scheduler sends it with this role).
            new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.runDeadLetters.queueArn] }),
          ],
        }),
      },
    });

    const dlq = (this.deadLetters = deadLetterQueue(this, 'DeadLetters'));
    this.function = new NodeFunction(this, 'ScheduleCampaign', {
      entry: 'functions/schedule-campaign/handler.ts',
      description: 'campaigns/<id>/campaign.json -> one-time analysis schedules',
      environment: {
        ANALYSE_FUNCTION_ARN: props.analyse.functionArn,
        SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
        SCHEDULE_GROUP: props.groupName,
        SCHEDULE_DLQ_ARN: this.runDeadLetters.queueArn,
        POWERTOOLS_SERVICE_NAME: 'campaign-schedules',
      },
      memorySize: 256,
      timeout: Duration.seconds(60),
      asyncFailureQueue: dlq,
      stubCode: props.stubCode,
    });
    const role = this.function.role;
    grantPrefixes(role, props.lake, { read: [PREFIX.campaigns] });
    const schedulesArn = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${props.groupName}/*` });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedulesArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    acknowledge(
      role,
      iam5Resource(role, schedulesArn),
      `Schedules of the ${props.groupName} group only: one per campaign run, named at run time from the campaign id.`,
    );
    // Listing finds schedules left over from an earlier version of a campaign, to delete them.
    const list = new iam.Policy(this, 'ListSchedules', {
      statements: [new iam.PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] })],
    });
    list.attachToRole(role);
    acknowledge(
      list,
      'AwsSolutions-IAM5[Resource::*]',
      'scheduler:ListSchedules supports no resource-level permissions (Service Authorization Reference); it reveals schedule names only, and the function lists only its own group.',
    );

    this.rule = new S3ObjectCreatedRule(this, 'OnCampaignWritten', {
      bucket: props.lake,
      key: events.Match.wildcard(`${PREFIX.campaigns}*/campaign.json`),
      target: this.function.fn,
      deadLetterQueue: dlq,
      description: 'Object Created campaigns/<id>/campaign.json -> schedule analyses',
    });
  }
}
