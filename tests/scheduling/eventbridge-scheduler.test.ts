// AWS cannot be reached from here: every Scheduler call goes to aws-sdk-client-mock, and the
// tests check the requests' shapes.
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { planCampaignSchedules } from '../../shared/scheduling/campaign-schedules.ts';
import { EventBridgeCampaignScheduler } from '../../shared/scheduling/eventbridge-scheduler.ts';

const target = {
  groupName: 'campaign-analytics',
  functionArn: 'arn:aws:lambda:eu-west-2:111111111111:function:analyse',
  roleArn: 'arn:aws:iam::111111111111:role/scheduler',
  deadLetterArn: 'arn:aws:sqs:eu-west-2:111111111111:schedule-dlq',
};
const campaign = { id: 'kenya-2026', end: '2026-05-31', timezone: 'Africa/Nairobi', followUps: [{ label: '3 months', asOf: '2026-08-31' }] };
const plan = planCampaignSchedules(campaign).schedules;

const mock = mockClient(SchedulerClient);
beforeEach(() => {
  mock.reset();
  mock.on(ListSchedulesCommand).resolves({ Schedules: [] });
});

describe('EventBridgeCampaignScheduler', () => {
  it('creates one-time schedules in the campaign zone that invoke the analyse function with { campaignId, asOf, label }', async () => {
    // Prepare
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({ region: 'eu-west-2' }), target);
    // Act
    const result = await scheduler.sync(campaign.id, plan);
    // Assess
    expect(result).toEqual({ created: ['kenya-2026.post', 'kenya-2026.followup-2026-08-31'], updated: [], deleted: [] });
    const calls = mock.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(calls[0]).toEqual({
      Name: 'kenya-2026.post',
      GroupName: 'campaign-analytics',
      Description: 'post-campaign report of campaign kenya-2026 as of 2026-05-31',
      ScheduleExpression: 'at(2026-06-07T06:00:00)',
      ScheduleExpressionTimezone: 'Africa/Nairobi',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: target.functionArn,
        RoleArn: target.roleArn,
        Input: JSON.stringify({ campaignId: 'kenya-2026', asOf: '2026-05-31', label: 'post-campaign' }),
        DeadLetterConfig: { Arn: target.deadLetterArn },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
      },
    });
    expect(JSON.parse(calls[1]!.Target!.Input!)).toEqual({ campaignId: 'kenya-2026', asOf: '2026-08-31', label: '3 months' });
  });

  it('updates a schedule that already exists, with the same request', async () => {
    mock.on(CreateScheduleCommand).rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
    mock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({ region: 'eu-west-2' }), target);
    const result = await scheduler.sync(campaign.id, plan);
    expect(result.updated).toEqual(['kenya-2026.post', 'kenya-2026.followup-2026-08-31']);
    expect(mock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input)).toEqual(plan.map((s) => scheduler.request(s)));
  });

  it('deletes schedules left from an earlier version of the campaign, across list pages, ignoring ones already gone', async () => {
    mock.on(CreateScheduleCommand).resolves({});
    mock
      .on(ListSchedulesCommand, { NextToken: undefined })
      .resolves({ Schedules: [{ Name: 'kenya-2026.post' }, { Name: 'kenya-2026.followup-2026-07-31' }], NextToken: 'p2' })
      .on(ListSchedulesCommand, { NextToken: 'p2' })
      .resolves({ Schedules: [{ Name: 'kenya-2026.followup-2026-10-31' }] });
    mock
      .on(DeleteScheduleCommand, { Name: 'kenya-2026.followup-2026-07-31' })
      .resolves({})
      .on(DeleteScheduleCommand, { Name: 'kenya-2026.followup-2026-10-31' })
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));
    const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({ region: 'eu-west-2' }), target);

    const result = await scheduler.sync(campaign.id, plan);

    expect(result.deleted).toEqual(['kenya-2026.followup-2026-07-31']);
    expect(mock.commandCalls(ListSchedulesCommand).map((c) => c.args[0].input)).toEqual([
      { GroupName: 'campaign-analytics', NamePrefix: 'kenya-2026.', NextToken: undefined },
      { GroupName: 'campaign-analytics', NamePrefix: 'kenya-2026.', NextToken: 'p2' },
    ]);
    expect(mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'kenya-2026.followup-2026-07-31', GroupName: 'campaign-analytics' },
      { Name: 'kenya-2026.followup-2026-10-31', GroupName: 'campaign-analytics' },
    ]);
  });

  it('lets other errors through', async () => {
    mock.on(CreateScheduleCommand).rejects(new Error('AccessDenied'));
    const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({ region: 'eu-west-2' }), target);
    await expect(scheduler.sync(campaign.id, plan)).rejects.toThrow('AccessDenied');
  });
});
