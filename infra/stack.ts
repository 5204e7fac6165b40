import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TABLES } from '../shared/lake/tables.ts';
import { listQueries, loadQuery } from '../shared/query/sql-files.ts';
import { AnalyseFunction } from './constructs/analyse-function.ts';
import { AthenaWorkgroup } from './constructs/athena-workgroup.ts';
import { GlueCatalog } from './constructs/glue-catalog.ts';
import { IngestFunction } from './constructs/ingest-function.ts';
import { LakeBuckets } from './constructs/lake-buckets.ts';
import { PartnerPortal } from './constructs/partner-portal.ts';
import { CampaignSchedules } from './constructs/schedules.ts';

/** Context key: `true` replaces Lambda bundles with inline stubs (fast template-only tests). */
export const STUB_CODE_CONTEXT = 'campaign:stubLambdaCode';

export interface CampaignAnalyticsStackProps extends StackProps {
  /** Glue database name (lower case, underscores). Default campaign_analytics. */
  databaseName?: string;
  /** Athena workgroup and schedule group name. Default campaign-analytics. */
  resourceName?: string;
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

  constructor(scope: Construct, id: string, props: CampaignAnalyticsStackProps = {}) {
    super(scope, id, props);
    // Server access logs are delivered under a bucket policy, not the legacy log-delivery ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const stubCode = props.stubCode ?? this.node.tryGetContext(STUB_CODE_CONTEXT) === true;
    const databaseName = props.databaseName ?? 'campaign_analytics';
    const resourceName = props.resourceName ?? 'campaign-analytics';

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
    this.portal = new PartnerPortal(this, 'Portal', { lake, apiName: `${resourceName}-portal`, stubCode });

    new CfnOutput(this, 'LakeBucketName', { value: lake.bucketName });
    new CfnOutput(this, 'AthenaResultsBucketName', { value: results.bucketName });
    new CfnOutput(this, 'AthenaWorkgroupName', { value: resourceName });
    new CfnOutput(this, 'GlueDatabaseName', { value: databaseName });
    new CfnOutput(this, 'AnalyseFunctionName', { value: this.analyse.function.fn.functionName });
    new CfnOutput(this, 'PortalApiUrl', { value: this.portal.url });
    new CfnOutput(this, 'PortalUserPoolId', { value: this.portal.userPool.userPoolId });
    new CfnOutput(this, 'PortalUserPoolClientId', { value: this.portal.client.userPoolClientId });
  }
}
