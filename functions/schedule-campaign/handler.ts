import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from '@aws-lambda-powertools/parser';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeCampaignScheduler } from '../../shared/scheduling/eventbridge-scheduler.ts';
import { scheduleCampaign } from '../../shared/scheduling/schedule-campaign.ts';
import { decodeS3EventKey } from '../../shared/storage/s3-url.ts';

const logger = new Logger({ serviceName: 'campaign-schedules' });
const s3 = new S3Client({});
const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({}), {
  groupName: requireEnv('SCHEDULE_GROUP'),
  functionArn: requireEnv('ANALYSE_FUNCTION_ARN'),
  roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
  deadLetterArn: requireEnv('SCHEDULE_DLQ_ARN'),
});

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * A campaign definition was written (S3 -> EventBridge, campaigns/<id>/campaign.json): make its
 * post-campaign and follow-up schedules match it.
 */
export async function handler(event: unknown) {
  const { detail } = parse(event, undefined, S3EventNotificationEventBridgeSchema);
  // AWS URL-encodes keys in events (`=` as %3D, space as +); the store takes plain keys.
  const key = decodeS3EventKey(detail.object.key);
  const store = {
    get: async (k: string) => (await s3.send(new GetObjectCommand({ Bucket: detail.bucket.name, Key: k }))).Body!.transformToByteArray(),
  };
  const result = await scheduleCampaign(key, { store, scheduler, options: { now: new Date() } });
  if (result.status === 'ignored') logger.info('ignored: not a campaigns/<id>/campaign.json key', { key });
  else
    logger.info('campaign schedules in place', {
      campaignId: result.campaignId,
      runs: result.schedules.map((s) => `${s.input.label}@${s.at} ${s.timezone}`),
      alreadyPast: result.past.map((s) => s.input.label),
      ...result.changes,
    });
  return result.status === 'ignored' ? result : { status: result.status, campaignId: result.campaignId, ...result.changes };
}
