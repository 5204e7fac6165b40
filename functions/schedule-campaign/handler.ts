import { Logger } from '@aws-lambda-powertools/logger';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeCampaignScheduler } from '../../shared/scheduling/eventbridge-scheduler.ts';
import { scheduleCampaign } from '../../shared/scheduling/schedule-campaign.ts';

const logger = new Logger();
const s3 = new S3Client({});
const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({}), {
  groupName: requireEnv('SCHEDULE_GROUP'),
  functionArn: requireEnv('ANALYSE_FUNCTION_ARN'),
  roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
});

function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

/** S3 Object Created (via EventBridge) under campaigns/ -> one-time analysis schedules. */
export const handler = async (event: unknown) => {
  const { bucket, object } = S3EventNotificationEventBridgeSchema.parse(event).detail;
  // S3 event keys are URL-encoded with `+` for spaces.
  const key = decodeURIComponent(object.key.replace(/\+/g, ' '));
  const store = {
    get: async (k: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: k }))).Body!.transformToByteArray(),
  };
  const result = await scheduleCampaign(key, { store, scheduler, options: { now: new Date() } });
  logger.info('campaign schedules', { key, ...result });
  return result;
};
