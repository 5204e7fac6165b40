import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { schedulePrefix, type PlannedSchedule } from './campaign-schedules.ts';

/** Where schedules live and what they invoke. */
export interface SchedulerTarget {
  /** Schedule group holding every campaign schedule. */
  groupName: string;
  /** ARN of the analyse Lambda function. */
  functionArn: string;
  /** Role EventBridge Scheduler assumes to invoke the function. */
  roleArn: string;
  /** SQS queue receiving a run that still fails after its retries (EventBridge Scheduler's DeadLetterConfig). */
  deadLetterArn: string;
  /** Retries of a failed invocation. Default 3. */
  maximumRetryAttempts?: number;
  /** How long a run may keep being retried, in seconds. Default 6 hours. */
  maximumEventAgeInSeconds?: number;
}

/** What {@link EventBridgeCampaignScheduler.sync} changed. */
export interface SyncResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * EventBridge Scheduler adapter: keeps the one-time schedules of a campaign equal to a plan.
 * @example
 * await new EventBridgeCampaignScheduler(new SchedulerClient({}), target).sync('kenya-2026', plan.schedules)
 */
export class EventBridgeCampaignScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly target: SchedulerTarget,
  ) {}

  /** The CreateSchedule / UpdateSchedule request of one planned schedule. */
  request(s: PlannedSchedule): CreateScheduleCommandInput {
    return {
      Name: s.name,
      GroupName: this.target.groupName,
      Description: `${s.input.label} report of campaign ${s.input.campaignId} as of ${s.input.asOf}`,
      ScheduleExpression: s.expression,
      ScheduleExpressionTimezone: s.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      // One-time schedules are removed once they have run, so the group does not fill up.
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.target.functionArn,
        RoleArn: this.target.roleArn,
        Input: JSON.stringify(s.input),
        DeadLetterConfig: { Arn: this.target.deadLetterArn },
        RetryPolicy: {
          MaximumRetryAttempts: this.target.maximumRetryAttempts ?? 3,
          MaximumEventAgeInSeconds: this.target.maximumEventAgeInSeconds ?? 6 * 3600,
        },
      },
    };
  }

  /** Create each schedule, or update it when one of that name exists. Returns whether it was created. */
  async upsert(s: PlannedSchedule): Promise<'created' | 'updated'> {
    const input = this.request(s);
    try {
      await this.client.send(new CreateScheduleCommand(input));
      return 'created';
    } catch (e) {
      if (!(e instanceof ConflictException)) throw e;
      await this.client.send(new UpdateScheduleCommand(input));
      return 'updated';
    }
  }

  /** Names of the campaign's schedules that exist now. */
  async existing(campaignId: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListSchedulesCommand({ GroupName: this.target.groupName, NamePrefix: `${schedulePrefix(campaignId)}.`, NextToken: token }),
      );
      for (const s of page.Schedules ?? []) if (s.Name) names.push(s.Name);
      token = page.NextToken;
    } while (token);
    return names;
  }

  /**
   * Make the campaign's schedules exactly `planned`: upsert each, then delete any left over
   * from an earlier version of the campaign (e.g. a follow-up that was removed or moved).
   */
  async sync(campaignId: string, planned: PlannedSchedule[]): Promise<SyncResult> {
    const result: SyncResult = { created: [], updated: [], deleted: [] };
    for (const s of planned) result[await this.upsert(s) === 'created' ? 'created' : 'updated'].push(s.name);
    const keep = new Set(planned.map((s) => s.name));
    for (const name of await this.existing(campaignId)) {
      if (keep.has(name)) continue;
      try {
        await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
        result.deleted.push(name);
      } catch (e) {
        // Already gone (it ran and deleted itself in between): nothing to do.
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
    }
    return result;
  }
}
