import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synth, type Synthesised } from './support.ts';

let s: Synthesised;
let resources: Record<string, any>;
beforeAll(() => {
  s = synth(true);
  resources = s.template.toJSON().Resources;
});

const fnProps = (fn: { fn: object }) => resources[logicalId(fn.fn as never)].Properties;

describe('EventBridge rules', () => {
  it('send Object Created under raw/ of the lake to ingest, retried, with an SQS dead-letter queue', () => {
    const lake = logicalId(s.stack.buckets.lake);
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [{ Ref: lake }] }, object: { key: [{ prefix: 'raw/' }] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(s.stack.ingest.function.fn), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestDeadLetters'), 'Arn'] } },
        }),
      ],
    });
  });

  it('send campaigns/<id>/campaign.json to the schedule function, also retried with a dead-letter queue', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { object: { key: [{ wildcard: 'campaigns/*/campaign.json' }] } } },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(s.stack.schedules.function.fn), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: Match.objectLike({}),
        }),
      ],
    });
  });

  it('dead-letter queues are encrypted, TLS-only, keep messages 14 days, and only EventBridge rules may send to them', () => {
    const queues = s.template.findResources('AWS::SQS::Queue');
    // ingest, analyse (async invocations), schedule function, scheduled runs
    expect(Object.keys(queues)).toHaveLength(4);
    for (const q of Object.values(queues) as any[]) {
      expect(q.Properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86400 });
    }
    s.template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      },
      4,
    );
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: Match.anyValue() } }),
        ]),
      },
    });
  });
});

describe('Lambda functions', () => {
  it('all four (ingest, analyse, schedule, portal) run Node.js 24 on arm64 with active tracing and their own log group (3 months)', () => {
    const fns = s.template.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns)).toHaveLength(4);
    for (const f of Object.values(fns) as any[]) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(f.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
    }
    // One per function, plus the portal API's access log.
    s.template.resourceCountIs('AWS::Logs::LogGroup', 5);
    s.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('have no AWS managed policies on their roles', () => {
    for (const role of Object.values(s.template.findResources('AWS::IAM::Role')) as any[]) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('after Lambda retries of an asynchronous invocation, failed events go to a dead-letter queue', () => {
    for (const fn of [s.stack.ingest.function, s.stack.analyse.function, s.stack.schedules.function]) {
      expect(fnProps(fn).DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] } });
      s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(fn.fn) },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
      });
    }
  });

  it('get the environment contract: store, engine, workgroup, database, queries and place-name folders, idempotency table', () => {
    const lake = logicalId(s.stack.buckets.lake);
    const data = {
      CAMPAIGN_STORE: { 'Fn::Join': ['', ['s3://', { Ref: lake }, '/']] },
      CAMPAIGN_ENGINE: 'athena',
      ATHENA_WORKGROUP: 'campaign-analytics',
      ATHENA_DATABASE: 'campaign_analytics',
      CAMPAIGN_QUERIES_DIR: '/var/task/queries',
      CAMPAIGN_GEO_DIR: '/var/task/geo-data',
    };
    expect(fnProps(s.stack.ingest.function).Environment.Variables).toEqual({
      ...data,
      IDEMPOTENCY_TABLE: { Ref: logicalId(s.stack.ingest.idempotencyTable) },
      POWERTOOLS_SERVICE_NAME: 'campaign-ingest',
      NODE_OPTIONS: '--enable-source-maps',
    });
    // The JavaScript reader stages an upload's files in /tmp until it commits.
    expect(fnProps(s.stack.ingest.function).EphemeralStorage).toEqual({ Size: 2048 });
    expect(fnProps(s.stack.analyse.function).EphemeralStorage).toBeUndefined();
    expect(fnProps(s.stack.analyse.function).Environment.Variables).toEqual({
      ...data,
      POWERTOOLS_SERVICE_NAME: 'campaign-analyse',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(fnProps(s.stack.schedules.function).Environment.Variables).toEqual({
      ANALYSE_FUNCTION_ARN: { 'Fn::GetAtt': [logicalId(s.stack.analyse.function.fn), 'Arn'] },
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [logicalId(s.stack.schedules.schedulerRole), 'Arn'] },
      SCHEDULE_DLQ_ARN: { 'Fn::GetAtt': [logicalId(s.stack.schedules.runDeadLetters), 'Arn'] },
      SCHEDULE_GROUP: 'campaign-analytics',
      POWERTOOLS_SERVICE_NAME: 'campaign-schedules',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });
});

describe('idempotency table', () => {
  it('is keyed by id, expires records through the expiration TTL attribute, on demand, with point-in-time recovery', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });
});

describe('scheduled runs', () => {
  it('failed runs go to their own dead-letter queue, which the scheduler role may send to (and nothing else but invoke analyse)', () => {
    const dlq = logicalId(s.stack.schedules.runDeadLetters);
    const role = s.template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] } } });
    const statements = (Object.values(role)[0] as any).Properties.Policies[0].PolicyDocument.Statement;
    expect(statements).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(s.stack.analyse.function.fn), 'Arn'] } },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    ]);
  });
});
