import { beforeAll, describe, expect, it } from 'vitest';
import { list, logicalId, resourcesFor, statementsOf, synth, type Synthesised } from './support.ts';

let s: Synthesised;
let lake: string;
let results: string;
const role = (which: 'ingest' | 'analyse' | 'schedules') => logicalId(s.stack[which].function.role);
const arn = (id: string) => `arn:<AWS::Partition>:${id}`;

beforeAll(() => {
  s = synth(true);
  lake = `<${logicalId(s.stack.buckets.lake)}.Arn>`;
  results = `<${logicalId(s.stack.buckets.results)}.Arn>`;
});

describe('ingest role', () => {
  it('reads raw/, curated/, the region aliases and partner accounts; writes curated/ and quarantine/; deletes nothing', () => {
    const t = s.template;
    expect(resourcesFor(t, role('ingest'), 's3:GetObject')).toEqual([`${lake}/config/partners/*`, `${lake}/config/region-aliases.json`, `${lake}/curated/*`, `${lake}/raw/*`]);
    expect(resourcesFor(t, role('ingest'), 's3:PutObject')).toEqual([`${lake}/curated/*`, `${lake}/quarantine/*`]);
    // Append-only: an ingest never deletes or rewrites what is stored.
    expect(resourcesFor(t, role('ingest'), 's3:DeleteObject')).toEqual([]);
    expect(resourcesFor(t, role('ingest'), 's3:ListBucket')).toEqual([lake]);
  });

  it('uses only the idempotency table, with the four item calls Powertools makes', () => {
    const table = `<${logicalId(s.stack.ingest.idempotencyTable)}.Arn>`;
    const ddb = statementsOf(s.template, role('ingest')).filter((st) => list(st.Action).some((a) => a.startsWith('dynamodb:')));
    expect(ddb).toHaveLength(1);
    expect(list(ddb[0]!.Action).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(resourcesFor(s.template, role('ingest'), 'dynamodb:PutItem')).toEqual([table]);
  });
});

describe('analyse role', () => {
  it('reads curated/, campaigns/, earlier reports, the exchange rates and the disclosure rules, writes reports/ and its Athena results only', () => {
    expect(resourcesFor(s.template, role('analyse'), 's3:GetObject')).toEqual(
      [`${lake}/campaigns/*`, `${lake}/config/disclosure.json`, `${lake}/config/exchange-rates.json`, `${lake}/curated/*`, `${lake}/reports/*`, `${results}/athena/*`].sort(),
    );
    expect(resourcesFor(s.template, role('analyse'), 's3:PutObject')).toEqual([`${lake}/reports/*`, `${results}/athena/*`].sort());
    expect(resourcesFor(s.template, role('analyse'), 's3:DeleteObject')).toEqual([]);
  });

  it('runs Athena only in the workgroup and reads Glue only for the database and its tables', () => {
    expect(resourcesFor(s.template, role('analyse'), 'athena:StartQueryExecution')).toEqual([arn('athena:<AWS::Region>:<AWS::AccountId>:workgroup/campaign-analytics')]);
    const glue = resourcesFor(s.template, role('analyse'), 'glue:GetTable');
    // Catalog and database, 7 Parquet tables (2 of them the versions of an append-only table) and 3 views.
    expect(glue).toHaveLength(2 + 7 + 3);
    expect(glue).toContain(arn('glue:<AWS::Region>:<AWS::AccountId>:catalog'));
    expect(glue).toContain(arn('glue:<AWS::Region>:<AWS::AccountId>:table/campaign_analytics/ad_delivery_versions'));
    expect(glue).toContain(arn('glue:<AWS::Region>:<AWS::AccountId>:table/campaign_analytics/live_uploads'));
    expect(glue).toContain(arn('glue:<AWS::Region>:<AWS::AccountId>:database/campaign_analytics'));
    expect(glue).toContain(arn('glue:<AWS::Region>:<AWS::AccountId>:table/campaign_analytics/ad_delivery'));
    expect(glue.every((g) => !g.includes('*'))).toBe(true);
  });
});

describe('scheduling roles', () => {
  it('the scheduler role may only invoke the analyse function (and keep failed runs in its dead-letter queue), and only Scheduler of this account assumes it', () => {
    const schedulerRole = logicalId(s.stack.schedules.schedulerRole);
    const statements = statementsOf(s.template, schedulerRole);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [logicalId(s.stack.analyse.function.fn), 'Arn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalId(s.stack.schedules.runDeadLetters), 'Arn'] } },
    ]);
    const trust = s.template.toJSON().Resources[schedulerRole].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });

  it('the schedule function reads campaigns/ only, manages schedules of its group, and passes only the scheduler role to Scheduler', () => {
    expect(resourcesFor(s.template, role('schedules'), 's3:GetObject')).toEqual([`${lake}/campaigns/*`]);
    expect(resourcesFor(s.template, role('schedules'), 's3:PutObject')).toEqual([]);
    expect(resourcesFor(s.template, role('schedules'), 'scheduler:CreateSchedule')).toEqual([
      arn('scheduler:<AWS::Region>:<AWS::AccountId>:schedule/campaign-analytics/*'),
    ]);
    const pass = statementsOf(s.template, role('schedules')).filter((st) => list(st.Action).includes('iam:PassRole'));
    expect(pass).toEqual([
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [logicalId(s.stack.schedules.schedulerRole), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      },
    ]);
    s.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'campaign-analytics' });
  });
});

describe('wildcards', () => {
  it('a `*` resource is granted only for actions without resource-level permissions (X-Ray, ListSchedules)', () => {
    const allowed = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'scheduler:ListSchedules']);
    for (const p of Object.values(s.template.findResources('AWS::IAM::Policy')) as any[])
      for (const st of p.Properties.PolicyDocument.Statement)
        if (list(st.Resource).includes('*')) for (const a of list(st.Action) as string[]) expect(allowed, a).toContain(a);
  });

  it('no action is a wildcard', () => {
    for (const p of Object.values(s.template.findResources('AWS::IAM::Policy')) as any[])
      for (const st of p.Properties.PolicyDocument.Statement) for (const a of list(st.Action) as string[]) expect(a).not.toContain('*');
  });
});
