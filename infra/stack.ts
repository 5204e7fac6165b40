import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TABLES } from '../shared/lake/tables.ts';
import { listQueries, loadQuery } from '../shared/query/sql-files.ts';
import { AnalyseFunction } from './constructs/analyse-function.ts';
import { AthenaWorkgroup } from './constructs/athena-workgroup.ts';
import { GlueCatalog } from './constructs/glue-catalog.ts';
import { IngestFunction } from './constructs/ingest-function.ts';
import { LakeBuckets } from './constructs/lake-buckets.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { PartnerPortal } from './constructs/partner-portal.ts';
import { CampaignSchedules } from './constructs/schedules.ts';

/** Context key: `true` replaces Lambda bundles with inline stubs (fast template-only tests). */
export const STUB_CODE_CONTEXT = 'campaign:stubLambdaCode';

/** Default prefix of the stack's named resources. */
export const DEFAULT_PREFIX = 'campaign-analytics';

export interface CampaignAnalyticsStackProps extends StackProps {
  /**
   * Prefix of every account-wide name (Athena workgroup, schedule group, Glue database, sign-in
   * domain), so two stacks (e.g. staging and production) can share an account and region.
   * Lower case letters, digits and dashes. Default {@link DEFAULT_PREFIX}.
   */
  prefix?: string;
  /** Glue database name (lower case, underscores). Default: the prefix with underscores. */
  databaseName?: string;
  /** Athena workgroup and schedule group name. Default: the prefix. */
  resourceName?: string;
  /** E-mail address that receives the alarms (dead letters, Lambda errors). */
  alarmEmail?: string;
  /** Inline stub code instead of esbuild bundles. Default: context {@link STUB_CODE_CONTEXT}. */
  stubCode?: boolean;
}

/** The AWS runtime of the pipeline: lake, catalog, Athena, ingest, analyse, scheduled runs and the partner portal API. */
export class CampaignAnalyticsStack extends Stack {
  readonly buckets: LakeBuckets;
  readonly catalog: GlueCatalog;
  readonly athena: AthenaWorkgroup;
  readonly ingest: IngestFunction;
  readonly analyse: AnalyseFunction;
  readonly schedules: CampaignSchedules;
  readonly portal: PartnerPortal;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: CampaignAnalyticsStackProps = {}) {
    super(scope, id, props);
    // Server access logs are delivered under a bucket policy, not the legacy log-delivery ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const stubCode = props.stubCode ?? this.node.tryGetContext(STUB_CODE_CONTEXT) === true;
    const prefix = props.prefix ?? DEFAULT_PREFIX;
    if (!/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(prefix)) throw new Error(`prefix must be 3-32 lower-case letters, digits and dashes, got "${prefix}"`);
    const databaseName = props.databaseName ?? prefix.replace(/-/g, '_');
    const resourceName = props.resourceName ?? prefix;

    this.buckets = new LakeBuckets(this, 'Buckets');
    const { lake, results } = this.buckets;
    this.catalog = new GlueCatalog(this, 'Catalog', { lake, databaseName, tables: TABLES });
    this.athena = new AthenaWorkgroup(this, 'Athena', {
      name: resourceName,
      results,
      databaseName,
      queries: listQueries().map((name) => ({ name, sql: loadQuery(name) })),
    });
    const environment = {
      CAMPAIGN_STORE: `s3://${lake.bucketName}/`,
      CAMPAIGN_ENGINE: 'athena',
      ATHENA_WORKGROUP: resourceName,
      ATHENA_DATABASE: databaseName,
    };
    this.ingest = new IngestFunction(this, 'Ingest', { lake, environment, stubCode });
    this.analyse = new AnalyseFunction(this, 'Analyse', { lake, results, workgroup: this.athena, catalog: this.catalog, environment, stubCode });
    this.schedules = new CampaignSchedules(this, 'Schedules', { lake, analyse: this.analyse.function.fn, groupName: resourceName, stubCode });
    this.portal = new PartnerPortal(this, 'Portal', { lake, apiName: `${resourceName}-portal`, domainPrefix: `${prefix}-${this.account}`, stubCode });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      queues: {
        ingest: this.ingest.deadLetters,
        analyse: this.analyse.deadLetters,
        schedules: this.schedules.deadLetters,
        'scheduled-runs': this.schedules.runDeadLetters,
      },
      functions: {
        ingest: this.ingest.function.fn,
        analyse: this.analyse.function.fn,
        schedules: this.schedules.function.fn,
        portal: this.portal.function.fn,
      },
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'LakeBucketName', { value: lake.bucketName });
    new CfnOutput(this, 'AthenaResultsBucketName', { value: results.bucketName });
    new CfnOutput(this, 'AthenaWorkgroupName', { value: resourceName });
    new CfnOutput(this, 'GlueDatabaseName', { value: databaseName });
    new CfnOutput(this, 'AnalyseFunctionName', { value: this.analyse.function.fn.functionName });
    new CfnOutput(this, 'IngestFunctionName', { value: this.ingest.function.fn.functionName });
    new CfnOutput(this, 'ScheduleFunctionName', { value: this.schedules.function.fn.functionName });
    new CfnOutput(this, 'ScheduleGroupName', { value: resourceName });
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.schedules.schedulerRole.roleArn });
    new CfnOutput(this, 'ScheduledRunDeadLetterQueueArn', { value: this.schedules.runDeadLetters.queueArn });
    new CfnOutput(this, 'AnalyseFunctionArn', { value: this.analyse.function.fn.functionArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    // `campaign redrive --queue <url> --function <name>` sends each message back to its function.
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: this.ingest.deadLetters.queueUrl });
    new CfnOutput(this, 'AnalyseDeadLetterQueueUrl', { value: this.analyse.deadLetters.queueUrl });
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', { value: this.schedules.deadLetters.queueUrl });
    new CfnOutput(this, 'ScheduledRunDeadLetterQueueUrl', { value: this.schedules.runDeadLetters.queueUrl });
    new CfnOutput(this, 'PortalApiUrl', { value: this.portal.url });
    new CfnOutput(this, 'PortalLoginUrl', { value: this.portal.domain.baseUrl() });
    new CfnOutput(this, 'PortalUserPoolId', { value: this.portal.userPool.userPoolId });
    new CfnOutput(this, 'PortalUserPoolClientId', { value: this.portal.client.userPoolClientId });
  }
}
