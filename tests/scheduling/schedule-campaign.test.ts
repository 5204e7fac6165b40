// AWS cannot be reached from here: S3 and Scheduler calls go to aws-sdk-client-mock.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { campaignIdOfKey, scheduleCampaign } from '../../shared/scheduling/schedule-campaign.ts';

const definition = {
  id: 'london-borough-2026',
  name: 'London borough',
  timezone: 'Europe/London',
  start: '2026-10-01',
  end: '2026-10-31',
  regions: { targeted: ['GB-HCK'], control: ['GB-ISL'] },
  currency: 'GBP',
  followUps: [{ label: '3 months', asOf: '2027-01-31' }],
};
const bytes = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));

describe('campaignIdOfKey', () => {
  it('takes the id from campaigns/<id>/campaign.json only', () => {
    expect(campaignIdOfKey('campaigns/london-borough-2026/campaign.json')).toBe('london-borough-2026');
    expect(campaignIdOfKey('campaigns/london-borough-2026/notes.json')).toBeUndefined();
    expect(campaignIdOfKey('campaigns/a/b/campaign.json')).toBeUndefined();
    expect(campaignIdOfKey('raw/ads/x/campaign.json')).toBeUndefined();
  });
});

describe('scheduleCampaign', () => {
  const sync = vi.fn(async () => ({ created: [], updated: [], deleted: [] }));

  it('plans the runs of the stored campaign and hands them to the scheduler', async () => {
    const store = { get: vi.fn(async () => bytes(definition)) };
    const result = await scheduleCampaign('campaigns/london-borough-2026/campaign.json', { store, scheduler: { sync } });
    expect(store.get).toHaveBeenCalledWith('campaigns/london-borough-2026/campaign.json');
    expect(result.status).toBe('scheduled');
    expect(sync).toHaveBeenCalledWith('london-borough-2026', [
      expect.objectContaining({ name: 'london-borough-2026.post', expression: 'at(2026-11-07T06:00:00)', timezone: 'Europe/London' }),
      expect.objectContaining({ name: 'london-borough-2026.followup-2027-01-31', expression: 'at(2027-02-07T06:00:00)' }),
    ]);
  });

  it('ignores other keys without reading them', async () => {
    const store = { get: vi.fn() };
    expect(await scheduleCampaign('campaigns/x/readme.md', { store, scheduler: { sync } })).toEqual({ status: 'ignored', key: 'campaigns/x/readme.md' });
    expect(store.get).not.toHaveBeenCalled();
  });

  it('refuses a document whose id is not its folder name, and an invalid campaign', async () => {
    const other = { get: async () => bytes({ ...definition, id: 'other' }) };
    await expect(scheduleCampaign('campaigns/london-borough-2026/campaign.json', { store: other, scheduler: { sync } })).rejects.toThrow(/does not match/);
    const invalid = { get: async () => bytes({ ...definition, timezone: 'Mars/Olympus' }) };
    await expect(scheduleCampaign('campaigns/london-borough-2026/campaign.json', { store: invalid, scheduler: { sync } })).rejects.toThrow(/timezone/);
  });
});

describe('schedule-campaign handler', () => {
  const s3 = mockClient(S3Client);
  const scheduler = mockClient(SchedulerClient);
  beforeAll(() => {
    vi.stubEnv('SCHEDULE_GROUP', 'campaign-analytics');
    vi.stubEnv('ANALYSE_FUNCTION_ARN', 'arn:aws:lambda:eu-west-2:111111111111:function:analyse');
    vi.stubEnv('SCHEDULER_ROLE_ARN', 'arn:aws:iam::111111111111:role/scheduler');
    vi.stubEnv('SCHEDULE_DLQ_ARN', 'arn:aws:sqs:eu-west-2:111111111111:schedule-dlq');
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('reads the campaign named in the EventBridge event and creates its schedules', async () => {
    // Prepare
    // Far-future dates: the handler schedules only runs that are still ahead of the real clock.
    const future = { ...definition, start: '2098-10-01', end: '2098-10-31', followUps: [{ label: '3 months', asOf: '2099-01-31' }] };
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => bytes(future) } as never });
    scheduler.on(ListSchedulesCommand).resolves({ Schedules: [] }).on(CreateScheduleCommand).resolves({});
    const { handler } = await import('../../functions/schedule-campaign/handler.ts');
    const event = {
      version: '0',
      id: 'f5f1e65c-dc3a-93ca-6c1e-b1647eac7963',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '111111111111',
      time: '2026-09-20T10:00:00Z',
      region: 'eu-west-2',
      resources: ['arn:aws:s3:::lake'],
      detail: {
        version: '0',
        bucket: { name: 'lake' },
        object: { key: 'campaigns/london-borough-2026/campaign.json', size: 400, etag: 'abc', sequencer: '01' },
        'request-id': 'R',
        requester: '111111111111',
        reason: 'PutObject',
      },
    };
    // Act
    const result = await handler(event);
    // Assess
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'lake', Key: 'campaigns/london-borough-2026/campaign.json' });
    const created = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(created.map((c) => [c.Name, c.ScheduleExpression, c.ScheduleExpressionTimezone])).toEqual([
      ['london-borough-2026.post', 'at(2098-11-07T06:00:00)', 'Europe/London'],
      ['london-borough-2026.followup-2099-01-31', 'at(2099-02-07T06:00:00)', 'Europe/London'],
    ]);
    expect(created.every((c) => c.GroupName === 'campaign-analytics' && c.Target?.RoleArn === 'arn:aws:iam::111111111111:role/scheduler')).toBe(true);
    expect(result).toMatchObject({ status: 'scheduled', campaignId: 'london-borough-2026' });
  });
});
