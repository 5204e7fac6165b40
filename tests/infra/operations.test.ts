import { execFileSync } from 'node:child_process';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignAnalyticsStack } from '../../infra/stack.ts';
import { logicalId, synth, type Synthesised } from './support.ts';

let s: Synthesised;
beforeAll(() => {
  s = synth(true);
});

describe('alarms', () => {
  it('every dead-letter queue and every function has an alarm that notifies the SNS topic', () => {
    const topic = { Ref: logicalId(s.stack.monitoring.topic) };
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const queues = Object.keys(s.template.findResources('AWS::SQS::Queue'));
    const functions = Object.keys(s.template.findResources('AWS::Lambda::Function'));
    const watched = (metric: string, dimension: string) =>
      alarms.filter((a) => a.Properties.MetricName === metric).map((a) => a.Properties.Dimensions.find((d: any) => d.Name === dimension).Value);
    expect(watched('ApproximateNumberOfMessagesVisible', 'QueueName').map((v: any) => v['Fn::GetAtt'][0]).sort()).toEqual(queues.sort());
    expect(watched('Errors', 'FunctionName').map((v: any) => v.Ref).sort()).toEqual(functions.sort());
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([topic]);
      expect(a.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    }
  });

  it('subscribes the alarm e-mail when one is given', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new CampaignAnalyticsStack(app, 'Mail', { stubCode: true, alarmEmail: 'ops@example.org' });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('two stacks in one account and region', () => {
  /** Names that must be unique per account and region, by resource type. */
  const uniqueNames = (t: Template): string[] => {
    const r = t.toJSON().Resources as Record<string, any>;
    return Object.values(r).flatMap((x) => {
      const p = x.Properties ?? {};
      switch (x.Type) {
        case 'AWS::Athena::WorkGroup':
        case 'AWS::Scheduler::ScheduleGroup':
          return [`${x.Type} ${p.Name}`];
        case 'AWS::Glue::Database':
          return [`${x.Type} ${p.DatabaseInput.Name}`];
        case 'AWS::Cognito::UserPoolDomain':
          return [`${x.Type} ${JSON.stringify(p.Domain)}`];
        default:
          return [];
      }
    });
  };

  it('share no account-wide name when their prefixes differ', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const staging = new CampaignAnalyticsStack(app, 'Staging', { stubCode: true, prefix: 'campaigns-staging' });
    const production = new CampaignAnalyticsStack(app, 'Production', { stubCode: true, prefix: 'campaigns-prod' });
    const [a, b] = [Template.fromStack(staging), Template.fromStack(production)];
    const [na, nb] = [uniqueNames(a), uniqueNames(b)];
    expect(na.length).toBeGreaterThanOrEqual(3);
    expect(na.filter((n) => nb.includes(n))).toEqual([]);
    a.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'campaigns_staging' } });
    b.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'campaigns-prod' });
  });

  it('refuses a prefix that cannot name every resource', () => {
    expect(() => new CampaignAnalyticsStack(new App(), 'Bad', { stubCode: true, prefix: 'Campaigns_Prod' })).toThrow(/prefix must be/);
  });
});

describe('data outlives the stack', () => {
  it('keeps the three buckets and the user pool on delete; functions, queues and logs go', () => {
    const resources = Object.values(s.template.toJSON().Resources) as any[];
    for (const r of resources.filter((x) => x.Type === 'AWS::S3::Bucket' || x.Type === 'AWS::Cognito::UserPool')) expect(r.DeletionPolicy).toBe('Retain');
    for (const r of resources.filter((x) => x.Type === 'AWS::Logs::LogGroup')) {
      expect(r.DeletionPolicy).toBe('Delete');
      expect(r.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe('the CDK app', () => {
  it('refuses to synthesise without an explicit region, instead of falling back to us-east-1', () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    let message = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      message = String((e as { stderr: string }).stderr);
    }
    expect(message).toMatch(/Say which AWS region the stack is for: npx cdk deploy -c region=eu-west-2/);
  }, 60_000);
});
