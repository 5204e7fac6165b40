/**
 * `npm run smoke:aws`: the demo through a real, throwaway stack. Needs AWS credentials and
 * AWS_REGION; costs cents. Deploy -> upload the demo exports to S3 (the ingest Lambda loads them)
 * -> register the campaign -> one EventBridge Scheduler run of its post-campaign report (the
 * analyse Lambda on Athena) -> check the report -> destroy the stack and its kept resources.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, DeleteUserPoolCommand, DeleteUserPoolDomainCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteBucketCommand, DeleteObjectsCommand, ListBucketsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { DateTime } from 'luxon';
import { uploadExport } from '../../shared/aws/s3-uploads.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { AthenaEngine } from '../../shared/query/athena-engine.ts';
import type { Report } from '../../shared/report/report-types.ts';
import { POST_CAMPAIGN_LABEL } from '../../shared/scheduling/campaign-schedules.ts';
import { EventBridgeCampaignScheduler } from '../../shared/scheduling/eventbridge-scheduler.ts';
import { S3ObjectStore } from '../../shared/storage/s3-object-store.ts';

const region = process.env.AWS_REGION;
if (!region) throw new Error('set AWS_REGION (and AWS credentials) for the smoke test');
const id = randomBytes(3).toString('hex');
const stackName = `CampaignSmoke${id}`;
const dir = mkdtempSync(path.join(tmpdir(), 'campaign-smoke-'));
const cdk = (...args: string[]) =>
  execFileSync('npx', ['cdk', ...args, '-c', `region=${region}`, '-c', `stackName=${stackName}`, '-c', `prefix=campaign-smoke-${id}`], { stdio: 'inherit' });
const step = (text: string) => console.log(`\n== ${text}`);

async function waitFor<T>(what: string, minutes: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + minutes * 60_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${minutes} min waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
}

let outputs: Record<string, string> = {};
let failed = false;
try {
  step(`deploy ${stackName} to ${region}`);
  const outputsFile = path.join(dir, 'outputs.json');
  cdk('deploy', '--require-approval', 'never', '--outputs-file', outputsFile);
  outputs = (JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>)[stackName]!;
  const bucket = outputs.LakeBucketName!;
  const s3 = new S3Client({ region });
  const store = new S3ObjectStore({ bucket, client: s3 });
  const demo = generateDemo();
  const campaign = parseCampaign(demo.campaign);

  step('upload the demo exports and partner counts through S3 (the ingest Lambda loads them)');
  for (const [name, content] of Object.entries(demo.adExports)) writeFileSync(path.join(dir, name), content);
  for (const name of Object.keys(demo.adExports)) await uploadExport({ client: s3, bucket }, path.join(dir, name));
  for (const u of demo.partnerUploads) {
    writeFileSync(path.join(dir, u.fileName), u.content);
    await uploadExport({ client: s3, bucket }, path.join(dir, u.fileName), { partnerId: u.partnerId });
  }
  const athena = new AthenaEngine({ workGroup: outputs.AthenaWorkgroupName!, database: outputs.GlueDatabaseName!, region });
  const expectedPartners = new Set(demo.partnerUploads.map((u) => u.partnerId)).size;
  await waitFor('every upload in the curated tables', 10, async () => {
    const [d] = await athena.query('SELECT count(DISTINCT partner_id) AS partners FROM service_demand');
    const [a] = await athena.query('SELECT count(*) AS n FROM ad_delivery');
    return Number(d!.partners) === expectedPartners && Number(a!.n) > 0 ? true : undefined;
  });

  step('register the campaign (the schedule Lambda plans its runs)');
  await registerCampaign(store, campaign);

  step('run its post-campaign report through EventBridge Scheduler in two minutes');
  const scheduler = new EventBridgeCampaignScheduler(new SchedulerClient({ region }), {
    groupName: outputs.ScheduleGroupName!,
    functionArn: outputs.AnalyseFunctionArn!,
    roleArn: outputs.SchedulerRoleArn!,
    deadLetterArn: outputs.ScheduledRunDeadLetterQueueArn!,
  });
  const at = DateTime.now().setZone(campaign.timezone).plus({ minutes: 2 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  await scheduler.upsert({
    name: `${campaign.id}.smoke`,
    at,
    expression: `at(${at})`,
    timezone: campaign.timezone,
    input: { campaignId: campaign.id, asOf: campaign.end, label: POST_CAMPAIGN_LABEL },
  });
  const report = await waitFor('the scheduled report', 15, async () => {
    const key = `reports/${campaign.id}/${campaign.end}/report.json`;
    return (await store.exists(key)) ? (JSON.parse(new TextDecoder().decode(await store.get(key))) as Report) : undefined;
  });

  step('check the report');
  const problems = [
    report.phase !== 'post' && `phase is ${report.phase}, not post`,
    report.goals.some((g) => g.status === 'pending') && 'a goal is still pending',
    !((report.delivery.impressions ?? 0) > 0) && 'no delivery',
    report.serviceDemand.length === 0 && 'no service demand',
  ].filter(Boolean);
  if (problems.length) throw new Error(`report check failed: ${problems.join('; ')}`);
  console.log(`report OK: ${report.goals.map((g) => `${g.metric} ${g.status}`).join(', ')}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  step(`destroy ${stackName} and the resources it keeps on purpose`);
  try {
    cdk('destroy', '--force');
  } catch (e) {
    failed = true;
    console.error('cdk destroy failed:', e);
  }
  await deleteKept(outputs).catch((e) => {
    failed = true;
    console.error('could not delete the kept buckets or user pool:', e);
  });
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** The buckets and user pool are retained by design; a smoke stack's are deleted here. */
async function deleteKept(out: Record<string, string>) {
  const s3 = new S3Client({ region });
  const logBuckets = new Set<string>();
  for (const bucket of [out.LakeBucketName, out.AthenaResultsBucketName].filter((b): b is string => !!b)) await emptyAndDelete(s3, bucket);
  // The access-log bucket has no output: it is named after the stack (CDK's generated name, lower case).
  const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
  for (const b of Buckets) if (b.Name?.startsWith(`${stackName.toLowerCase()}-bucketsaccesslogs`)) logBuckets.add(b.Name);
  for (const bucket of logBuckets) await emptyAndDelete(s3, bucket);
  if (out.PortalUserPoolId) {
    const cognito = new CognitoIdentityProviderClient({ region });
    const pool = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: out.PortalUserPoolId }));
    if (pool.UserPool?.Domain) await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: out.PortalUserPoolId, Domain: pool.UserPool.Domain }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: out.PortalUserPoolId }));
  }
}

async function emptyAndDelete(s3: S3Client, bucket: string) {
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
    if (objects.length === 0) break;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}
