import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIX } from '../../shared/lake/layout.ts';
import { DISCLOSURE_KEY } from '../../shared/pipeline/disclosure-rules.ts';
import { EXCHANGE_RATES_KEY } from '../../shared/pipeline/exchange-rates.ts';
import { acknowledge, iam5Resource } from '../nag.ts';
import type { AthenaWorkgroup } from './athena-workgroup.ts';
import { RESULTS_PREFIX } from './athena-workgroup.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import type { GlueCatalog } from './glue-catalog.ts';
import { grantPrefixes } from './lake-access.ts';
import { NodeFunction } from './node-function.ts';

export interface AnalyseFunctionProps {
  lake: s3.IBucket;
  results: s3.IBucket;
  workgroup: AthenaWorkgroup;
  catalog: GlueCatalog;
  environment: Record<string, string>;
  stubCode?: boolean;
}

/** Analyse: `{ campaignId, asOf?, label? }` -> Athena queries -> reports/<campaign>/<as-of>/. */
export class AnalyseFunction extends Construct {
  readonly function: NodeFunction;
  /** Asynchronous invocations (scheduled runs, `--invocation-type Event`) that failed every retry. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AnalyseFunctionProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    this.function = new NodeFunction(this, 'Analyse', {
      entry: 'functions/analyse/handler.ts',
      description: 'Campaign report: goals, pacing, uplift, geo lift',
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'campaign-analyse' },
      // Sized from `npm run bench` (analysis section): at 1,000 regions x 5 years x 2 channels the
      // JavaScript side of an analysis (heap + buffers, Athena answers are columns) peaks near
      // the figure in README "Speed and accuracy"; 2,048 MB leaves room and gives a whole vCPU.
      memorySize: 2048,
      timeout: Duration.minutes(10),
      withQueries: true,
      withGeoData: true,
      // Scheduler invokes asynchronously: failures land here after Lambda's own retries.
      asyncFailureQueue: this.deadLetters,
      stubCode: props.stubCode,
    });
    const role = this.function.role;
    grantPrefixes(role, props.lake, {
      // Exchange rates: HeadObject on an existing key without GetObject is a 403, not a 404.
      // Reports: a new version is kept beside the earlier ones, which it reads to say what it replaces.
      // config/disclosure.json: the project's disclosure rules.
      read: [PREFIX.curated, PREFIX.campaigns, PREFIX.reports, EXCHANGE_RATES_KEY, DISCLOSURE_KEY],
      write: [PREFIX.reports],
      listBucket: true,
    });
    // Athena reads the lake and writes results with the caller's permissions.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
        resources: [props.workgroup.arn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: props.catalog.arns(),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [props.lake.bucketArn, props.results.bucketArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [props.results.arnForObjects(`${RESULTS_PREFIX}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [props.results.bucketArn],
      }),
    );
    acknowledge(
      role,
      iam5Resource(role, props.results.arnForObjects(`${RESULTS_PREFIX}*`)),
      `Athena query results under ${RESULTS_PREFIX} in the results bucket: Athena names each result object by query id at run time.`,
    );
  }
}
